// session/refresh-token-exposed: a refresh token handed to page scripts in a JSON response body
// (Express res.json/send, Fastify reply.send, Koa ctx.body, Hono c.json, Next.js
// NextResponse.json, and objects NestJS controller methods return).
import { isNode, keyName, type Node, unwrap } from '../js/ast.js';
import { type AuditContext, args, calleeName, calleeObject } from './context.js';
import { isFunction } from './flow.js';
import { enclosingFunction } from './server.js';
import { isRefreshName } from './libraries.js';
import { classifyToken } from './tokens.js';

const FIX = "res.cookie('refresh_token', refreshToken, { httpOnly: true, secure: true, sameSite: 'strict', path: '/auth/refresh' }) and res.json({ accessToken })";
const ROUTE_DECORATOR = /^@(Post|Get|Put|Patch|All)\b/;

// `tokens` from generateAuthTokens(user), signTokens(...): the plural says access and refresh.
const TOKEN_PAIR_CALL = /^(generate|create|sign|issue|get|make|build)_?(auth_?|jwt_?|user_?)?tokens$/i;

/** The key under which a body object (or one nested in it) carries a refresh token. */
function refreshKey(ctx: AuditContext, node: Node | undefined, depth = 0): Node | undefined {
  if (!node || depth > 2) return undefined;
  const object = ctx.flow.resolve(node);
  if (object?.type !== 'ObjectExpression') return undefined;
  const view = ctx.flow.objectView(object);
  // An RFC 6749 token response (token_type beside the tokens) is how an OAuth client must receive them.
  if (depth === 0 && view?.has('token_type') === true) return undefined;
  for (const prop of object.properties as Node[]) {
    if (prop.type === 'SpreadElement') {
      // res.json({ ...tokens, user }) where tokens = { accessToken, refreshToken }
      const inner = ctx.flow.objectView(prop.argument);
      if (inner && [...inner.entries()].some(([k]) => isRefreshName(k))) return prop as Node;
      continue;
    }
    if (prop.type !== 'Property') continue;
    const key = keyName(prop.key);
    if (key !== undefined && isRefreshName(key)) return prop.key as Node;
    if (classifyToken(ctx, prop.value) === 'refresh') return prop.key as Node;
    if (isTokenPair(ctx, prop.value as Node)) return prop.key as Node;
    const nested = refreshKey(ctx, prop.value as Node, depth + 1);
    if (nested) return nested;
  }
  for (const write of ctx.flow.writesTo(object)) if (write.key !== undefined && isRefreshName(write.key)) return object;
  return undefined;
}

function isTokenPair(ctx: AuditContext, value: Node): boolean {
  let target = unwrap(value) as Node;
  if (target.type === 'Identifier') {
    const ref = ctx.flow.valueOf(target);
    if (!ref || ref.path.length > 0) return false;
    target = unwrap(ref.node) as Node;
  }
  if (target.type === 'AwaitExpression') target = unwrap(target.argument) as Node;
  if (target.type !== 'CallExpression') return false;
  const name = calleeName(target);
  return name !== undefined && TOKEN_PAIR_CALL.test(name) && !/reset|verif|email/i.test(name);
}

const ROUTE_METHODS = /^(post|get|put|patch|all|route|delete)$/;
const GRAPHQL_DECORATOR = /^@(Mutation|Query)\b/;

/** What kind of handler a function is, when its return value becomes the response body. */
function handlerKind(ctx: AuditContext, fn: Node | undefined, parent: Node | undefined, grand: Node | undefined): string | undefined {
  if (!fn || !parent) return undefined;
  const decorators = parent.type === 'MethodDefinition' ? ((parent.decorators as Node[] | undefined) ?? []) : [];
  if (decorators.some((d) => ROUTE_DECORATOR.test(ctx.text(d)))) return 'The controller';
  if (decorators.some((d) => GRAPHQL_DECORATOR.test(ctx.text(d)))) return 'The GraphQL resolver';
  // resolvers = { Mutation: { login: async (...) => ... } }
  if (parent.type === 'Property' && grand?.type === 'ObjectExpression') {
    const holder = ctx.flow.parents.get(grand);
    if (holder?.type === 'Property' && /^(Mutation|Query)$/.test(keyName(holder.key) ?? '')) return 'The GraphQL resolver';
    // fastify.route({ method: 'POST', url, handler: async (request, reply) => ... })
    if (keyName(parent.key) === 'handler') return 'The route handler';
  }
  // fastify.post('/refresh', async (request, reply) => { return {...} }): Fastify and Hono send what a handler returns.
  if (parent.type === 'CallExpression' && args(parent).includes(fn) && ROUTE_METHODS.test(calleeName(parent) ?? '') && ctx.importsFrom(/^(fastify|@fastify\/|hono|@hono\/|h3|elysia)/)) return 'The route handler';
  return undefined;
}

