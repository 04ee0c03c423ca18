// Whether an expression holds a session token, following the value through the file: a token-named
// member (`res.data.accessToken`), a signing call, the response of a login request (axios
// `res.data`, fetch `await res.json()`, a `.then(response => ...)` callback), or an object or
// string built from one of those. A storage key name alone is never evidence.
import { isNode, keyName, nameOf, type Node, unwrap } from '../js/ast.js';
import { type AuditContext, args, calleeName, calleeObject } from './context.js';
import { isFunction } from './flow.js';
import { isRefreshName, isTokenName, jwtOperation } from './libraries.js';

export type TokenKind = 'token' | 'refresh' | 'login-response' | 'login-body';

/** True for the kinds that put a token where they go (a whole login body holds one). */
export function holdsToken(kind: TokenKind | undefined): boolean {
  return kind === 'token' || kind === 'refresh' || kind === 'login-body';
}

const LOGIN_URL = /log-?in|sign-?in|auth|token|session|oauth|sign-?up|register/i;
const REQUEST_METHODS = new Set(['post', 'get', 'put', 'patch', 'request', 'fetch']);
const REQUEST_FUNCTIONS = new Set(['fetch', 'axios', 'ky', 'ofetch', '$fetch', 'request']);
const BODY_WRAPPERS = new Set(['data', 'result', 'body', 'payload']);

export function classifyToken(ctx: AuditContext, node: unknown, depth = 0): TokenKind | undefined {
  const target = unwrap(node);
  if (!isNode(target) || depth > 12) return undefined;
  switch (target.type) {
    case 'AwaitExpression':
      return classifyToken(ctx, target.argument, depth + 1);
    case 'Identifier':
      return classifyIdentifier(ctx, target, depth);
    case 'MemberExpression': {
      const key = keyName(target.property);
      return key === undefined ? undefined : member(classifyToken(ctx, target.object, depth + 1), key);
    }
    case 'CallExpression':
      return classifyCall(ctx, target, depth);
    case 'TemplateLiteral':
      return strongest((target.expressions as Node[]).map((e) => classifyToken(ctx, e, depth + 1)));
    case 'BinaryExpression':
      return target.operator === '+' ? strongest([classifyToken(ctx, target.left, depth + 1), classifyToken(ctx, target.right, depth + 1)]) : undefined;
    case 'LogicalExpression':
    case 'ConditionalExpression':
      return strongest([classifyToken(ctx, target.consequent ?? target.left, depth + 1), classifyToken(ctx, target.alternate ?? target.right, depth + 1)]);
    case 'ObjectExpression': {
      const kinds: (TokenKind | undefined)[] = [];
      for (const prop of target.properties as Node[]) {
        if (prop.type === 'SpreadElement') kinds.push(classifyToken(ctx, prop.argument, depth + 1));
        else if (prop.type === 'Property') {
          const key = keyName(prop.key);
          kinds.push(key !== undefined && isTokenName(key) ? (isRefreshName(key) ? 'refresh' : 'token') : classifyToken(ctx, prop.value, depth + 1));
        }
      }
      const kind = strongest(kinds);
      return kind === 'login-response' ? undefined : kind;
    }
    default:
      return undefined;
  }
}

function member(objectKind: TokenKind | undefined, key: string): TokenKind | undefined {
  if (isTokenName(key)) return isRefreshName(key) ? 'refresh' : 'token';
  if (objectKind === 'login-response' && key === 'data') return 'login-body';
  if (objectKind === 'login-body' && BODY_WRAPPERS.has(key)) return 'login-body';
  return undefined;
}

function classifyIdentifier(ctx: AuditContext, identifier: Node, depth: number): TokenKind | undefined {
  const name = identifier.name as string;
  const binding = ctx.flow.bindingOf(identifier);
  let kind: TokenKind | undefined;
  if (binding && !binding.reassigned && binding.value) {
    kind = classifyToken(ctx, binding.value.node, depth + 1);
    for (const key of binding.value.path) kind = member(kind, key);
  } else if (binding?.param && !binding.reassigned) {
    kind = classifyParam(ctx, binding.param.fn, binding.param.index, depth);
    for (const key of binding.param.path) kind = member(kind, key);
  }
  if (kind) return kind;
  return isTokenName(name) ? (isRefreshName(name) ? 'refresh' : 'token') : undefined;
}

