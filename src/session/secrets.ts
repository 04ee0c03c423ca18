// Literal signing and session secrets: in the APIs' own arguments, behind a
// `process.env.X || 'literal'` fallback, or in committed config files. A value found in the public
// list authkit ships (data/jwt-secrets.list) is an error, named by its line and never printed.
import { isNode, keyName, type Node, unwrap } from '../js/ast.js';
import { LineIndex } from '../js/lines.js';
import { WEAK_SECRET_FILE, weakSecretLine } from '../jwt/weak-secret.js';
import type { Finding } from '../findings/model.js';
import { type AuditContext, args, calleeName } from './context.js';
import { stringLiteral } from './flow.js';

interface SecretLiteral {
  node: Node;
  value: string;
  /** The environment variable whose absence falls back to the literal. */
  fallbackOf?: string;
  /** The first name followed to reach the literal (`JWT_SECRET`, `config.jwtSecret`). */
  via?: string;
  /** The array of secrets it is one of (`keys: ['k1', 'k2']`, key rotation). */
  inArray?: Node;
}

/** The literal a secret expression is, or falls back to, following const names and key wrappers. */
function secretLiterals(ctx: AuditContext, node: unknown, depth = 0, via?: string): SecretLiteral[] {
  const target = unwrap(node);
  if (!isNode(target) || depth > 8) return [];
  const literal = stringLiteral(target);
  if (literal !== undefined) return literal.trim() === '' ? [] : [{ node: target, value: literal, ...(via ? { via } : {}) }];
  switch (target.type) {
    case 'Identifier':
    case 'MemberExpression': {
      const name = via ?? (target.end - target.start <= 40 ? ctx.text(target) : undefined);
      const resolved = target.type === 'Identifier' ? ctx.flow.valueOf(target) : undefined;
      if (resolved && resolved.path.length === 0) return secretLiterals(ctx, resolved.node, depth + 1, name);
      const value = ctx.flow.resolve(target);
      return value && value !== target ? secretLiterals(ctx, value, depth + 1, name) : [];
    }
    case 'LogicalExpression': {
      if (target.operator !== '||' && target.operator !== '??') return [];
      const env = envName(target.left);
      return secretLiterals(ctx, target.right, depth + 1, via).map((found) => (env ? { ...found, fallbackOf: env } : found));
    }
    case 'ConditionalExpression':
      // `isProd ? process.env.SECRET : 'dev-secret'`: the literal is the secret wherever the condition is false.
      return [...secretLiterals(ctx, target.consequent, depth + 1, via), ...secretLiterals(ctx, target.alternate, depth + 1, via)];
    case 'ArrayExpression':
      return (target.elements as (Node | null)[]).flatMap((element) => secretLiterals(ctx, element, depth + 1, via).map((found) => ({ inArray: target, ...found })));
    case 'CallExpression': {
      // new TextEncoder().encode('...'), Buffer.from('...'), createSecretKey(Buffer.from('...'))
      const name = calleeName(target);
      if (name === 'encode' || name === 'from' || name === 'createSecretKey') return secretLiterals(ctx, args(target)[0], depth + 1, via);
      return [];
    }
    default:
      return [];
  }
}

// A public key verifies and cannot sign; a TOTP seed makes one-time codes, not tokens or cookies.
// Neither gives an attacker a session, so neither is this rule's business.
const PUBLIC_KEY_VALUE = /^-----BEGIN (RSA )?PUBLIC KEY-----|^-----BEGIN CERTIFICATE-----|^ssh-(rsa|ed25519) |public[-_ ]?key/i;
const NOT_SIGNING_NAME = /public|totp|hotp|(^|[^a-z])otp|otp_?secret|otpSecret|2fa|two_?factor|mfa|authenticator|webhook|recaptcha|captcha|client_?secret|api_?secret|stripe|paypal|aws|s3/i;

function isSigningSecret(found: SecretLiteral, api = ''): boolean {
  if (PUBLIC_KEY_VALUE.test(found.value)) return false;
  // The name's last segment says what it is: `config.totpSecret` is a seed, `publicRuntimeConfig.jwtSecret` is not public.
  const last = (found.via ?? '').split('.').pop() ?? '';
  return !NOT_SIGNING_NAME.test(last) && !NOT_SIGNING_NAME.test(api);
}

/**
 * Reports each literal secret `node` stands for; `api` names where it is used (`jwt.sign`). The
 * literals of one array (`keys: ['key1', 'key2']`) are one mistake on one line: one finding, at the
 * first, an error when any of them is publicly known.
 */
