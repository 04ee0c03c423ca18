import { CompactSign, importJWK } from 'jose';
import type { TokenFinding } from './analyze.js';
import { weakSecretFinding } from './analyze.js';
import { type CandidateKey, algsForKey, describeKind, kindOfAlg } from './keys.js';
import { jwtRule } from './rules.js';
import { JwtOptionError, isoFromSeconds, parseDuration, parseNow, preciseDuration } from './time.js';
import { secretListPlace, weakSecretCount, weakSecretLine } from './weak-secret.js';
import { UsageError } from '../findings/errors.js';

export class SignInputError extends UsageError {}

export interface SignOptions {
  alg?: string;
  /** --claim k=v, in order; later wins. */
  claims: string[];
  headers: string[];
  /** `decode --json` output (or {header, payload}) to start from. */
  template?: string;
  now: Date;
  exp?: string;
  /** true: iat = now; false: no iat; 'keep': as in the template; other strings: a time. */
  iat: boolean | string;
  nbf?: string;
  maxLifetimeSeconds: number;
  /** Mint what a careful issuer never would (alg none, a publicly known secret): test tokens only. */
  allowWeak?: boolean;
}

export interface SignResult {
  token: string;
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  warnings: TokenFinding[];
}

// RFC 7519 makes these StringOrURI (aud: one or an array of them): `sub=42` must stay "42", or
// verifiers (jose, `verify --sub 42`) reject the token they were given.
const STRING_CLAIMS = new Set(['sub', 'iss', 'jti', 'aud']);

/**
 * `k=v`: v is JSON when it parses as JSON (numbers, true, arrays, objects), else a string. The
 * string claims sub, iss, jti and aud stay strings unless written as a JSON array, object or
 * quoted string.
 */
export function parseAssignment(text: string, option: string): [string, unknown] {
  const at = text.indexOf('=');
  if (at <= 0) throw new SignInputError(`${option}: expected name=value, got "${text}"`);
  const name = text.slice(0, at);
  const raw = text.slice(at + 1);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return [name, raw];
  }
  if (option === '--claim' && STRING_CLAIMS.has(name) && (value === null || typeof value !== 'object') && typeof value !== 'string') return [name, raw];
  return [name, value];
}

/**
 * JSON.parse takes any depth but JSON.stringify recurses and overflowed the stack on a 5,000-deep
 * template; no real claims set comes near this.
 */
const MAX_TEMPLATE_DEPTH = 500;

function deeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

function readTemplate(text: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  // A broken `decode --json | jq | sign -` pipeline hands over nothing: minting an iat-only token
  // then would hide it.
  if (text.trim() === '') throw new SignInputError('the template is empty (nothing on stdin or in the file); pipe in `authkit decode --json` output');
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new SignInputError(`the template is not JSON (${(error as Error).message}); pipe in \`authkit decode --json\` output`);
  }
  if (deeperThan(doc, MAX_TEMPLATE_DEPTH)) throw new SignInputError(`the template is nested more than ${MAX_TEMPLATE_DEPTH} levels deep`);
  const tokens = Array.isArray(doc?.tokens) ? (doc.tokens as Record<string, unknown>[]) : [];
  const source = doc && typeof doc.header === 'object' && doc.header !== null ? doc : tokens[0];
  if (tokens.length > 1 && !(doc && typeof doc.header === 'object')) throw new SignInputError(`the template holds ${tokens.length} tokens; sign one at a time`);
  const header = source?.header;
  const payload = source?.payload;
  if (!header || typeof header !== 'object' || Array.isArray(header)) throw new SignInputError('the template has no "header" object (expected `authkit decode --json` output)');
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) throw new SignInputError('the template has no "payload" claims object; only JWT claims sets can be re-signed');
  return { header: { ...(header as Record<string, unknown>) }, payload: { ...(payload as Record<string, unknown>) } };
}

/** A time option: a duration from now (`15m`) or an absolute time (ISO 8601 or epoch seconds >= 10^9). */
function timeOption(text: string, option: string, nowSeconds: number): number {
  const trimmed = text.trim();
  if (/^\d{9,}$/.test(trimmed) || /^\d{4}-\d{2}-\d{2}/.test(trimmed)) return Math.floor(parseNow(trimmed).getTime() / 1000);
  const negative = trimmed.startsWith('-');
  const seconds = parseDuration(negative ? trimmed.slice(1) : trimmed, option);
  return Math.floor(nowSeconds + (negative ? -seconds : seconds));
}

const HASH_BYTES: Record<string, number> = { HS256: 32, HS384: 48, HS512: 64 };

