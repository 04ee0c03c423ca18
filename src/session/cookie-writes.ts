// Every cookie a file writes and the HttpOnly, Secure and SameSite attributes it shows, across the
// frameworks and their defaults: server APIs, session middleware, browser cookie libraries,
// document.cookie and Set-Cookie strings, Nuxt and next-auth. Judging which of them are auth
// cookies, and what is wrong with them, is cookies.ts's job.
import { appendAll } from '../findings/model.js';
import { isNode, keyName, type Node, unwrap } from '../js/ast.js';
import { type AuditContext, args, callAnchor, calleeName, calleeObject } from './context.js';
import { type CookieAttributes, type CookieWrite, type Flag, SECURE_FIX, type SameSite, attributesOf, flag, fromOptions, isDeletion, sameSite } from './cookie-attributes.js';
import { UNKNOWN, stringLiteral } from './flow.js';
import { frameworkCookieCall } from './framework-cookies.js';
import { checkSecret } from './secrets.js';

function receiver(ctx: AuditContext, call: Node, fallback: string): string {
  const object = calleeObject(call);
  return object && object.end - object.start <= 30 ? ctx.text(object) : fallback;
}

/** Recognises one cookie write in a call; undefined for anything else. */
function cookieCall(ctx: AuditContext, call: Node): CookieWrite | undefined {
  const name = calleeName(call);
  const list = args(call);
  const callee = unwrap(call.callee) as Node;
  const object = calleeObject(call);
  const source = callee.type === 'Identifier' ? ctx.importOf(callee)?.source : undefined;
  const literalName = (node: Node | undefined) => (node ? stringLiteral(ctx.flow.resolve(node) ?? node) : undefined);

  // express-session and cookie-session: HttpOnly by default; SameSite not.
  if (source === 'express-session' && list[0]) {
    const view = ctx.flow.objectView(list[0]);
    if (!view) return undefined;
    checkSecret(ctx, view.get('secret'), 'express-session', 'secret');
    const cookie = view.get('cookie');
    const cookieView = cookie === undefined ? undefined : cookie === UNKNOWN ? null : ctx.flow.objectView(cookie);
    const attributes = cookieView === null ? undefined : cookieView ? attributesOf(cookieView, { httpOnly: 'on', secure: 'off' }) : { httpOnly: 'on' as Flag, secure: 'off' as Flag, sameSite: 'off' as SameSite };
    return { anchor: callee, api: 'express-session', session: true, attributes, fix: () => `session({ secret, resave: false, saveUninitialized: false, cookie: ${SECURE_FIX} })` };
  }
  if (source === 'cookie-session' && list[0]) {
    const view = ctx.flow.objectView(list[0]);
    if (!view) return undefined;
    checkSecret(ctx, view.get('secret'), 'cookie-session', 'secret');
    checkSecret(ctx, view.get('keys'), 'cookie-session', 'keys');
    // Like Koa, cookie-session (the `cookies` module) makes the cookie Secure on HTTPS connections.
    return { anchor: callee, api: 'cookie-session', session: true, attributes: attributesOf(view, { httpOnly: 'on', secure: 'dynamic' }), fix: () => `cookieSession({ name: 'session', keys, httpOnly: true, secure: true, sameSite: 'lax' })` };
  }
  // koa-session: session(CONFIG, app), HttpOnly by default, Secure follows the connection.
  if (source === 'koa-session' && list[0]) {
    const view = ctx.flow.objectView(list[0]);
    if (!view) return undefined;
    return { anchor: callee, api: 'koa-session', session: true, attributes: attributesOf(view, { httpOnly: 'on', secure: 'dynamic' }), fix: () => "session({ key: 'sess', httpOnly: true, secure: true, sameSite: 'lax' }, app)" };
  }
  // @fastify/session and @fastify/secure-session: fastify.register(plugin, { cookie: {...} }).
  if (name === 'register' && list[1] && /^@fastify\/(session|secure-session)$/.test(ctx.importOf(list[0])?.source ?? '')) {
    const view = ctx.flow.objectView(list[1]);
    if (!view) return undefined;
    checkSecret(ctx, view.get('secret'), ctx.importOf(list[0])!.source, 'secret');
    const cookie = view.get('cookie');
    const cookieView = cookie === undefined ? undefined : cookie === UNKNOWN ? null : ctx.flow.objectView(cookie);
    // @fastify/session defaults to HttpOnly and Secure; for @fastify/secure-session authkit does not
    // assume either way (only what the options say counts).
    const defaults: { httpOnly: Flag; secure: Flag } = ctx.importOf(list[0])!.source === '@fastify/session' ? { httpOnly: 'on', secure: 'on' } : { httpOnly: 'dynamic', secure: 'dynamic' };
    const attributes = cookieView === null ? undefined : cookieView ? attributesOf(cookieView, defaults) : { ...defaults, sameSite: 'off' as SameSite };
    return { anchor: callAnchor(call), api: ctx.importOf(list[0])!.source, session: true, attributes, fix: () => `fastify.register(session, { secret, cookie: ${SECURE_FIX} })` };
  }
  // react-cookie: const [cookies, setCookie] = useCookies(['token']); setCookie('token', t, { path: '/' }).
  if (callee.type === 'Identifier' && isReactCookieSetter(ctx, callee)) {
    return { anchor: callee, api: `react-cookie ${callee.name as string}`, name: literalName(list[0]), value: list[1], browser: true, attributes: isDeletion(ctx, list[1], list[2]) ? undefined : fromOptions(ctx, list[2], { httpOnly: 'off', secure: 'off' }), fix: (n) => `res.cookie('${n}', value, ${SECURE_FIX})` };
  }
  // nookies.set(ctx, name, value, options): the default export's method form.
  if (name === 'set' && object?.type === 'Identifier' && ctx.importOf(object)?.source === 'nookies') {
    return nookiesWrite(ctx, list, callAnchor(call), 'nookies.set');
  }
  // Hono, nookies: setCookie(c, name, value, options); cookies-next: setCookie(name, value, options).
  if (callee.type === 'Identifier' && (name === 'setCookie' || name === 'setSignedCookie') && source) {
    const shift = /^(hono|nookies)/.test(source) ? 1 : /cookies-next/.test(source) ? 0 : -1;
    if (shift < 0) return undefined;
    if (source === 'nookies') return nookiesWrite(ctx, list, callee, 'nookies setCookie');
    // cookies-next without { req, res } runs in the browser.
    const nextOptions = source.includes('cookies-next') && list[2] ? ctx.flow.objectView(list[2]) : undefined;
    const browser = source.includes('cookies-next') && (!list[2] || (nextOptions !== undefined && nextOptions.has('res') === false && nextOptions.has('cookies') === false));
    const options = list[shift + (name === 'setSignedCookie' ? 3 : 2)];
    if (name === 'setSignedCookie') checkSecret(ctx, list[shift + 2], 'setSignedCookie');
    const label = source.startsWith('hono') ? 'Hono setCookie' : `${source} setCookie`;
    return {
      anchor: callee,
      api: label,
      name: literalName(list[shift]),
      value: list[shift + 1],
      attributes: isDeletion(ctx, list[shift + 1], options) ? undefined : fromOptions(ctx, options, { httpOnly: 'off', secure: 'off' }),
      ...(browser ? { browser } : {}),
      fix: (n) => `setCookie(${shift ? 'c, ' : ''}'${n}', value, { httpOnly: true, secure: true, sameSite: 'Lax', path: '/' })`,
    };
  }
  // cookie.serialize(name, value, options) from the `cookie` package.
  if (name === 'serialize' && (source === 'cookie' || (object && ctx.importOf(object)?.source === 'cookie'))) {
    return {
      anchor: callAnchor(call),
      api: 'cookie.serialize',
      name: literalName(list[0]),
      value: list[1],
      attributes: isDeletion(ctx, list[1], list[2]) ? undefined : fromOptions(ctx, list[2], { httpOnly: 'off', secure: 'off' }),
      fix: (n) => `serialize('${n}', value, ${SECURE_FIX})`,
    };
  }
  if (!object) return undefined;
  // Browser cookie libraries: js-cookie, universal-cookie / react-cookie (withCookies props),
  // ngx-cookie-service, nookies and cookies-next called without a request. Never HttpOnly.
  if (name === 'set' && isBrowserJar(ctx, object)) {
    const ngx = ctx.importsFrom(/^ngx-cookie/) && !ctx.importsFrom(/^(js-cookie|universal-cookie|react-cookie)$/);
    const third = list[2] ? ctx.flow.resolve(list[2]) : undefined;
    // ngx-cookie-service: set(name, value, expires?, path?, domain?, secure?, sameSite?) or set(name, value, options).
    const attributes = ngx && third?.type !== 'ObjectExpression' ? positionalAttributes(list) : fromOptions(ctx, list[2], { httpOnly: 'off', secure: 'off' });
    const api = ngx ? `${receiver(ctx, call, 'cookieService')}.set` : `${receiver(ctx, call, 'Cookies')}.set`;
    return { anchor: callAnchor(call), api, name: literalName(list[0]), value: list[1], browser: true, attributes: isDeletion(ctx, list[1], list[2]) ? undefined : attributes, fix: (n) => `res.cookie('${n}', value, ${SECURE_FIX})` };
  }
  // Vue: vue-cookies `this.$cookies.set(name, value, expires, path, domain, secure, sameSite)` in
  // the browser; cookie-universal-nuxt `this.$cookies.set(name, value, { ... })` on either side.
  if (name === 'set' && object.type === 'MemberExpression' && keyName(object.property) === '$cookies' && list.length >= 2) {
    const third = list[2] ? ctx.flow.resolve(list[2]) : undefined;
    const positional = list[2] !== undefined && third?.type !== 'ObjectExpression';
    const attributes = positional ? positionalAttributes(list) : fromOptions(ctx, list[2], { httpOnly: 'off', secure: 'off' });
    return { anchor: callAnchor(call), api: 'this.$cookies.set', name: literalName(list[0]), value: list[1], ...(positional || !list[2] ? { browser: true } : {}), attributes: isDeletion(ctx, list[1], list[2]) ? undefined : attributes, fix: (n) => `res.cookie('${n}', value, ${SECURE_FIX})` };
  }
  // Express / NestJS res.cookie, Fastify reply.setCookie (and its reply.cookie alias).
  if ((name === 'cookie' || name === 'setCookie') && list.length >= 2 && object.type !== 'MemberExpression') {
    const who = receiver(ctx, call, name === 'setCookie' ? 'reply' : 'res');
    return {
      anchor: callAnchor(call),
      api: `${who}.${name}`,
      name: literalName(list[0]),
      value: list[1],
      attributes: isDeletion(ctx, list[1], list[2]) ? undefined : fromOptions(ctx, list[2], { httpOnly: 'off', secure: 'off' }),
      fix: (n) => `${who}.${name}('${n}', value, ${SECURE_FIX})`,
    };
  }
  // Koa ctx.cookies.set (HttpOnly by default, Secure follows the connection) and Next.js cookies().set / response.cookies.set.
  if (name === 'set' && isCookieJar(ctx, object)) {
    const koa = isKoaJar(ctx, object);
    const single = list.length === 1 ? ctx.flow.objectView(list[0]) : undefined;
    const cookieName = single ? literalName(single.get('name') as Node | undefined) : literalName(list[0]);
    const value = single ? (isNode(single.get('value')) ? (single.get('value') as Node) : undefined) : list[1];
    const options = single ? list[0] : list[2];
    const defaults = koa ? { httpOnly: 'on' as Flag, secure: 'dynamic' as Flag } : { httpOnly: 'off' as Flag, secure: 'off' as Flag };
    if (list.length === 1 && !single) return undefined;
    const who = ctx.text(object).length <= 30 ? ctx.text(object) : koa ? 'ctx.cookies' : 'cookies()';
    return {
      anchor: callAnchor(call),
      api: koa ? 'Koa ctx.cookies.set' : `Next.js ${who}.set`,
      ...(cookieName !== undefined ? { name: cookieName } : {}),
      ...(value ? { value } : {}),
      attributes: isDeletion(ctx, value, options) ? undefined : fromOptions(ctx, options, defaults),
      fix: (n) => `${who}.set('${n}', value, ${SECURE_FIX})`,
    };
  }
  return undefined;
}

