import type { Finding, Severity } from '../findings/model.js';
import { type ParsedJws, type ParsedToken, claimsOf } from './parse.js';
import { type JwtRuleId, jwtRule } from './rules.js';
import { type TimeAnalysis, analyseTimes, isNumericDate, isoFromSeconds, preciseDuration } from './time.js';
import { type HmacAlg, WEAK_SECRET_MAX_INPUT, WEAK_SECRET_UNAVAILABLE, type WeakSecretMatch, findWeakSecret, secretListPlace, weakSecretListAvailable } from './weak-secret.js';

export const DEFAULT_MAX_LIFETIME_SECONDS = 15 * 60;

export interface AnalyseOptions {
  now: Date;
  leewaySeconds: number;
  maxLifetimeSeconds: number;
  /** Try every known secret against HS256/384/512 signatures (off in verify, which knows the key). */
  weakSecretSearch: boolean;
}

/** A finding before it is placed in a file. */
export type TokenFinding = Omit<Finding, 'file' | 'line' | 'column'>;

export interface TokenAnalysis {
  time: TimeAnalysis;
  findings: TokenFinding[];
  /** null: not searched (not HMAC, or off); false: searched, no match. */
  weakSecret: WeakSecretMatch | false | null;
  /** Why the search did not run on an HMAC token, when it did not. */
  weakSecretSkipped?: string;
  algKnown: boolean;
}

export const HMAC_ALGS = ['HS256', 'HS384', 'HS512'] as const;
export const KNOWN_JWS_ALGS = [
  ...HMAC_ALGS,
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'ES256K',
  'EdDSA',
  'Ed25519',
  'none',
];
const KNOWN_JWE_ALGS = ['RSA1_5', 'RSA-OAEP', 'RSA-OAEP-256', 'RSA-OAEP-384', 'RSA-OAEP-512', 'A128KW', 'A192KW', 'A256KW', 'dir', 'ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ECDH-ES+A256KW', 'A128GCMKW', 'A192GCMKW', 'A256GCMKW', 'PBES2-HS256+A128KW', 'PBES2-HS384+A192KW', 'PBES2-HS512+A256KW'];

/** Header parameters registered by RFC 7515/7516/7519/7797/8555/9864 that crit may not repeat or that authkit knows. */
const REGISTERED_HEADER = new Set(['alg', 'jku', 'jwk', 'kid', 'x5u', 'x5c', 'x5t', 'x5t#S256', 'typ', 'cty', 'crit', 'enc', 'zip', 'epk', 'apu', 'apv', 'iv', 'tag', 'p2s', 'p2c']);
const UNDERSTOOD_CRIT = new Set(['b64']);

function finding(ruleId: JwtRuleId, message: string, data?: Record<string, unknown>, severity?: Severity): TokenFinding {
  return { ruleId, severity: severity ?? jwtRule(ruleId).severity, message, ...(data ? { data } : {}) };
}