/** Mints a token. The key is a secret or a private key; `alg: none` only when asked for by name. */
export async function signToken(key: CandidateKey | null, options: SignOptions): Promise<SignResult> {
  const base = options.template !== undefined ? readTemplate(options.template) : { header: {}, payload: {} };
  const header: Record<string, unknown> = base.header;
  const payload: Record<string, unknown> = base.payload;
  for (const text of options.headers) {
    const [name, value] = parseAssignment(text, '--header');
    header[name] = value;
  }
  for (const text of options.claims) {
    const [name, value] = parseAssignment(text, '--claim');
    payload[name] = value;
  }
  const nowSeconds = Math.floor(options.now.getTime() / 1000);
  try {
    if (options.iat === true) payload.iat = nowSeconds;
    else if (options.iat === false) delete payload.iat;
    else if (options.iat === 'keep') {
      if (payload.iat === undefined) payload.iat = nowSeconds;
    }
    else payload.iat = timeOption(options.iat, '--iat', nowSeconds);
    if (options.exp !== undefined) payload.exp = timeOption(options.exp, '--exp', nowSeconds);
    if (options.nbf !== undefined) payload.nbf = timeOption(options.nbf, '--nbf', nowSeconds);
  } catch (error) {
    if (error instanceof JwtOptionError) throw new SignInputError(error.message);
    throw error;
  }

  const templateAlg = typeof header.alg === 'string' ? header.alg : undefined;
  let alg = options.alg ?? (key && templateAlg && kindOfAlg(templateAlg) === key.kind ? templateAlg : undefined) ?? (key ? algsForKey(key)[0] : undefined);
  if (!key && !options.alg) throw new SignInputError('sign needs a key: --secret-file, --secret-env, --secret or --key (or --alg none for an unsecured test token)');
  if (!alg) throw new SignInputError(`no algorithm fits the ${describeKind(key!)}; pass --alg`);
  header.alg = alg;
  if (header.typ === undefined && !options.template) header.typ = 'JWT';
  const warnings: TokenFinding[] = [];
  // decode flags the same token with jwt/missing-exp: minting it without a word hid that.
  if (!Object.hasOwn(payload, 'exp')) {
    warnings.push({ ruleId: 'jwt/missing-exp', severity: jwtRule('jwt/missing-exp').severity, message: 'The token has no exp claim, so it never expires (--exp 15m sets one)' });
  }
  const payloadBytes = new TextEncoder().encode(JSON.stringify(payload));
  if (alg.toLowerCase() === 'none') {
    if (key) throw new SignInputError('--alg none takes no key');
    if (!options.allowWeak) throw new SignInputError('--alg none mints an unsecured token that any verifier must refuse; add --allow-weak to mint one on purpose (to test verifiers)');
    alg = 'none';
    header.alg = 'none';
    warnings.push({ ruleId: 'jwt/alg-none', severity: jwtRule('jwt/alg-none').severity, message: 'Minted an unsecured token (alg none) on request: for testing that verifiers refuse it' });
    const token = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(payloadBytes).toString('base64url')}.`;
    return { token, header, payload, warnings };
  }
  if (!key) throw new SignInputError(`--alg ${alg} needs a key`);
  if (kindOfAlg(alg) !== key.kind || !algsForKey(key).includes(alg)) {
    throw new SignInputError(`--alg ${alg} does not fit the ${describeKind(key)} (it allows ${algsForKey(key).join(', ') || 'nothing'})`);
  }
  if (key.kind === 'hmac') {
    const line = weakSecretLine(key.secret!);
    if (line !== null && !options.allowWeak) {
      throw new SignInputError(
        `the secret is publicly known (${secretListPlace(line)}): anyone could forge tokens signed with it; use 32+ random bytes (openssl rand -base64 32), or add --allow-weak for a deliberate test token`,
      );
    }
    if (line !== null) warnings.push(weakSecretFinding({ line, total: weakSecretCount() }, alg));
    if (key.secret!.length < HASH_BYTES[alg]!) {
      warnings.push({
        ruleId: 'jwt/short-hmac-key',
        severity: jwtRule('jwt/short-hmac-key').severity,
        message: `The ${alg} secret is ${key.secret!.length} bytes, shorter than the ${HASH_BYTES[alg]}-byte hash output (RFC 7518 section 3.2)`,
        data: { alg, secretBytes: key.secret!.length, requiredBytes: HASH_BYTES[alg] },
      });
    }
  }
  if (typeof payload.exp === 'number' && typeof payload.iat === 'number' && payload.exp - payload.iat > options.maxLifetimeSeconds) {
    warnings.push({
      ruleId: 'jwt/lifetime-too-long',
      severity: 'warning',
      message: `The token lives ${preciseDuration(payload.exp - payload.iat)} (until ${isoFromSeconds(payload.exp)}), over the ${preciseDuration(options.maxLifetimeSeconds)} limit`,
    });
  }
  let material: Uint8Array | CryptoKey;
  try {
    material = key.kind === 'hmac' ? key.secret! : await importJWK({ ...key.jwk, alg } as Parameters<typeof importJWK>[0], alg);
  } catch (error) {
    throw new SignInputError(`cannot use ${key.source} for ${alg}: ${(error as Error).message}`);
  }
  // CompactSign keeps the header exactly as given (kid, typ, custom members from the template).
  const token = await new CompactSign(payloadBytes).setProtectedHeader(header as Parameters<CompactSign['setProtectedHeader']>[0]).sign(material);
  return { token, header, payload, warnings };
}