export function checkSecret(ctx: AuditContext, node: unknown, api: string | undefined, name?: string): void {
  const reported = new Set<Node>();
  const all = secretLiterals(ctx, node, 0)
    .map((f) => (f.via || !name ? f : { ...f, via: name }))
    .filter((f) => isSigningSecret(f, api));
  for (const found of all) {
    if (found.inArray && reported.has(found.inArray)) continue;
    if (found.inArray) reported.add(found.inArray);
    const siblings = found.inArray ? all.filter((f) => f.inArray === found.inArray) : [found];
    // The best-known one (the list is ordered by how often a secret is seen) names the finding.
    const lines = siblings.map((f) => weakSecretLine(Buffer.from(f.value, 'utf8'))).filter((l) => l !== null);
    const line = lines.length > 0 ? lines.reduce((a, b) => Math.min(a, b)) : null;
    const named = found.via ? `\`${found.via}\`` : undefined;
    const where = found.fallbackOf
      ? `${named ? `${named} falls` : 'The secret falls'} back to a literal when process.env.${found.fallbackOf} is unset${api ? `, and ${api} signs with it` : ''}`
      : named && api
        ? `${named}, the secret ${api} uses, is a literal written in the code`
        : named
          ? `${named} holds a literal secret written in the code`
          : `${api ?? 'This call'} is given a literal secret written in the code`;
    const several = siblings.length > 1 ? ` (${siblings.length} literals in one array)` : '';
    const known = line === null ? '' : ` It is line ${line} of ${WEAK_SECRET_FILE}, a publicly known secret that attackers try first.`;
    ctx.report(
      'session/hardcoded-secret',
      found.node,
      `${where}${several}: anyone who reads the repository can sign their own tokens or session cookies.${known} Read it from the environment and refuse to start without it`,
      line === null ? {} : { severity: 'error', data: { knownSecretLine: line } },
    );
  }
}

function envName(node: unknown): string | undefined {
  const target = unwrap(node);
  if (!isNode(target) || target.type !== 'MemberExpression') return undefined;
  const object = unwrap(target.object) as Node;
  if (object.type === 'MemberExpression' && isNode(object.property) && object.property.name === 'env' && isNode(target.property)) {
    return (target.property.name as string | undefined) ?? (target.property.value as string | undefined);
  }
  return undefined;
}

// Names that say "this is the key tokens or sessions are signed with": JWT_SECRET, jwtSecret,
// secretOrKey, ACCESS_TOKEN_SECRET, sessionSecret, { secret: ... }.
const SECRET_NAME = /^(jwt|token|access_?token|refresh_?token|session|cookie|auth|app)?_?secret(_?key)?$|^secret_?or_?key$|^jwt_?(key|signing_?key)$/i;

/** Secret-named constants, properties and member assignments holding a literal, wherever they are later used. */
export function checkSecretNames(ctx: AuditContext): void {
  for (const { node } of ctx.declarators) {
    const id = node.id as Node;
    if (id.type === 'Identifier' && SECRET_NAME.test(id.name as string) && isNode(node.init)) checkLiteralOnly(ctx, node.init, id.name as string, usedBy(ctx, id));
  }
  for (const { node } of ctx.objects) {
    const user = receivingCall(ctx, node);
    // speakeasy.totp({ secret, encoding: 'base32' }), otplib options: a one-time-code seed.
    if (user && /totp|hotp|otp|speakeasy|authenticator/i.test(user)) continue;
    for (const prop of node.properties as Node[]) {
      const key = prop.type === 'Property' && !prop.computed ? keyName(prop.key) : undefined;
      if (key && SECRET_NAME.test(key)) checkLiteralOnly(ctx, prop.value as Node, key, user);
    }
  }
  // opts.secretOrKey = 'secret' (the passport-jwt README builds its options this way).
  for (const { node } of ctx.assignments) {
    const left = unwrap(node.left) as Node;
    const key = left.type === 'MemberExpression' && !left.computed ? keyName(left.property) : undefined;
    if (node.operator === '=' && key && SECRET_NAME.test(key)) checkLiteralOnly(ctx, node.right as Node, ctx.text(left).length <= 40 ? ctx.text(left) : key, undefined);
  }
}

/** Only the literal (or env fallback) written right there: names are followed where they are used. */
function checkLiteralOnly(ctx: AuditContext, value: Node, name: string, user: string | undefined): void {
  const target = unwrap(value) as Node;
  if (stringLiteral(target) === undefined && target.type !== 'LogicalExpression' && target.type !== 'ConditionalExpression') return;
  checkSecret(ctx, target, user, name);
}