/** Looks like traversal, SQL or shell syntax: what a key lookup by path, query or command would trip on. */
export function kidProblem(kid: unknown): string | null {
  if (kid === undefined) return null;
  if (typeof kid !== 'string') return `kid is a ${kid === null ? 'null' : Array.isArray(kid) ? 'array' : typeof kid}, not a string`;
  if (/\.\.[/\\]|^[/\\]|^[A-Za-z]:[/\\]|%2e%2e|\/dev\/|\/etc\/|\/proc\//i.test(kid)) return 'kid contains a file path (path traversal)';
  if (kid.includes('\0')) return 'kid contains a NUL byte';
  // `select ... from` by search, not /select.+from/: that backtracks quadratically on a hostile kid.
  const select = kid.search(/\bselect\b/i);
  const selectFrom = select >= 0 && /\bfrom\b/i.test(kid.slice(select + 7).split('\n')[0]!);
  if (selectFrom || /['"]|--|;|\/\*|\bunion\b\s+\bselect\b|\bor\b\s+['"\d]/i.test(kid)) return 'kid contains SQL syntax (quotes, comments or keywords)';
  if (/[|&`$<>\n\r]|\$\(/.test(kid)) return 'kid contains shell metacharacters';
  return null;
}

const SENSITIVE_NAME =
  /^(pass(word|wd|phrase)?|pwd|secret|client_?secret|api_?key|apikey|access_?key|secret_?key|private_?key|priv_?key|credentials?|ssn|social_?security(_?number)?|card|card_?number|cc|cc_?num(ber)?|credit_?card(_?number)?|cvv|cvc|cvv2|pan|pin|iban|otp|totp_?secret|mfa_?secret|refresh_?token_?secret|signing_?key|db_?password|aws_?secret_?access_?key)$/i;

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function looksLikeCardNumber(value: unknown): boolean {
  if (typeof value !== 'string' && typeof value !== 'number') return false;
  const text = String(value);
  if (!/^[\d -]{13,23}$/.test(text)) return false;
  const digits = text.replace(/[ -]/g, '');
  return digits.length >= 13 && digits.length <= 19 && /^[3-6]/.test(digits) && luhnValid(digits);
}

/** Paths of claims that hold secrets; iterative, bounded, never returns the values. */
export function sensitiveClaims(claims: Record<string, unknown>): { path: string; reason: string }[] {
  const out: { path: string; reason: string }[] = [];
  const queue: { value: unknown; path: string }[] = [{ value: claims, path: '' }];
  let visited = 0;
  while (queue.length > 0 && visited < 5000 && out.length < 20) {
    const { value, path } = queue.shift()!;
    visited++;
    if (value === null || typeof value !== 'object') continue;
    for (const [name, child] of Object.entries(value as Record<string, unknown>)) {
      const childPath = Array.isArray(value) ? `${path}[${name}]` : path ? `${path}.${name}` : name;
      const normalised = name.replace(/[-\s]/g, '_');
      if (!Array.isArray(value) && SENSITIVE_NAME.test(normalised) && child !== null && child !== '' && typeof child !== 'boolean') {
        out.push({ path: childPath, reason: 'its name says it holds a secret' });
      } else if (looksLikeCardNumber(child)) {
        out.push({ path: childPath, reason: 'its value is a payment card number (Luhn-valid)' });
      } else if (child !== null && typeof child === 'object') queue.push({ value: child, path: childPath });
    }
  }
  return out;
}

function critProblems(header: Record<string, unknown>): string | null {
  if (!Object.hasOwn(header, 'crit')) return null;
  const crit = header.crit;
  if (!Array.isArray(crit) || crit.length === 0 || crit.some((c) => typeof c !== 'string')) return 'crit must be a non-empty array of strings';
  const names = crit as string[];
  const registered = names.filter((n) => REGISTERED_HEADER.has(n));
  if (registered.length) return `crit lists registered header parameters (${registered.join(', ')}), which RFC 7515 forbids`;
  const missing = names.filter((n) => !Object.hasOwn(header, n));
  if (missing.length) return `crit lists parameters absent from the header (${missing.join(', ')})`;
  const unknown = names.filter((n) => !UNDERSTOOD_CRIT.has(n));
  if (unknown.length) return `crit requires extensions most verifiers do not understand (${unknown.join(', ')})`;
  return null;
}

function headerFindings(token: ParsedToken, out: TokenFinding[]): void {
  const { header } = token;
  const alg = header.alg;
  if (typeof alg === 'string' && alg.toLowerCase() === 'none') {
    out.push(finding('jwt/alg-none', `The token is unsecured (alg "${alg}"): anyone can forge it`, { alg }));
  }
  if (Object.hasOwn(header, 'jku')) {
    out.push(finding('jwt/jku-header', 'The header names a remote key set (jku); a verifier that follows it lets the sender choose the key', { jku: header.jku }));
  }
  if (Object.hasOwn(header, 'x5u')) {
    out.push(finding('jwt/x5u-header', 'The header names a remote certificate (x5u); a verifier that follows it lets the sender choose the key', { x5u: header.x5u }));
  }
  if (Object.hasOwn(header, 'jwk')) {
    const jwk = header.jwk as Record<string, unknown> | null;
    out.push(
      finding('jwt/embedded-jwk', 'The header embeds its own public key (jwk); trusting it accepts self-signed tokens (CVE-2018-0114)', {
        kty: jwk && typeof jwk === 'object' ? jwk.kty : undefined,
      }),
    );
  }
  const kid = kidProblem(header.kid);
  if (kid) out.push(finding('jwt/kid-injection', `The kid header is unsafe to use as a lookup key: ${kid}`, { kid: header.kid }));
  const crit = critProblems(header);
  if (crit) out.push(finding('jwt/unknown-crit', `The crit header is a problem: ${crit}`, { crit: header.crit }));
  if (token.encodingIssues.length > 0) {
    const described = token.encodingIssues.map((i) => `${i.segment}: ${ISSUE_TEXT[i.issue]}`);
    out.push(
      finding('jwt/noncanonical-encoding', `The token is not canonical base64url (${described.join('; ')})`, {
        issues: token.encodingIssues,
      }),
    );
  }
  for (const dup of token.headerScan.duplicates) {
    out.push(finding('jwt/duplicate-claim', `The header repeats the member "${dup.name}"; parsers disagree on which value wins`, { part: 'header', name: dup.name, path: dup.path }));
  }
}

const ISSUE_TEXT = {
  padding: 'has = padding',
  whitespace: 'contains whitespace',
  'trailing-bits': 'last character has non-zero spare bits',
  'standard-alphabet': 'uses + or / (standard base64)',
} as const;

function claimFindings(token: ParsedJws, time: TimeAnalysis, options: AnalyseOptions, out: TokenFinding[]): void {
  for (const dup of token.payloadScan?.duplicates ?? []) {
    out.push(finding('jwt/duplicate-claim', `The payload repeats the claim "${dup.name}"; parsers disagree on which value wins`, { part: 'payload', name: dup.name, path: dup.path }));
  }
  const claims = claimsOf(token);
  if (!claims) return;
  const exp = claims.exp;
  const iat = claims.iat;
  if (!Object.hasOwn(claims, 'exp')) out.push(finding('jwt/missing-exp', 'The token has no exp claim, so it never expires'));
  else if (!isNumericDate(exp)) {
    out.push(finding('jwt/missing-exp', `The exp claim is ${JSON.stringify(exp)}, not a NumericDate: verifiers ignore or reject it, and the token may never expire`, { exp }));
  }
  if (!Object.hasOwn(claims, 'iat')) out.push(finding('jwt/missing-iat', 'The token has no iat claim, so its age and lifetime are unknown'));
  else if (!isNumericDate(iat)) out.push(finding('jwt/missing-iat', `The iat claim is ${JSON.stringify(iat)}, not a NumericDate, so the token's age is unknown`, { iat }));
  if (time.expired) {
    out.push(
      finding('jwt/expired', `The token expired ${preciseDuration(time.expiredBySeconds!)} ago (exp ${isoFromSeconds(exp as number)}, now ${time.now})`, {
        exp,
        expiredBySeconds: Math.round(time.expiredBySeconds!),
        now: time.now,
        leewaySeconds: time.leewaySeconds,
      }),
    );
  }
  if (time.notYetValid) {
    out.push(
      finding('jwt/not-yet-valid', `The token is not valid for another ${preciseDuration(time.validInSeconds!)} (nbf ${isoFromSeconds(claims.nbf as number)}, now ${time.now})`, {
        nbf: claims.nbf,
        validInSeconds: Math.round(time.validInSeconds!),
        now: time.now,
      }),
    );
  }
  if (time.iatInFuture) {
    out.push(finding('jwt/iat-in-future', `The token was issued in the future (iat ${isoFromSeconds(iat as number)}, now ${time.now})`, { iat, now: time.now }));
  }
  if (time.lifetimeSeconds !== null && time.lifetimeSeconds > options.maxLifetimeSeconds) {
    out.push(
      finding('jwt/lifetime-too-long', `The token lives ${preciseDuration(time.lifetimeSeconds)} (exp - iat), over the ${preciseDuration(options.maxLifetimeSeconds)} limit`, {
        lifetimeSeconds: time.lifetimeSeconds,
        maxLifetimeSeconds: options.maxLifetimeSeconds,
      }),
    );
  }
  for (const claim of sensitiveClaims(claims)) {
    out.push(finding('jwt/sensitive-claim', `The claim "${claim.path}" is readable by anyone holding the token and ${claim.reason}`, { claim: claim.path }));
  }
}

export function weakSecretFinding(match: WeakSecretMatch, alg: string): TokenFinding {
  return finding(
    'jwt/weak-secret',
    `The ${alg} signature verifies with a publicly known secret (${secretListPlace(match.line)}): anyone can forge tokens with it`,
    { alg, secretListLine: match.line, secretListSize: match.total },
  );
}

/** Every risk rule that can be judged from the token alone. */
export function analyseToken(token: ParsedToken, options: AnalyseOptions): TokenAnalysis {
  const findings: TokenFinding[] = [];
  const claims = claimsOf(token);
  const time = analyseTimes(claims, options.now, options.leewaySeconds);
  headerFindings(token, findings);
  const alg = token.header.alg;
  const algKnown = typeof alg === 'string' && (token.kind === 'jwe' ? KNOWN_JWE_ALGS.includes(alg) : KNOWN_JWS_ALGS.includes(alg));
  let weakSecret: WeakSecretMatch | false | null = null;
  let weakSecretSkipped: string | undefined;
  if (token.kind === 'jws') {
    claimFindings(token, time, options, findings);
    if (options.weakSecretSearch && typeof alg === 'string' && (HMAC_ALGS as readonly string[]).includes(alg)) {
      if (!weakSecretListAvailable()) {
        weakSecretSkipped = WEAK_SECRET_UNAVAILABLE;
      } else if (token.signingInput.length > WEAK_SECRET_MAX_INPUT) {
        weakSecretSkipped = `the token is ${Math.round(token.signingInput.length / 1024)} KiB, over the ${WEAK_SECRET_MAX_INPUT / 1024} KiB the search handles`;
      } else {
        weakSecret = findWeakSecret(alg as HmacAlg, token.signingInput, token.signature) ?? false;
        if (weakSecret) findings.push(weakSecretFinding(weakSecret, alg));
      }
    }
  }
  return { time, findings, weakSecret, ...(weakSecretSkipped ? { weakSecretSkipped } : {}), algKnown };
}
