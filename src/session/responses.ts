// session/refresh-token-exposed: a refresh token handed to page scripts in a JSON response body
// (Express res.json/send, Fastify reply.send, Koa ctx.body, Hono c.json, Next.js
// NextResponse.json, and objects NestJS controller methods return).
import { isNode, keyName, type Node, unwrap } from '../js/ast.js';
import { type AuditContext, args, calleeName, calleeObject } from './context.js';
import { isFunction } from './flow.js';
import { isRefreshName } from './libraries.js';
import { classifyToken } from './tokens.js';

const FIX = "res.cookie('refresh_token', refreshToken, { httpOnly: true, secure: true, sameSite: 'strict', path: '/auth/refresh' }) and res.json({ accessToken })";
const ROUTE_DECORATOR = /^@(Post|Get|Put|Patch|All)\b/;

/** The key under which a body object (or one nested in it) carries a refresh token. */
function refreshKey(ctx: AuditContext, node: Node | undefined, depth = 0): Node | undefined {
  if (!node || depth > 2) return undefined;
  const object = ctx.flow.resolve(node);
  if (object?.type !== 'ObjectExpression') return undefined;
  for (const prop of object.properties as Node[]) {
    if (prop.type !== 'Property') continue;
    const key = keyName(prop.key);
    if (key !== undefined && isRefreshName(key)) return prop.key as Node;
    if (classifyToken(ctx, prop.value) === 'refresh') return prop.key as Node;
    const nested = refreshKey(ctx, prop.value as Node, depth + 1);
    if (nested) return nested;
  }
  return undefined;
}

function report(ctx: AuditContext, at: Node, api: string): void {
  ctx.report('session/refresh-token-exposed', at, `${api} returns a refresh token in the response body: page scripts hold it, so one XSS steals a credential that mints access tokens for weeks. Send it as an HttpOnly cookie instead: ${FIX}`);
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
  for (const { node } of ctx.assignments) {
    const left = unwrap(node.left) as Node;
    if (left.type !== 'MemberExpression' || keyName(left.property) !== 'body') continue;
    const key = refreshKey(ctx, node.right as Node);
    if (key) report(ctx, key, 'ctx.body');
  }
  for (const { node, ancestors } of ctx.returns) {
    // Only the method's own returns: not those of callbacks inside it.
    let fnIndex = ancestors.length - 1;
    while (fnIndex >= 0 && !isFunction(ancestors[fnIndex])) fnIndex--;
    const method = ancestors[fnIndex - 1];
    if (method?.type !== 'MethodDefinition' || !((method.decorators as Node[] | undefined) ?? []).some((d) => ROUTE_DECORATOR.test(ctx.text(d)))) continue;
    const key = refreshKey(ctx, isNode(node.argument) ? (unwrap(node.argument) as Node) : undefined);
    if (key) report(ctx, key, 'The controller');
  }
}
