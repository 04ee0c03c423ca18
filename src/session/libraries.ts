// Which library call a node is: JWT signing, verifying and decoding across jsonwebtoken, jose,
// @nestjs/jwt, @fastify/jwt, hono/jwt and jwt-decode, and the words that say what a name holds.
import { isNode, keyName, nameOf, type Node, unwrap } from '../js/ast.js';
import { type AuditContext, calleeName, calleeObject } from './context.js';
import { declaresDependency } from './resolve.js';

export type JwtLibrary = 'jsonwebtoken' | 'jose' | 'nestjs' | 'fastify' | 'hono' | 'jwt-decode';

export interface JwtOperation {
  library: JwtLibrary;
  op: 'sign' | 'verify' | 'decode';
  /** jose's SignJWT chain: setter name -> its call. */
  chain?: Map<string, Node>;
  /** jose: the `new SignJWT(payload)` expression. */
  root?: Node;
}

const JSONWEBTOKEN = /^jsonwebtoken$/;
const HONO_JWT = /^hono\/(jwt|utils\/jwt)/;

/** What a JWT call does, or undefined when the call is no known JWT API. */
export function jwtOperation(ctx: AuditContext, call: Node): JwtOperation | undefined {
  if (call.type !== 'CallExpression') return undefined;
  const name = calleeName(call);
  if (!name) return undefined;
  const object = calleeObject(call);
  const callee = unwrap(call.callee) as Node;
  if (callee.type === 'Identifier') {
    const binding = ctx.importOf(callee);
    if (!binding) return undefined;
    const member = binding.imported === 'default' || binding.imported === '*' ? name : binding.imported;
    if (JSONWEBTOKEN.test(binding.source) && isOp(member)) return { library: 'jsonwebtoken', op: member };
    if (HONO_JWT.test(binding.source) && isOp(member)) return { library: 'hono', op: member };
    if (binding.source === 'jose' && member === 'jwtVerify') return { library: 'jose', op: 'verify' };
    if (binding.source === 'jose' && member === 'decodeJwt') return { library: 'jose', op: 'decode' };
    if (binding.source === 'jwt-decode') return { library: 'jwt-decode', op: 'decode' };
    return undefined;
  }
  if (!object) return undefined;
  if (object.type === 'Identifier') {
    const binding = ctx.importOf(object);
    if (binding && JSONWEBTOKEN.test(binding.source) && isOp(name)) return { library: 'jsonwebtoken', op: name };
    if (binding && HONO_JWT.test(binding.source) && isOp(name)) return { library: 'hono', op: name };
    if (binding?.source === 'jose' && name === 'jwtVerify') return { library: 'jose', op: 'verify' };
    if (binding?.source === 'jose' && name === 'decodeJwt') return { library: 'jose', op: 'decode' };
  }
  // `jwt.verify(...)` on a `jwt` the file neither imports nor declares (a route fragment, a global
  // set up elsewhere): jsonwebtoken when the app's package.json depends on it, else nothing is assumed.
  if (object.type === 'Identifier' && /^(jwt|jsonwebtoken|JWT)$/.test(object.name as string) && isOp(name) && !ctx.importOf(object) && !ctx.flow.bindingOf(object) && declaresDependency(ctx.location, 'jsonwebtoken')) {
    return { library: 'jsonwebtoken', op: name };
  }
  const objectName = nameOfReference(object);
  if (objectName && /jwtservice$/i.test(objectName)) {
    const op = name.replace(/Async$/, '');
    if (isOp(op)) return { library: 'nestjs', op };
  }
  if (objectName === 'jwt' && object.type === 'MemberExpression' && isOp(name)) return { library: 'fastify', op: name };
  if (name === 'jwtSign') return { library: 'fastify', op: 'sign' };
  if (name === 'jwtVerify' && object.type !== 'Identifier') return { library: 'fastify', op: 'verify' };
  if (name === 'jwtDecode' && object.type !== 'Identifier') return { library: 'fastify', op: 'decode' };
  if (name === 'sign') {
    const chain = new Map<string, Node>();
    let current: Node | undefined = object;
    while (current?.type === 'CallExpression') {
      const method = calleeName(current);
      if (method && !chain.has(method)) chain.set(method, current);
      current = calleeObject(current);
    }
    if (current?.type === 'NewExpression' && isNode(current.callee) && current.callee.name === 'SignJWT') return { library: 'jose', op: 'sign', chain, root: current };
  }
  return undefined;
}