/** The obvious parameters: the first parameter of a `.then` callback is what the promise resolves to. */
function classifyParam(ctx: AuditContext, fn: Node, index: number, depth: number): TokenKind | undefined {
  if (index !== 0) return undefined;
  const parent = ctx.flow.parents.get(fn);
  if (parent?.type !== 'CallExpression' || args(parent)[0] !== fn || calleeName(parent) !== 'then') return undefined;
  return classifyToken(ctx, calleeObject(parent), depth + 1);
}

function classifyCall(ctx: AuditContext, call: Node, depth: number): TokenKind | undefined {
  const name = calleeName(call);
  const object = calleeObject(call);
  const first = args(call)[0];
  if (name === 'stringify' && object?.type === 'Identifier' && object.name === 'JSON') return classifyToken(ctx, first, depth + 1);
  if (name === 'json' && object && classifyToken(ctx, object, depth + 1) === 'login-response') return 'login-body';
  if (name === 'then' && object && first && isFunction(first)) {
    const returned = returnedExpressions(first);
    return strongest(returned.map((r) => classifyToken(ctx, r, depth + 1)));
  }
  const op = jwtOperation(ctx, call);
  if (op?.op === 'sign') return 'token';
  if (name && (REQUEST_FUNCTIONS.has(name) || (object && REQUEST_METHODS.has(name))) && first && (isLoginUrl(ctx, first) || inLoginFunction(ctx, call))) return 'login-response';
  return undefined;
}

// `const register = async (data) => axios.post(API_URL, data)`, Redux `loginUser` thunks, Vuex
// `login` actions: the function's own name says the request logs in when the URL is a constant
// built elsewhere. Only the innermost function is read: `getAuthUser` says nothing.
const LOGIN_FUNCTION = /^(handle|do|submit|on|async|fetch|post|api|user|request)?_?(log_?in|sign_?in|sign_?up|register|authenticate)/i;

function inLoginFunction(ctx: AuditContext, call: Node): boolean {
  for (let node = ctx.flow.parents.get(call); node; node = ctx.flow.parents.get(node)) {
    if (!isFunction(node)) continue;
    // a `.then(...)` or `.map(...)` callback is not a named function: look further out
    const owner = ctx.flow.parents.get(node);
    if (owner?.type === 'CallExpression' && owner.callee !== node) continue;
    const name = nameOf(node) ?? (owner ? nameOf(owner) : undefined);
    return name !== undefined && LOGIN_FUNCTION.test(name);
  }
  return false;
}

function isLoginUrl(ctx: AuditContext, url: Node): boolean {
  const resolved = ctx.flow.resolve(url) ?? url;
  return LOGIN_URL.test(ctx.text(resolved)) || LOGIN_URL.test(ctx.text(url));
}

export function returnedExpressions(fn: Node): Node[] {
  const body = fn.body as Node;
  if (body.type !== 'BlockStatement') return [body];
  const found: Node[] = [];
  const visit = (node: Node): void => {
    if (node.type === 'ReturnStatement' && isNode(node.argument)) found.push(node.argument);
    if (isFunction(node)) return;
    for (const key in node) {
      const value = node[key];
      if (Array.isArray(value)) {
        for (const v of value) if (isNode(v)) visit(v);
      } else if (isNode(value)) {
        visit(value);
      }
    }
  };
  for (const statement of body.body as Node[]) visit(statement);
  return found;
}

const RANK: Record<TokenKind, number> = { 'login-response': 1, token: 2, 'login-body': 3, refresh: 4 };

function strongest(kinds: (TokenKind | undefined)[]): TokenKind | undefined {
  let best: TokenKind | undefined;
  for (const kind of kinds) if (kind && (!best || RANK[kind] > RANK[best])) best = kind;
  return best;
}