/** nookies with a request context sets the cookie on the server; with `null` (or nothing), in the browser. */
function nookiesWrite(ctx: AuditContext, list: Node[], anchor: Node, api: string): CookieWrite {
  const first = list[0] ? (unwrap(list[0]) as Node) : undefined;
  const browser = !first || (first.type === 'Literal' && first.value === null) || (first.type === 'Identifier' && first.name === 'undefined') || (first.type === 'ObjectExpression' && (first.properties as Node[]).length === 0);
  const options = list[3];
  return {
    anchor,
    api,
    name: list[1] ? stringLiteral(ctx.flow.resolve(list[1]) ?? list[1]) : undefined,
    value: list[2],
    ...(browser ? { browser } : {}),
    attributes: isDeletion(ctx, list[2], options) ? undefined : fromOptions(ctx, options, { httpOnly: 'off', secure: 'off' }),
    fix: (n) => `setCookie(ctx, '${n}', value, { httpOnly: true, secure: true, sameSite: 'lax', path: '/' })`,
  };
}

const BROWSER_COOKIE_MODULES = /^(js-cookie|universal-cookie|react-cookie|ngx-cookie-service|ngx-cookie-service-ssr|ngx-cookie|vue-cookies|typescript-cookie|@vueuse\/integrations\/useCookies)$/;

