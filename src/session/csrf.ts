// session/csrf-unprotected: cookie-authenticated state-changing routes when the auth cookie has no
// SameSite=Lax/Strict and nothing else stops a cross-site request (a CSRF library, an Origin check).
// Decided in the file when it shows the auth cookie; otherwise the app's other files are asked
// (app.ts), so routes in routes/*.js, NestJS controllers and Next.js route handlers are judged
// against the cookie that app.js, main.ts or the login route sets.
import type { Node } from '../js/ast.js';
import { unwrap } from '../js/ast.js';
import { type AppCookie, appFacts, showsCsrfDefence } from './app.js';
import { type AuditContext, args } from './context.js';
import { authCookieWrites } from './cookies.js';
import { stringLiteral } from './flow.js';
import { type Handler, STATE_CHANGING, requestHandlers, textOf } from './handlers.js';
import { importedDeclaration } from './imported.js';

const NOT_SESSION_ROUTE = /log-?(in|out)|sign-?out|sign-?in|sign-?up|register|webhook|callback|refresh|forgot|reset|verify/;
const SESSION_GUARD = /isAuthenticated|ensure_?(logged_?in|auth(enticated)?|login)|is_?logged_?in|require_?(login|user|session)|logged_?in|checkSession/i;
const SESSION_MIDDLEWARE = /^(express-session|cookie-session|koa-session|@fastify\/session|@fastify\/secure-session|iron-session)$/;
// What a guard or middleware in another file checks: the session (passport's isAuthenticated,
// req.session), or a cookie; a guard reading only the Authorization header is a bearer guard.
const SESSION_BODY = /\.isAuthenticated\s*\(|\b(req|request)\s*\.\s*session\b/;
const COOKIE_BODY = /\.(cookies|signedCookies)\s*(\.\s*\w+|\[|\.get\()|\bcookies\(\)/;

const FIX = "Set sameSite: 'lax' (or 'strict') on the cookie and add a CSRF check (csrf-csrf or csrf-sync for Express, @fastify/csrf-protection, hono/csrf, or an Origin header check); csurf is deprecated";

export function checkCsrf(ctx: AuditContext): void {
  for (const { node } of ctx.calls) {
    if (requireOrImport(ctx, node) === 'csurf') {
      ctx.report(
        'session/csrf-unprotected',
        node,
        'csurf is deprecated (its maintainers archived it in 2022) and gets no security fixes. It still guards these routes, but move to csrf-csrf (double submit) or csrf-sync (synchronizer token), and set SameSite=Lax or Strict on the session cookie',
        { severity: 'info', data: { deprecated: 'csurf' } },
      );
    }
  }
  if (showsCsrfDefence(ctx) || /['"]use server['"]/.test(ctx.parsed.text)) return;
  const writes = authCookieWrites(ctx);
  if (writes.length > 0) {
    checkInFile(ctx, writes);
    return;
  }
  checkAgainstApp(ctx);
}

function stateChanging(ctx: AuditContext): (Handler & { method: string })[] {
  return requestHandlers(ctx).filter((h): h is Handler & { method: string } => h.method !== undefined && STATE_CHANGING.test(h.method) && !NOT_SESSION_ROUTE.test(h.route));
}

function checkInFile(ctx: AuditContext, writes: ReturnType<typeof authCookieWrites>): void {
  // The auth cookie's SameSite is visible in this file: none of the writes may have Lax or Strict.
  if (writes.some(({ attributes }) => attributes.sameSite === 'lax' || attributes.sameSite === 'strict' || attributes.sameSite === 'dynamic')) return;
  if (writes.every(({ write }) => write.browser)) return;
  const middleware = writes.some(({ write }) => write.session) && [...ctx.imports.values()].some((b) => SESSION_MIDDLEWARE.test(b.source));
  for (const handler of stateChanging(ctx)) {
    // The route must use the cookie session: read the session, the user it loaded or the auth
    // cookie, or sit behind a session guard (isAuthenticated, ensureLoggedIn). A session middleware
    // kept only for an OAuth handshake does not make bearer-token routes cookie-authenticated.
    // A route that sets the auth cookie is where the session starts (a login by another name).
    if (!readsAuthCookie(ctx, handler.fn) && !(middleware && handler.guards.some((g) => SESSION_GUARD.test(g)))) continue;
    if (writes.some(({ write }) => write.node && write.node.start >= handler.fn.start && write.node.end <= handler.fn.end)) continue;
    ctx.report('session/csrf-unprotected', handler.anchor, `This ${handler.method.toUpperCase()} route changes state for whoever's cookie comes with the request, and nothing stops another site from sending it: the auth cookie has no SameSite=Lax/Strict and there is no CSRF defence. ${FIX}`);
  }
}

/**
 * The route file shows no auth cookie: judge its routes against the cookies the rest of the app
 * sets. Stricter than in one file: every auth cookie of the app must be known to lack
 * SameSite=Lax/Strict, no file may show a defence, and each route must show it rides the cookie
 * (reads the session or a cookie, or sits behind a guard that does); `req.user` alone counts only
 * when passport restores it from the session.
 */
function checkAgainstApp(ctx: AuditContext): void {
  if (!ctx.appRoot) return;
  const handlers = stateChanging(ctx);
  if (handlers.length === 0) return;
  const facts = appFacts(ctx.appRoot, ctx.limits);
  if (facts.partial || facts.defended) return;
  const cookies = facts.cookies.filter((c) => c.file !== ctx.location);
  if (cookies.length === 0 || cookies.every((c) => c.browser) || cookies.some((c) => c.sameSite === 'lax' || c.sameSite === 'strict' || c.sameSite === 'dynamic')) return;
  const sessionCookie = cookies.some((c) => c.session);
  for (const handler of handlers) {
    const guard = guardKind(ctx, handler, sessionCookie);
    const text = textOf(ctx, handler.fn);
    const rides = guard !== undefined || SESSION_BODY.test(text) || COOKIE_BODY.test(text) || (facts.passportSession && /\breq\.user\b/.test(text) && !handler.guards.some((g) => /jwt|bearer|token/i.test(g)));
    if (!rides) continue;
    ctx.report('session/csrf-unprotected', handler.anchor, `This ${handler.method.toUpperCase()} route changes state for whoever's cookie comes with the request, and nothing stops another site from sending it: the auth cookie (${where(ctx, cookies)}) has no SameSite=Lax/Strict and no file of the app shows a CSRF defence. ${FIX}`, { data: { cookieSetIn: cookies.map((c) => `${rel(ctx, c.file)}:${c.line}`) } });
  }
}

/** 'session' or 'cookie' when a guard before the handler checks the cookie session; undefined otherwise. */
function guardKind(ctx: AuditContext, handler: Handler, sessionCookie: boolean): 'session' | 'cookie' | undefined {
  for (const guard of handler.guards) {
    // A guard whose name says session counts only when the app has a session middleware.
    if (sessionCookie && SESSION_GUARD.test(guard) && !/jwt|bearer|token/i.test(guard)) return 'session';
    for (const name of guard.match(/[A-Za-z_$][\w$]*/g) ?? []) {
      const declaration = importedDeclaration(ctx.imports.get(name), ctx.location, ctx.appRoot);
      if (!declaration) continue;
      if (SESSION_BODY.test(declaration.text)) return 'session';
      if (COOKIE_BODY.test(declaration.text)) return 'cookie';
    }
  }
  return undefined;
}

function rel(ctx: AuditContext, file: string): string {
  return ctx.appRoot && file.startsWith(ctx.appRoot) ? file.slice(ctx.appRoot.length).replace(/^[\\/]/, '') : file;
}

function where(ctx: AuditContext, cookies: AppCookie[]): string {
  const shown = cookies.slice(0, 2).map((c) => `${rel(ctx, c.file)} line ${c.line}`);
  return `set in ${shown.join(', ')}${cookies.length > 2 ? ` and ${cookies.length - 2} more` : ''}`;
}

function readsAuthCookie(ctx: AuditContext, fn: Node): boolean {
  const text = textOf(ctx, fn);
  return /\.(cookies|signedCookies)\s*(\.\s*\w+|\[|\.get\()/.test(text) || /\b(req|request|ctx)\.session\b/.test(text) || /\breq\.user\b/.test(text) || /cookies\(\)/.test(text);
}

function requireOrImport(ctx: AuditContext, call: Node): string | undefined {
  const callee = unwrap(call.callee) as Node;
  const arg = args(call)[0];
  if (callee.type === 'Identifier' && callee.name === 'require') return stringLiteral(arg);
  if (callee.type === 'Identifier') {
    const binding = ctx.importOf(callee);
    // csrf({ cookie: true }) with `import csrf from 'csurf'`: reported once, at the first use.
    if (binding?.source === 'csurf' && !ctx.calls.some((c) => c.node !== call && c.node.start < call.start && requireOrImport(ctx, c.node) === 'csurf')) return 'csurf';
  }
  return undefined;
}
