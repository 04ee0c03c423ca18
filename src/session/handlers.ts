// Request handlers and what they do with sessions: refresh handlers that do not rotate
// (session/refresh-token-not-rotated), logout handlers that leave the session valid on the server
// (session/logout-not-revoked); csrf.ts judges the same handlers for CSRF. Each is decided inside
// one file: a handler that hands its work to a service in another file is not judged (precision
// first).
import { isNode, keyName, nameOf, type Node, unwrap } from '../js/ast.js';
import { type AuditContext, args, callAnchor, calleeName, calleeObject } from './context.js';
import { cookieWrites } from './cookie-writes.js';
import { isFunction, stringLiteral } from './flow.js';
import { isAuthCookieName, isRefreshName, jwtOperation, tokenPurpose } from './libraries.js';

export interface Handler {
  fn: Node;
  /** Where a finding about the handler goes: the route method, decorator target or function name. */
  anchor: Node;
  /** 'post', 'put'... when the registration says. */
  method?: string;
  /** The route path and the names around the handler, lower case. */
  route: string;
  /** Source text of the middleware the registration puts before the handler. */
  guards: string[];
}

const ROUTE_METHODS = /^(get|post|put|patch|delete|del|all)$/i;
export const STATE_CHANGING = /^(post|put|patch|delete|del)$/i;
const NEST_ROUTE = /^@(Get|Post|Put|Patch|Delete|All)\b\s*\(\s*(?:['"`]([^'"`]*)['"`])?/;
const REQUEST_PARAM = /^(req|request|ctx|context|c|event)$/;

function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1).replace(/\.[cm]?[jt]sx?$/, '');
}

function staticText(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  const text = stringLiteral(node);
  if (text !== undefined) return text;
  const target = unwrap(node) as Node;
  return target.type === 'TemplateLiteral' ? (target.quasis as Node[]).map((q) => (q.value as { cooked?: string }).cooked ?? '').join('*') : undefined;
}

/** A string, or the first string of a list (`method: ['GET', 'POST']`). */
function firstText(value: unknown): string | undefined {
  if (!isNode(value)) return undefined;
  const target = unwrap(value) as Node;
  if (target.type === 'ArrayExpression') return firstText(((target.elements as (Node | null)[]).filter(isNode))[0]);
  return stringLiteral(target);
}

function handlerFunctions(ctx: AuditContext, list: Node[]): Node[] {
  return list.flatMap((arg) => {
    if (isFunction(arg)) return [arg];
    const resolved = (unwrap(arg) as Node).type === 'Identifier' ? ctx.flow.resolve(arg) : undefined;
    return resolved && isFunction(resolved) ? [resolved] : [];
  });
}

const HANDLERS = new WeakMap<AuditContext, Handler[]>();

/** The request handlers of the file: route registrations, Nest controller methods, Next.js route exports, and named (req, res) functions. */
export function requestHandlers(ctx: AuditContext): Handler[] {
  const cached = HANDLERS.get(ctx);
  if (cached) return cached;
  const found: Handler[] = [];
  const seen = new Set<Node>();
  const add = (handler: Handler) => {
    if (seen.has(handler.fn)) return;
    seen.add(handler.fn);
    found.push(handler);
  };
  for (const { node: call } of ctx.calls) {
    const name = calleeName(call);
    const object = calleeObject(call);
    if ((name === 'defineEventHandler' || name === 'eventHandler') && call.type === 'CallExpression' && args(call)[0] && ctx.flow.parents.get(call)?.type === 'ExportDefaultDeclaration') {
      // Nuxt/Nitro: server/api/auth/logout.post.ts names the route and its method.
      const fn = handlerFunctions(ctx, [args(call)[0]!])[0];
      const method = /\.(get|post|put|patch|delete)\.[cm]?[jt]s$/i.exec(ctx.file)?.[1];
      const route = ctx.file.replace(/\\/g, '/').replace(/^.*\/server\//, '').toLowerCase();
      if (fn) add({ fn, anchor: callAnchor(call), ...(method ? { method: method.toLowerCase() } : {}), route, guards: [] });
      continue;
    }
    if (!name || !object || call.type !== 'CallExpression') continue;
    const list = args(call);
    if (ROUTE_METHODS.test(name)) {
      // app.post('/x', ...fns) and app.route('/x').post(fn)
      let path = staticText(list[0]);
      const chained = path === undefined && object.type === 'CallExpression' && calleeName(object) === 'route';
      if (chained) path = staticText(args(object)[0]);
      if (path === undefined || !path.startsWith('/')) continue;
      const fns = handlerFunctions(ctx, list);
      const fn = fns[fns.length - 1];
      // router.post('/', handler) in routes/refresh.js: the file (mounted elsewhere) names the route.
      const where = path === '/' ? baseName(ctx.file) : '';
      const guards = list.slice(chained ? 0 : 1, list.length - 1).map((arg) => (arg.end - arg.start <= 80 ? ctx.text(arg) : ''));
      if (fn) add({ fn, anchor: callAnchor(call), method: name.toLowerCase(), route: `${path} ${where} ${nameOf(fn) ?? ''}`.toLowerCase(), guards });
    } else if (name === 'route' && list[0]) {
      // fastify.route({ method: 'POST', url: '/x', handler }), Hapi server.route({ method, path,
      // handler }) or { options: { handler } }, koa-joi-router router.route({ path, method,
      // handler: [middleware, fn] }): the last function is the handler, the ones before it guards.
      const view = ctx.flow.objectView(list[0]);
      const options = view?.get('options') ?? view?.get('config');
      const handler = view?.get('handler') ?? (isNode(options) ? ctx.flow.objectView(options)?.get('handler') : undefined);
      const steps = isNode(handler) && (unwrap(handler) as Node).type === 'ArrayExpression' ? ((unwrap(handler) as Node).elements as (Node | null)[]).filter(isNode) : isNode(handler) ? [handler] : [];
      const fns = handlerFunctions(ctx, steps);
      const fn = fns[fns.length - 1];
      const method = firstText(view?.get('method'));
      const url = firstText(view?.get('url')) ?? firstText(view?.get('path'));
      const guards = steps.filter((step) => step !== fn && ctx.flow.resolve(step) !== fn).map((step) => (step.end - step.start <= 80 ? ctx.text(step) : ''));
      if (fn) add({ fn, anchor: callAnchor(call), ...(method ? { method: method.toLowerCase() } : {}), route: `${url ?? ''} ${url === '/' ? baseName(ctx.file) : ''}`.toLowerCase(), guards });
    }
  }
  for (const { node: fn, ancestors } of functionsOf(ctx)) {
    const parent = ancestors[ancestors.length - 2];
    // NestJS: @Post('refresh') async refresh(@Req() req) {...}
    if (parent?.type === 'MethodDefinition') {
      for (const decorator of (parent.decorators as Node[] | undefined) ?? []) {
        const match = NEST_ROUTE.exec(ctx.text(decorator));
        // Guards: the method's decorators and its controller's (@UseGuards(JwtAuthGuard) on the class).
        const classNode = ancestors.slice(0, -2).reverse().find((n) => n.type === 'ClassDeclaration' || n.type === 'ClassExpression');
        const decorators = [...((parent.decorators as Node[] | undefined) ?? []), ...((classNode?.decorators as Node[] | undefined) ?? [])];
        if (match) add({ fn, anchor: parent.key as Node, method: match[1]!.toLowerCase(), route: `${match[2] ?? ''} ${keyName(parent.key) ?? ''}`.toLowerCase(), guards: decorators.map((d) => ctx.text(d)) });
      }
      continue;
    }
    // Next.js route handlers: export async function POST(request) {...}
    if (fn.type === 'FunctionDeclaration' && isNode(fn.id) && /^(POST|PUT|PATCH|DELETE|GET)$/.test(fn.id.name as string) && parent?.type === 'ExportNamedDeclaration') {
      add({ fn, anchor: fn.id, method: (fn.id.name as string).toLowerCase(), route: ctx.file.toLowerCase(), guards: [] });
      continue;
    }
    // exports.logout = (req, res) => {...}, export const refresh = async (req, res) => {...}
    const params = fn.params as Node[];
    if (params.length >= 2 && params[0]?.type === 'Identifier' && REQUEST_PARAM.test(params[0].name as string)) {
      const holder = parent && ['VariableDeclarator', 'AssignmentExpression', 'Property', 'PropertyDefinition'].includes(parent.type) ? parent : undefined;
      const anchor = isNode(fn.id) ? fn.id : holder ? ((holder.type === 'VariableDeclarator' ? holder.id : holder.type === 'AssignmentExpression' ? holder.left : holder.key) as Node) : undefined;
      // module.exports = (req, res) => {...} in logout.js: the file names the route.
      const exported = holder?.type === 'AssignmentExpression' && ctx.text(holder.left as Node) === 'module.exports';
      const name = [nameOf(fn), holder && !exported ? nameOf(holder) : undefined, exported ? baseName(ctx.file) : undefined].filter(Boolean).join(' ');
      if (name && anchor) add({ fn, anchor, route: name.toLowerCase(), guards: [] });
    }
  }
  HANDLERS.set(ctx, found);
  return found;
}

function functionsOf(ctx: AuditContext): { node: Node; ancestors: Node[] }[] {
  // Functions are the parents of some call, return or declarator the context collected; walking the
  // ancestors of those finds every function that does anything.
  const out = new Map<Node, Node[]>();
  for (const located of [...ctx.calls, ...ctx.returns]) {
    const chain = located.ancestors;
    for (let i = chain.length - 2; i >= 0; i--) {
      if (isFunction(chain[i]) && !out.has(chain[i]!)) out.set(chain[i]!, chain.slice(0, i + 1));
    }
  }
  return [...out].map(([node, ancestors]) => ({ node, ancestors }));
}

function callsIn(ctx: AuditContext, fn: Node): Node[] {
  return ctx.calls.map((c) => c.node).filter((c) => c.start >= fn.start && c.end <= fn.end);
}

const RESPONSE_OBJECT = /^(res|response|reply|ctx|c|headers|cookies|h)$/;
// Writes to a store that remember a token is used or gone: Mongoose/Prisma/Sequelize/TypeORM
// updates and deletes, Redis del/set, session destroy, deny-list adds, `user.save()` after
// clearing the field.
const STORE_WRITE = /^(del|hdel|srem|unlink|save|upsert|set|setex|add|insert\w*|create|regenerate|zadd|sadd|incr|hset|update\w*|replace\w*|rotate\w*|mark\w*|consume\w*|findOneAndUpdate|findByIdAndUpdate|findOneAndDelete|findByIdAndDelete|findOneAndRemove)$|delete|remove|revoke|invalidate|destroy|blacklist|blocklist|denylist|expire|log_?out|sign_?out|ban/i;
// Raw SQL that deletes or updates (db.query('DELETE FROM refresh_tokens ...')) writes the store too.
const SQL_WRITE = /\b(delete\s+from|update\s+[\w."`]+\s+set|insert\s+into)\b/i;

function writesStore(calls: Node[], body = ''): boolean {
  if (SQL_WRITE.test(body)) return true;
  return calls.some((call) => {
    const name = calleeName(call);
    if (!name || !STORE_WRITE.test(name)) return false;
    const object = calleeObject(call);
    const owner = object?.type === 'Identifier' ? (object.name as string) : object?.type === 'MemberExpression' ? keyName(object.property) : undefined;
    // res.set('Cache-Control'), headers.set, cookies().set and ctx.cookies.set are responses, not stores.
    if (owner !== undefined && RESPONSE_OBJECT.test(owner) && !/^(destroy|logout|logOut)$/.test(name)) return false;
    if (/cookie|header/i.test(name)) return false; // clearCookie, removeHeader: the response again
    if (object?.type === 'CallExpression' && calleeName(object) === 'cookies') return false;
    return true;
  });
}

export function textOf(ctx: AuditContext, fn: Node): string {
  return ctx.parsed.text.slice(fn.start, fn.end);
}

// ---------------------------------------------------------------------------------------------
// session/refresh-token-not-rotated, in code

const REFRESH_ROUTE = /refresh/;
const ACCESS_ISSUER = /^(generate|create|sign|issue|make|new|get)_?access_?token$/i;
const REFRESH_ISSUER = /^(generate|create|sign|issue|make|new|rotate)_?(refresh_?token|tokens|auth_?tokens|token_?pair)$/i;

export function checkRotation(ctx: AuditContext): void {
  for (const handler of requestHandlers(ctx)) {
    const body = textOf(ctx, handler.fn);
    const readsRefresh = readsRefreshToken(body);
    if (!(REFRESH_ROUTE.test(handler.route) || (/token/.test(handler.route) && readsRefresh)) || /refreshing|prefetch/.test(handler.route)) continue;
    const calls = callsIn(ctx, handler.fn);
    let verifies = false;
    let issuesAccess = false;
    let issuesRefresh = false;
    for (const call of calls) {
      const op = jwtOperation(ctx, call);
      const name = calleeName(call) ?? '';
      if (op?.op === 'verify') verifies = true;
      if (op?.op === 'sign') {
        const ancestors = ancestorsOf(ctx, call);
        const hint = op.library === 'jsonwebtoken' || op.library === 'hono' ? args(call)[1] : op.library === 'jose' ? args(call)[0] : args(call)[1];
        if (tokenPurpose(ctx, call, ancestors, [hint]) === 'refresh') issuesRefresh = true;
        else issuesAccess = true;
      }
      if (ACCESS_ISSUER.test(name)) issuesAccess = true;
      if (REFRESH_ISSUER.test(name)) issuesRefresh = true;
    }
    // The incoming refresh token read from the request counts as what the handler checks.
    if (readsRefresh) verifies ||= /verify|validat|find|lookup|compare/i.test(body);
    // A refresh cookie or body key written here is a new refresh token.
    if (cookieWrites(ctx).some((w) => w.node && w.node.start >= handler.fn.start && w.node.end <= handler.fn.end && w.attributes && w.name !== undefined && isRefreshName(w.name))) issuesRefresh = true;
    if (!verifies || !issuesAccess) continue;
    if (!issuesRefresh) {
      ctx.report(
        'session/refresh-token-not-rotated',
        handler.anchor,
        'This refresh handler checks the refresh token and issues a new access token, but no new refresh token: the same refresh token keeps working until it expires, so a stolen one is never noticed (RFC 9700 section 4.14.2). Issue a new refresh token with every access token, store the used one as revoked, and revoke the whole family when a used one comes back',
        { severity: 'warning', data: { inCode: true, reason: 'no-new-refresh-token' } },
      );
    } else if (!writesStore(calls, body) && !/family/i.test(body)) {
      ctx.report(
        'session/refresh-token-not-rotated',
        handler.anchor,
        'This refresh handler issues a new refresh token but never invalidates the one it was given (no store write, no token family): the old one stays valid, so a thief and the user can both keep refreshing and reuse is never detected. Store refresh tokens (hashed), mark the used one revoked when rotating, and revoke its family on reuse',
        { severity: 'warning', data: { inCode: true, reason: 'old-token-stays-valid' } },
      );
    }
  }
}

/**
 * The handler reads a refresh token from the request: `req.cookies.refreshToken`,
 * `const { refreshToken } = req.body`, `cookies().get('refresh_token')`. Each request read is
 * looked at with a few characters around it (linear, unlike one pattern over the whole body).
 */
function readsRefreshToken(body: string): boolean {
  const reads = /\b(?:req|request|ctx)\.(?:cookies|body|signedCookies)\b|cookies\(\)\.get\(/g;
  for (let match = reads.exec(body); match; match = reads.exec(body)) {
    const around = body.slice(Math.max(0, match.index - 40), match.index + match[0].length + 40);
    if (/refresh/i.test(around)) return true;
  }
  return false;
}

function ancestorsOf(ctx: AuditContext, node: Node): Node[] {
  const chain: Node[] = [node];
  for (let parent = ctx.flow.parents.get(node); parent; parent = ctx.flow.parents.get(parent)) chain.push(parent);
  return chain.reverse();
}

// ---------------------------------------------------------------------------------------------
// session/logout-not-revoked

const LOGOUT_ROUTE = /log-?_?out|sign-?_?out/;

function clearsCookies(ctx: AuditContext, fn: Node, calls: Node[]): string[] {
  const names: string[] = [];
  for (const call of calls) {
    const name = calleeName(call);
    if (name === 'clearCookie' || name === 'destroyCookie' || name === 'deleteCookie' || (name === 'delete' && /cookies/i.test(ctx.text(calleeObject(call) ?? call)))) {
      const list = args(call);
      const first = stringLiteral(ctx.flow.resolve(list[name === 'destroyCookie' || name === 'deleteCookie' ? (list.length >= 2 ? 1 : 0) : 0]) ?? list[0]);
      names.push(first ?? '?');
    }
  }
  for (const write of cookieWrites(ctx)) {
    if (!write.node || write.node.start < fn.start || write.node.end > fn.end || write.attributes) continue;
    names.push(write.name ?? '?');
  }
  return names;
}

export function checkRevocation(ctx: AuditContext): void {
  // A server-side session: a session store middleware here, or handlers using req.session (cookie-session keeps none).
  const usesSession = ctx.importsFrom(/^(express-session|koa-session|@fastify\/session|@fastify\/secure-session)$/) || (/\b(req|request|ctx)\.session\b/.test(ctx.parsed.text) && !ctx.importsFrom(/^cookie-session$/));
  for (const handler of requestHandlers(ctx)) {
    if (!LOGOUT_ROUTE.test(handler.route)) continue;
    const calls = callsIn(ctx, handler.fn);
    const cleared = clearsCookies(ctx, handler.fn, calls);
    if (cleared.length === 0) continue;
    const refresh = cleared.find((n) => isRefreshName(n.replace(/[-_]/g, '_')) || /refresh/i.test(n));
    const sessionCookie = cleared.find((n) => /sess|(^|\.)sid$/i.test(n));
    const body = textOf(ctx, handler.fn);
    if (writesStore(calls, body) || /\.session\s*=\s*null|session\s*=\s*null/.test(body)) continue;
    if (refresh) {
      ctx.report(
        'session/logout-not-revoked',
        handler.anchor,
        `This logout handler only clears the '${refresh}' cookie: the refresh token itself stays valid until it expires, so a copy taken earlier (XSS, a shared machine, logs) still mints access tokens after the user logged out. Delete or revoke it in the store (e.g. await RefreshToken.deleteOne({ token }), or add its id to a deny-list) before clearing the cookie`,
      );
    } else if (usesSession && (sessionCookie || cleared.some((n) => n === '?' || isAuthCookieName(n)))) {
      ctx.report(
        'session/logout-not-revoked',
        handler.anchor,
        "This logout handler only clears the session cookie: the server-side session stays valid, so a copied session id keeps working. Call req.session.destroy() (passport: req.logout(cb)), then clear the cookie",
      );
    }
  }
}