/** `Cookies` from js-cookie, `new Cookies()` from universal-cookie, an injected ngx CookieService, withCookies' `props.cookies`. */
function isBrowserJar(ctx: AuditContext, object: Node): boolean {
  // (new Cookies).set(...)
  if (object.type === 'NewExpression') return /^(universal-cookie|react-cookie)$/.test(ctx.importOf(object.callee)?.source ?? '');
  if (object.type === 'Identifier') {
    const source = ctx.importOf(object)?.source;
    if (source !== undefined) return BROWSER_COOKIE_MODULES.test(source) && source !== 'react-cookie';
    const value = ctx.flow.resolve(object);
    if (value && value !== object) {
      const made = value.type === 'NewExpression' ? ctx.importOf(value.callee)?.source : undefined;
      return made !== undefined && /^(universal-cookie|react-cookie)$/.test(made);
    }
    return !ctx.flow.bindingOf(object) && object.name === 'Cookies' && !ctx.importsFrom(/^(koa|express|fastify|hono|next\/)/);
  }
  // this.cookieService.set(...) in an Angular service; props.cookies.set(...) with react-cookie's withCookies.
  const key = object.type === 'MemberExpression' && !object.computed ? keyName(object.property) : undefined;
  if (key === undefined || !ctx.importsFrom(BROWSER_COOKIE_MODULES)) return false;
  return /cookie(s|service)?$/i.test(key) && !ctx.importsFrom(/^(koa|express|fastify|hono|next\/)/);
}

