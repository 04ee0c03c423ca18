// Cookies written through server frameworks that bring defaults of their own or no import to see:
// SvelteKit's `cookies` (HttpOnly, Secure and SameSite=Lax unless the options say otherwise), the
// h3 `setCookie` that Nuxt and Nitro server routes get auto-imported (none of the three), and Remix
// session storage (`createCookieSessionStorage({ cookie })`, SameSite=Lax by default; its
// `secrets` sign every session cookie, so a literal there is a leaked signing secret).
import { keyName, type Node, unwrap } from '../js/ast.js';
import { type AuditContext, args, callAnchor, calleeName, calleeObject } from './context.js';
import { type CookieWrite, type Defaults, SECURE_FIX, attributesOf, fromOptions, isDeletion } from './cookie-attributes.js';
import { UNKNOWN, stringLiteral } from './flow.js';
import { checkSecret } from './secrets.js';

const SVELTEKIT_DEFAULTS: Defaults = { httpOnly: 'on', secure: 'on', sameSite: 'lax' };
const H3_DEFAULTS: Defaults = { httpOnly: 'off', secure: 'off' };
// @remix-run's createCookie starts from { path: '/', sameSite: 'lax' }.
const REMIX_DEFAULTS: Defaults = { httpOnly: 'off', secure: 'off', sameSite: 'lax' };

const SVELTEKIT_ROUTE = /(^|[\\/])(\+page\.server|\+layout\.server|\+server|hooks\.server)\.[cm]?[jt]s$/;
const H3_MODULES = /^(h3|#imports|nitropack\/runtime|vinxi\/http|@tanstack\/(react|solid)-start\/server)$/;
const REMIX_MODULES = /^(@remix-run\/(node|cloudflare|deno|server-runtime)|react-router|@react-router\/(node|cloudflare)|remix)$/;
const SESSION_STORAGE = /^create(Cookie|File|Memory|WorkersKV|ArcTable)?SessionStorage$/;

export function isSvelteKitFile(ctx: AuditContext): boolean {
  return SVELTEKIT_ROUTE.test(ctx.file) || ctx.importsFrom(/^(@sveltejs\/kit|\$app\/|\.\/\$types$)/);
}

/** A Nuxt/Nitro server handler: `defineEventHandler` with no import in sight, or h3 imported. */
function isH3File(ctx: AuditContext): boolean {
  if (ctx.importsFrom(H3_MODULES)) return true;
  return /\b(defineEventHandler|eventHandler|defineNitroPlugin)\s*\(/.test(ctx.parsed.text) && !ctx.importsFrom(/^(hono|cookies-next|nookies)/);
}

function literalName(ctx: AuditContext, node: Node | undefined): string | undefined {
  return node ? stringLiteral(ctx.flow.resolve(node) ?? node) : undefined;
}

/** `cookies.set(...)` in a SvelteKit load, action, endpoint or hook (`{ cookies }` or `event.cookies`). */
function svelteKitWrite(ctx: AuditContext, call: Node, object: Node): CookieWrite | undefined {
  const list = args(call);
  // `{ cookies }` from the event, or `event.cookies`; a `cookies` the file declares itself is something else.
  const binding = object.type === 'Identifier' ? ctx.flow.bindingOf(object) : undefined;
  const named = object.type === 'Identifier' ? object.name === 'cookies' && ctx.importOf(object) === undefined && (!binding || binding.param?.path.at(-1) === 'cookies') : object.type === 'MemberExpression' && keyName(object.property) === 'cookies';
  if (!named || list.length < 2) return undefined;
  return {
    anchor: callAnchor(call),
    api: 'SvelteKit cookies.set',
    name: literalName(ctx, list[0]),
    value: list[1],
    attributes: isDeletion(ctx, list[1], list[2]) ? undefined : fromOptions(ctx, list[2], SVELTEKIT_DEFAULTS),
    fix: (n) => `cookies.set('${n}', value, { path: '/', httpOnly: true, secure: true, sameSite: 'lax' })`,
  };
}

/** h3 `setCookie(event, name, value, options)`: imported from h3, or auto-imported in a Nuxt server route. */
function h3Write(ctx: AuditContext, call: Node, callee: Node): CookieWrite | undefined {
  const source = ctx.importOf(callee)?.source;
  if (source !== undefined ? !H3_MODULES.test(source) : ctx.flow.bindingOf(callee) !== undefined || !isH3File(ctx)) return undefined;
  const list = args(call);
  if (list.length < 3) return undefined;
  return {
    anchor: callee,
    api: 'h3 setCookie',
    name: literalName(ctx, list[1]),
    value: list[2],
    attributes: isDeletion(ctx, list[2], list[3]) ? undefined : fromOptions(ctx, list[3], H3_DEFAULTS),
    fix: (n) => `setCookie(event, '${n}', value, ${SECURE_FIX})`,
  };
}

/** The cookie options of a session storage: `{ cookie: { ... } }` or `{ cookie: createCookie(name, { ... }) }`. */
function remixWrite(ctx: AuditContext, call: Node, api: string): CookieWrite | undefined {
  const view = args(call)[0] ? ctx.flow.objectView(args(call)[0]!) : undefined;
  if (!view) return undefined;
  const cookie = view.get('cookie');
  if (cookie === undefined || cookie === UNKNOWN) return undefined;
  let options: Node | undefined = cookie;
  const made = unwrap(ctx.flow.resolve(cookie) ?? cookie) as Node;
  if (made.type === 'CallExpression' && calleeName(made) === 'createCookie') options = args(made)[1];
  const cookieView = options ? ctx.flow.objectView(options) : undefined;
  if (options && !cookieView) return undefined;
  if (cookieView) checkSecret(ctx, cookieView.get('secrets'), `Remix ${api}`, 'secrets');
  return {
    anchor: callAnchor(call),
    api: `Remix ${api}`,
    session: true,
    attributes: cookieView ? attributesOf(cookieView, REMIX_DEFAULTS) : { httpOnly: 'off', secure: 'off', sameSite: 'lax' },
    fix: () => `${api}({ cookie: { name: '__session', httpOnly: true, secure: true, sameSite: 'lax', secrets: [process.env.SESSION_SECRET] } })`,
  };
}

/** One cookie write of these frameworks in a call; undefined for anything else (cookie-writes.ts goes on). */
export function frameworkCookieCall(ctx: AuditContext, call: Node): CookieWrite | undefined {
  if (call.type !== 'CallExpression') return undefined;
  const name = calleeName(call);
  const callee = unwrap(call.callee) as Node;
  const object = calleeObject(call);
  if (name === 'set' && object && isSvelteKitFile(ctx)) return svelteKitWrite(ctx, call, object);
  if (name === 'setCookie' && callee.type === 'Identifier') return h3Write(ctx, call, callee);
  if (name && SESSION_STORAGE.test(name) && callee.type === 'Identifier' && REMIX_MODULES.test(ctx.importOf(callee)?.source ?? '')) return remixWrite(ctx, call, name);
  return undefined;
}