function report(ctx: AuditContext, at: Node, api: string): void {
  ctx.report('session/refresh-token-exposed', at, `${api} returns a refresh token in the response body: page scripts hold it, so one XSS steals a credential that mints access tokens for weeks. Send it as an HttpOnly cookie instead: ${FIX}`);
}

function rootName(member: Node): string | undefined {
  let current = member;
  while (current.type === 'MemberExpression') current = unwrap(current.object) as Node;
  return current.type === 'Identifier' ? (current.name as string) : undefined;
}

/** The function sends the named object as a JSON body (res.json(x), res.send(x), reply.send(x), return x from a handler). */
function sentFrom(ctx: AuditContext, fn: Node, name: string): boolean {
  for (const { node } of ctx.calls) {
    if (node.start < fn.start || node.end > fn.end) continue;
    const callName = calleeName(node);
    const first = args(node)[0] ? (unwrap(args(node)[0]) as Node) : undefined;
    if ((callName === 'json' || callName === 'send') && calleeObject(node) && first?.type === 'Identifier' && first.name === name) return true;
  }
  return false;
}

export function checkRefreshExposure(ctx: AuditContext): void {
  for (const { node } of ctx.calls) {
    const name = calleeName(node);
    if (name !== 'json' && name !== 'send') continue;
    const object = calleeObject(node);
    if (!object) continue;
    const key = refreshKey(ctx, args(node)[0]);
    if (key) report(ctx, key, ctx.text(node.callee as Node).length <= 40 ? ctx.text(node.callee as Node) : name);
  }
  for (const { node, ancestors } of ctx.assignments) {
    const left = unwrap(node.left) as Node;
    if (left.type !== 'MemberExpression') continue;
    if (keyName(left.property) === 'body') {
      const key = refreshKey(ctx, node.right as Node);
      if (key) report(ctx, key, 'ctx.body');
      continue;
    }
    // payload.data.refresh_token = refreshToken; ... res.json(payload)
    const property = left.computed ? undefined : keyName(left.property);
    if (property === undefined || !isRefreshName(property) || node.operator !== '=') continue;
    const root = rootName(left);
    const fn = enclosingFunction(ancestors);
    if (root && fn && sentFrom(ctx, fn, root)) report(ctx, left, `Setting ${ctx.text(left).slice(0, 40)} on the response body`);
  }
  for (const { node, ancestors } of ctx.returns) {
    // Only the handler's own returns: not those of callbacks inside it.
    let fnIndex = ancestors.length - 1;
    while (fnIndex >= 0 && !isFunction(ancestors[fnIndex])) fnIndex--;
    const api = handlerKind(ctx, ancestors[fnIndex], ancestors[fnIndex - 1], ancestors[fnIndex - 2]);
    if (!api) continue;
    const key = refreshKey(ctx, isNode(node.argument) ? (unwrap(node.argument) as Node) : undefined);
    if (key) report(ctx, key, api);
  }
  for (const { node: fn } of ctx.calls) {
    // Arrow handlers with an expression body: fastify.post('/refresh', async (req) => ({ refreshToken }))
    for (const arg of args(fn)) {
      if (!isFunction(arg) || (arg.body as Node).type === 'BlockStatement') continue;
      if (!handlerKind(ctx, arg, fn, undefined)) continue;
      const key = refreshKey(ctx, unwrap(arg.body) as Node);
      if (key) report(ctx, key, 'The route handler');
    }
  }
}