/** The second element of `const [cookies, setCookie] = useCookies([...])` (react-cookie). */
function isReactCookieSetter(ctx: AuditContext, callee: Node): boolean {
  if (!ctx.importsFrom(/^react-cookie$/)) return false;
  for (const { node } of ctx.declarators) {
    const id = node.id as Node;
    const init = isNode(node.init) ? (unwrap(node.init) as Node) : undefined;
    if (id.type !== 'ArrayPattern' || init?.type !== 'CallExpression' || calleeName(init) !== 'useCookies') continue;
    const setter = (id.elements as (Node | null)[])[1];
    if (setter?.type === 'Identifier' && setter.name === callee.name) return true;
  }
  return false;
}

/** ngx-cookie-service's positional form: set(name, value, expires, path, domain, secure, sameSite). */
function positionalAttributes(list: Node[]): CookieAttributes {
  const secure = list[5] === undefined ? 'off' : flag(list[5], 'off');
  return { httpOnly: 'off', secure, sameSite: list[6] === undefined ? 'off' : sameSite(list[6]) };
}

function isCookieJar(ctx: AuditContext, object: Node): boolean {
  if (object.type === 'MemberExpression' && keyName(object.property) === 'cookies') return true;
  if (object.type === 'CallExpression' && calleeName(object) === 'cookies') return true;
  const resolved = ctx.flow.resolve(object);
  const inner = resolved?.type === 'AwaitExpression' ? (unwrap(resolved.argument) as Node) : resolved;
  return inner?.type === 'CallExpression' && calleeName(inner) === 'cookies';
}

