// Auth cookies and their HttpOnly, Secure and SameSite attributes (the writes themselves are found
// by cookie-writes.ts). A cookie is judged only when it carries a session: a session middleware's cookie, or a
// cookie whose name or value is a session id, JWT, access or refresh token. An attribute computed
// at run time (`secure: isProd`) or options the file does not show are not findings.
import { keyName, type Node, unwrap } from '../js/ast.js';
import type { AuditContext } from './context.js';
import { type CookieAttributes, type CookieWrite, SECURE_FIX, UNRESOLVED, rootOf } from './cookie-attributes.js';
import { cookieWrites } from './cookie-writes.js';
import { isAuthCookieName } from './libraries.js';
import { classifyToken, holdsToken } from './tokens.js';

// Names that say auth only loosely (`auth-user`, `login_email`, `remember_me`): a value that is
// plainly a profile field (`username`, `user.email`, `'true'`) makes them something else.
const WEAK_AUTH_NAME = /^(?!.*(sess|sid|token|jwt|bearer|refresh)).*(auth|login|remember)/i;

function holdsProfile(value: Node | undefined): boolean {
  if (!value) return false;
  const target = unwrap(value) as Node;
  if (target.type === 'Literal') return true;
  const name = target.type === 'Identifier' ? (target.name as string) : target.type === 'MemberExpression' ? keyName(target.property) : undefined;
  return name !== undefined && /^(user_?name|email|name|display_?name|role|roles|lang|locale|theme|user_?id|id|remember(_?me)?|is\w+)$/i.test(name);
}

function isAuthCookie(ctx: AuditContext, write: CookieWrite): boolean {
  if (write.session) return true;
  if (write.name !== undefined && isAuthCookieName(write.name) && !(WEAK_AUTH_NAME.test(write.name) && holdsProfile(write.value))) return true;
  if (!write.value) return false;
  if (holdsToken(classifyToken(ctx, write.value))) return true;
  const value = unwrap(write.value) as Node;
  const valueName = value.type === 'Identifier' ? (value.name as string) : value.type === 'MemberExpression' ? keyName(value.property) : undefined;
  return valueName !== undefined && /session|^sid$|sessionid/i.test(valueName) && !/csrf/i.test(valueName);
}

/** The auth cookies the file writes (not deletes) with attributes it shows. */
export function authCookieWrites(ctx: AuditContext): { write: CookieWrite; attributes: CookieAttributes }[] {
  return cookieWrites(ctx).flatMap((write) => (write.attributes && isAuthCookie(ctx, write) ? [{ write, attributes: write.attributes }] : []));
}

export function checkCookies(ctx: AuditContext): void {
  for (const write of cookieWrites(ctx)) {
    if (!write.attributes || !isAuthCookie(ctx, write)) continue;
    const label = write.name !== undefined ? `'${write.name}'` : 'auth';
    const subject = write.session ? `The ${write.api} cookie` : `The ${label} cookie set with ${write.api}`;
    const fix = write.fix(write.name ?? 'sid');
    const { httpOnly, secure, sameSite: site } = write.attributes;
    const spread = UNRESOLVED.get(write.attributes);
    const unknown = (['httpOnly', 'secure', 'sameSite'] as const).filter((k) => write.attributes![k] === 'dynamic');
    // Only a shared object imported from another module (`...cookieOptions`, `...config.cookie`):
    // a conditional spread is a run-time choice like `secure: isProd`, a parameter the caller's business.
    const named = spread !== undefined && ctx.importOf(rootOf(spread)) !== undefined;
    if (spread && named && unknown.length > 0 && !write.browser) {
      // Not a finding about the cookie, which may well be right: a note that it could not be checked.
      const from = spread.end - spread.start <= 40 ? ctx.text(spread) : 'a shared options object';
      ctx.report('session/cookie-httponly-missing', write.anchor, `${subject} takes its ${unknown.join(', ')} from ${from}, which neither this file nor its imports show: authkit cannot tell whether the cookie is ${unknown.map((k) => (k === 'sameSite' ? 'SameSite=Lax/Strict' : k === 'httpOnly' ? 'HttpOnly' : 'Secure')).join(', ')}. Make sure ${from} sets ${SECURE_FIX}`, { severity: 'info', data: { unresolvedOptions: from } });
    }
    if (write.browser) ctx.report('session/cookie-httponly-missing', write.anchor, `${subject} is written by browser code, which can never make it HttpOnly: any XSS reads it with document.cookie and takes over the session. Have the server set it: ${fix}`);
    else if (httpOnly === 'off') ctx.report('session/cookie-httponly-missing', write.anchor, `${subject} is not HttpOnly: any XSS can read it with document.cookie and take over the session. Fix: ${fix}`);
    if (secure === 'off') ctx.report('session/cookie-secure-missing', write.anchor, `${subject} is not Secure: it is also sent over plain HTTP, where anyone on the network path can read and replay it. Fix: ${fix}`);
    if (site === 'none' && secure === 'off') ctx.report('session/cookie-samesite-none-insecure', write.anchor, `${subject} has SameSite=None without Secure: browsers drop it, and where it is kept any site can ride the session. Fix: ${fix.replace("sameSite: 'lax'", "sameSite: 'none'")}`);
    else if (site === 'off') ctx.report('session/cookie-samesite-missing', write.anchor, `${subject} has no SameSite: other sites can make the browser send it along and act as the user (CSRF). Fix: ${fix}`);
  }
}
