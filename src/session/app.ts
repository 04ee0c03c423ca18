// The app around a file: what its other files say about the auth cookie and CSRF. An Express app
// configures express-session in app.js and registers routes in routes/*.js; a NestJS app does it in
// main.ts and its controllers; a Next.js app sets the cookie in its login route handler. A route
// file alone shows neither the cookie's SameSite nor the app's CSRF defence, so the CSRF check
// asks the app. The app is the folder of the nearest package.json (else the folder the user
// named); its sources are read once per run, tests, vendored and build output left out.
import { parseSource } from '../js/parse.js';
import { readAppSource, sourcesOf } from './app-files.js';
import type { SameSite } from './cookie-attributes.js';
import { AuditContext, type SessionLimits } from './context.js';
import { authCookieWrites } from './cookies.js';

export const CSRF_MODULES = /^(csrf-csrf|csrf-sync|lusca|@fastify\/csrf-protection|@fastify\/csrf|hono\/csrf|@hono\/csrf|tiny-csrf|koa-csrf|@koa\/csrf|@edge-csrf\/\w+|edge-csrf|next-csrf|csrf|csurf|express-csrf-double-submit-cookie|@dr.pogodin\/csurf)$/;
export const ORIGIN_CHECK = /headers\s*(\.\s*origin|\[\s*['"`]origin['"`]\s*\]|\.get\(\s*['"`]origin['"`]\s*\))|\.get\(\s*['"`]origin['"`]\s*\)|\.header\(\s*['"`]origin['"`]\s*\)|sec-fetch-site|x-requested-with|x-csrf-token|x-xsrf-token|csrfToken|csrf_token|_csrf/i;

/** A CSRF defence the file shows: a CSRF library, or an Origin / custom-header / token check. */
export function showsCsrfDefence(ctx: AuditContext): boolean {
  return ctx.importsFrom(CSRF_MODULES) || ORIGIN_CHECK.test(ctx.parsed.text);
}

export interface AppCookie {
  file: string;
  line: number;
  sameSite: SameSite;
  browser: boolean;
  session: boolean;
}

export interface AppFacts {
  /** Auth cookies the app's files write, with the SameSite each shows. */
  cookies: AppCookie[];
  /** Some file shows a CSRF defence (library, Origin check, CSRF token). */
  defended: boolean;
  /** `passport.session()`: `req.user` comes from the session cookie. */
  passportSession: boolean;
  /** The walk stopped at the file limit: facts may be missing, so nothing is concluded. */
  partial: boolean;
}

// Only files that may configure a cookie or a defence are parsed.
const WORTH_PARSING = /cookie|session|csrf|origin/i;

const cache = new Map<string, AppFacts>();

/** What the app rooted at `root` shows, read once per run. */
export function appFacts(root: string, limits: SessionLimits): AppFacts {
  const cached = cache.get(root);
  if (cached) return cached;
  const facts: AppFacts = { cookies: [], defended: false, passportSession: false, partial: false };
  const { files, partial } = sourcesOf(root);
  facts.partial = partial;
  for (const path of files) {
    const text = readAppSource(path);
    if (text === undefined || !WORTH_PARSING.test(text)) continue;
    if (/passport\s*\.\s*session\s*\(/.test(text)) facts.passportSession = true;
    const parsed = parseSource(path, text);
    if (parsed.refused || parsed.parseError) continue;
    const ctx = new AuditContext(path, parsed, limits, path, root);
    if (showsCsrfDefence(ctx)) facts.defended = true;
    for (const { write, attributes } of authCookieWrites(ctx)) {
      const at = write.node ?? write.anchor;
      facts.cookies.push({ file: path, line: parsed.lines.position(at.start).line, sameSite: attributes.sameSite, browser: write.browser === true, session: write.session === true });
    }
  }
  if (cache.size > 20) cache.clear();
  cache.set(root, facts);
  return facts;
}