/** The call an object literal is handed to (`session({...})`, `new JwtStrategy({...})`, `super({...})`). */
function receivingCall(ctx: AuditContext, object: Node): string | undefined {
  const parent = ctx.flow.parents.get(object);
  if ((parent?.type === 'CallExpression' || parent?.type === 'NewExpression') && args(parent).includes(object)) return calleeText(ctx, parent);
  return undefined;
}

/** The first call a secret-named constant is passed to, for the message. */
function usedBy(ctx: AuditContext, id: Node): string | undefined {
  for (const { node } of ctx.calls) {
    for (const arg of args(node)) {
      const target = unwrap(arg) as Node;
      if (target.type === 'Identifier' && target.name === id.name && ctx.flow.bindingOf(target)?.declaredAt === ctx.flow.bindingOf(id)?.declaredAt) return calleeText(ctx, node);
      if (target.type === 'ObjectExpression') {
        for (const prop of target.properties as Node[]) {
          const value = prop.type === 'Property' ? (unwrap(prop.value) as Node) : undefined;
          if (value?.type === 'Identifier' && value.name === id.name && ctx.flow.bindingOf(value)?.declaredAt === ctx.flow.bindingOf(id)?.declaredAt) return calleeText(ctx, node);
        }
      }
    }
  }
  return undefined;
}

function calleeText(ctx: AuditContext, call: Node): string {
  const callee = unwrap(call.callee) as Node;
  const text = callee.type === 'Super' ? 'super' : ctx.text(callee);
  return `${call.type === 'NewExpression' ? 'new ' : ''}${text.length <= 40 ? text : (calleeName(call) ?? 'a call')}`;
}

const CONFIG_STEMS = new Set(['config', 'default', 'development', 'production', 'staging', 'test', 'local', 'settings', 'secret', 'secrets', 'appsettings', 'app', 'auth', 'key', 'keys']);
const SECRET_KEY = /secret|jwt_?key|private_?key|signing_?key|token_?key|session_?key|cookie_?key/i;
const NOT_A_SECRET_KEY = /name|path|file|env|url|length|algorithm|expir|ttl/i;

/** Committed config files that may hold secrets: config.json, config/production.json, appsettings.json. */
export function isSecretConfigFile(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (!base.endsWith('.json') || base.includes('custom-environment-variables')) return false;
  // config.json, default.json, production.local.json, appsettings.Development.json
  const first = base.slice(0, -'.json'.length).split(/[.-]/)[0]!;
  return CONFIG_STEMS.has(first);
}

/**
 * `"key": "value"` members of a JSON text, found by one linear pass over its string tokens (a
 * string, a colon, a string), with the value's offset.
 */
function stringMembers(text: string): { key: string; value: string; at: number }[] {
  const strings: { start: number; end: number }[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) !== 34 /* " */) continue;
    const start = i;
    for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92 /* \\ */) i++;
    strings.push({ start, end: i + 1 });
  }
  const members: { key: string; value: string; at: number }[] = [];
  for (let k = 0; k + 1 < strings.length; k++) {
    const key = strings[k]!;
    const value = strings[k + 1]!;
    if (text.slice(key.end, value.start).trim() !== ':') continue;
    members.push({ key: JSON.parse(text.slice(key.start, key.end)) as string, value: JSON.parse(text.slice(value.start, value.end)) as string, at: value.start });
  }
  return members;
}

/** Secret-named string members of a JSON config file; an unparsable file gives nothing. */
export function auditConfigJson(file: string, text: string): Finding[] {
  try {
    JSON.parse(text);
  } catch {
    return [];
  }
  const findings: Finding[] = [];
  const lines = new LineIndex(text);
  for (const { key, value, at } of stringMembers(text)) {
    if (!SECRET_KEY.test(key) || NOT_A_SECRET_KEY.test(key) || value.trim() === '' || /^(\$\{|<|%)|\{\{/.test(value)) continue;
    const { line, column } = lines.position(at);
    const known = weakSecretLine(Buffer.from(value, 'utf8'));
    findings.push({
      ruleId: 'session/hardcoded-secret',
      severity: known === null ? 'warning' : 'error',
      message: `"${key}" holds a secret in a committed config file: anyone who reads the repository can sign their own tokens or session cookies.${known === null ? '' : ` It is line ${known} of ${WEAK_SECRET_FILE}, a publicly known secret.`} Put it in the environment (the config package: custom-environment-variables.json) and keep it out of git`,
      file,
      line,
      column,
      ...(known === null ? {} : { data: { knownSecretLine: known } }),
    });
  }
  return findings;
}