function isKoaJar(ctx: AuditContext, object: Node): boolean {
  if (object.type !== 'MemberExpression') return false;
  const owner = unwrap(object.object) as Node;
  if (ctx.importsFrom(/^koa$/)) return true;
  return owner.type === 'Identifier' && (owner.name === 'ctx' || owner.name === 'context') && !ctx.importsFrom(/^next\//);
}

/** `document.cookie = 'token=' + token` and raw `Set-Cookie` header strings. */
function parseCookieString(ctx: AuditContext, node: Node): { name?: string; value?: Node; attributes: CookieAttributes | undefined; deletion: boolean } | undefined {
  const target = ctx.flow.resolve(node) ?? node;
  let text: string;
  const holes: Node[] = [];
  if (target.type === 'TemplateLiteral') {
    const quasis = target.quasis as Node[];
    text = quasis.map((q) => (q.value as { cooked?: string }).cooked ?? '').join('\u0000');
    appendAll(holes, target.expressions as Node[]);
  } else {
    const parts: (string | Node)[] = [];
    const flatten = (n: Node): boolean => {
      const u = unwrap(n) as Node;
      if (u.type === 'BinaryExpression' && u.operator === '+') return flatten(u.left as Node) && flatten(u.right as Node);
      const s = stringLiteral(u);
      parts.push(s ?? u);
      return true;
    };
    flatten(target);
    if (!parts.some((p) => typeof p === 'string')) return undefined;
    text = parts.map((p) => (typeof p === 'string' ? p : '\u0000')).join('');
    appendAll(holes, parts.filter((p): p is Node => typeof p !== 'string'));
  }
  const eq = text.indexOf('=');
  if (eq < 0) return undefined;
  const cookieName = text.slice(0, eq).trim();
  const semicolon = text.indexOf(';', eq);
  const valueText = semicolon < 0 ? text.slice(eq + 1) : text.slice(eq + 1, semicolon);
  const attributeText = semicolon < 0 ? '' : text.slice(semicolon + 1);
  const valueHole = valueText.includes('\u0000') ? holes[(text.slice(0, eq + 1 + valueText.indexOf('\u0000')).match(/\u0000/g) ?? []).length] : undefined;
  const deletion = (valueText.trim() === '' && !valueHole) || /max-age=0|expires=thu, 01 jan 1970/i.test(attributeText);
  // An interpolated attribute (`; expires=${date}`, `${flags}`) may add any flag: what the static
  // text shows counts, what it does not is unknown.
  // A hole right after `expires=`, `max-age=`, `path=` or `domain=` is that attribute's value, not a flag.
  const holey = /(^|[^=\s]\s*)\u0000/.test(attributeText);
  const absent: 'off' | 'dynamic' = holey ? 'dynamic' : 'off';
  const attrs = attributeText.split(';').map((a) => a.trim().toLowerCase());
  const same = attrs.find((a) => a.startsWith('samesite='))?.slice('samesite='.length);
  if (holey) {
    return {
      name: cookieName.includes('\u0000') ? undefined : cookieName,
      value: valueHole,
      deletion,
      attributes: { httpOnly: attrs.includes('httponly') ? 'on' : absent, secure: attrs.includes('secure') ? 'on' : absent, sameSite: same === 'lax' || same === 'strict' || same === 'none' ? same : 'dynamic' },
    };
  }
  return {
    name: cookieName.includes('\u0000') ? undefined : cookieName,
    value: valueHole,
    deletion,
    attributes: {
      httpOnly: attrs.includes('httponly') ? 'on' : 'off',
      secure: attrs.includes('secure') ? 'on' : 'off',
      sameSite: same === 'lax' || same === 'strict' || same === 'none' ? same : same === undefined ? 'off' : 'dynamic',
    },
  };
}

function headerCookies(ctx: AuditContext): CookieWrite[] {
  const found: CookieWrite[] = [];
  const addString = (value: Node, anchor: Node, browser: boolean) => {
    const resolved = ctx.flow.resolve(value) ?? value;
    if (resolved.type === 'ArrayExpression') {
      for (const element of resolved.elements as (Node | null)[]) if (element) addString(element, anchor, browser);
      return;
    }
    if (resolved.type === 'CallExpression') return; // cookie.serialize(...) is judged where it is called
    const parsed = parseCookieString(ctx, value);
    if (!parsed || parsed.deletion) return;
    found.push({
      anchor,
      api: browser ? 'document.cookie' : 'a Set-Cookie header',
      ...(parsed.name !== undefined ? { name: parsed.name } : {}),
      ...(parsed.value ? { value: parsed.value } : {}),
      attributes: parsed.attributes,
      browser,
      fix: (n) => (browser ? `res.cookie('${n}', value, ${SECURE_FIX})` : `Set-Cookie: ${n}=...; HttpOnly; Secure; SameSite=Lax; Path=/`),
    });
  };
  for (const { node } of ctx.assignments) {
    const left = unwrap(node.left) as Node;
    if (left.type === 'MemberExpression' && keyName(left.property) === 'cookie' && isNode(left.object) && left.object.name === 'document') addString(node.right as Node, left, true);
  }
  for (const { node } of ctx.calls) {
    const name = calleeName(node);
    const list = args(node);
    if (name && ['setHeader', 'header', 'set', 'append'].includes(name) && list[1] && /^set-cookie$/i.test(stringLiteral(list[0]) ?? '')) addString(list[1], callAnchor(node), false);
  }
  for (const { node } of ctx.objects) {
    for (const prop of node.properties as Node[]) {
      if (prop.type === 'Property' && /^set-cookie$/i.test(keyName(prop.key) ?? '')) addString(prop.value as Node, prop.key as Node, false);
    }
  }
  return found;
}

/** Nuxt `const token = useCookie('token', opts); token.value = data.token`: the write is the assignment. */
function nuxtCookies(ctx: AuditContext): CookieWrite[] {
  const found: CookieWrite[] = [];
  for (const { node } of ctx.declarators) {
    const init = isNode(node.init) ? (unwrap(node.init) as Node) : undefined;
    const id = node.id as Node;
    if (init?.type !== 'CallExpression' || calleeName(init) !== 'useCookie' || id.type !== 'Identifier') continue;
    const [nameArg, options] = args(init);
    const cookieName = nameArg ? stringLiteral(ctx.flow.resolve(nameArg) ?? nameArg) : undefined;
    for (const { node: assignment } of ctx.assignments) {
      const left = unwrap(assignment.left) as Node;
      if (left.type !== 'MemberExpression' || keyName(left.property) !== 'value' || (unwrap(left.object) as Node).name !== id.name) continue;
      const value = assignment.right as Node;
      const cleared = (unwrap(value) as Node).type === 'Literal' && ((unwrap(value) as Node).value === null || (unwrap(value) as Node).value === '');
      found.push({ anchor: left, node: assignment, api: 'Nuxt useCookie', ...(cookieName !== undefined ? { name: cookieName } : {}), value, attributes: cleared ? undefined : fromOptions(ctx, options, { httpOnly: 'off', secure: 'off' }), fix: (n) => `useCookie('${n}', ${SECURE_FIX})` });
    }
  }
  return found;
}

/** next-auth `cookies: { sessionToken: { name, options } }`: given options replace next-auth's own defaults. */
function nextAuthCookies(ctx: AuditContext): CookieWrite[] {
  if (!ctx.importsFrom(/^next-auth/)) return [];
  const found: CookieWrite[] = [];
  for (const { node } of ctx.objects) {
    for (const prop of node.properties as Node[]) {
      if (prop.type !== 'Property' || keyName(prop.key) !== 'sessionToken') continue;
      const options = ctx.flow.objectView(prop.value)?.get('options');
      if (!isNode(options)) continue;
      found.push({
        anchor: prop.key as Node,
        api: 'next-auth cookies.sessionToken',
        session: true,
        attributes: fromOptions(ctx, options, { httpOnly: 'off', secure: 'off' }),
        fix: () => "cookies: { sessionToken: { name: '__Secure-next-auth.session-token', options: { httpOnly: true, sameSite: 'lax', path: '/', secure: true } } }",
      });
    }
  }
  return found;
}

const WRITES = new WeakMap<AuditContext, CookieWrite[]>();

/** Every cookie write of the file (deletions have no attributes), found once per file. */
export function cookieWrites(ctx: AuditContext): readonly CookieWrite[] {
  const known = WRITES.get(ctx);
  if (known) return known;
  const writes: CookieWrite[] = [];
  for (const { node } of ctx.calls) {
    const write = frameworkCookieCall(ctx, node) ?? cookieCall(ctx, node);
    if (write) writes.push({ ...write, node });
  }
  writes.push(...headerCookies(ctx), ...nextAuthCookies(ctx), ...nuxtCookies(ctx));
  WRITES.set(ctx, writes);
  return writes;
}