function isOp(name: string): name is 'sign' | 'verify' | 'decode' {
  return name === 'sign' || name === 'verify' || name === 'decode';
}

function nameOfReference(node: Node): string | undefined {
  if (node.type === 'Identifier') return node.name as string;
  if (node.type === 'MemberExpression' && !node.computed) return keyName(node.property);
  return undefined;
}

// Names of tokens that grant a session. Tokens for other jobs (CSRF, push notifications, password
// reset links) and names about tokens (tokenType, tokenExpiry, TOKEN_KEY) are not.
const TOKEN_WORD = /token|jwt|bearer/i;
const NOT_A_SESSION_TOKEN = /csrf|xsrf|push|device|fcm|apns|firebase|captcha|type|expir|ttl|name|url|endpoint|length|count|status|valid|secret|key|header|prefix|storage|service|reset|verif|invite|confirm|activat|magic|unsubscribe|decode|payload|claims|option|config|strategy|guard|module|generat|create|refreshing|timeout|timer|interval|date|issued|loading|pending|enabled|^(is|has)[A-Z_]/i;

export function isTokenName(name: string): boolean {
  return TOKEN_WORD.test(name) && !NOT_A_SESSION_TOKEN.test(name);
}

export function isRefreshName(name: string): boolean {
  return /refresh/i.test(name) && isTokenName(name.replace(/refresh/gi, 'token'));
}

const SESSION_COOKIE_NAME = /sess|(^|[^a-z])sid([^a-z]|$)|token|jwt|auth|refresh|remember|login|bearer/i;

/** Cookie names that say the cookie carries a session: `sid`, `connect.sid`, `token`, `__Host-session`. */
export function isAuthCookieName(name: string): boolean {
  return SESSION_COOKIE_NAME.test(name) && !/csrf|xsrf|author(?!i)|consent|theme|locale|lang|analytics/i.test(name);
}

const OTHER_PURPOSE = /reset|verif|confirm|invite|activat|magic|otp|email|password|unsubscribe|download|upload|share|csrf|api_?key|apikey/i;

export type TokenPurpose = 'access' | 'refresh' | 'other';

/**
 * What a minted token is for, from the nearest names around the call (variable, property,
 * function), the secret it is signed with and a `type` claim: refresh tokens have their own limit,
 * one-time tokens (password reset, e-mail verification) none here.
 */
export function tokenPurpose(ctx: AuditContext, call: Node, ancestors: Node[], hints: (Node | undefined)[]): TokenPurpose {
  for (const hint of hints) {
    if (!hint) continue;
    const text = ctx.text(hint);
    // RT_SECRET, rtSecret: the access/refresh ("at"/"rt") naming of many NestJS tutorials.
    if (/refresh/i.test(text) || /(^|[^A-Za-z])(rt|RT)(_|[A-Z]|$)/.test(text)) return 'refresh';
    if (OTHER_PURPOSE.test(text)) return 'other';
  }
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const node = ancestors[i]!;
    if (node === call) continue;
    const name = nameOf(node) ?? (node.type === 'MethodDefinition' || node.type === 'Property' ? keyName(node.key) : undefined);
    if (!name) continue;
    if (/refresh/i.test(name)) return 'refresh';
    if (OTHER_PURPOSE.test(name)) return 'other';
    if (/access|token|jwt|auth|session|login|sign/i.test(name)) return 'access';
  }
  return 'access';
}

