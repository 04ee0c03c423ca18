// Models the cookie helpers of a Koa + @koa/router API in public code: signed, HttpOnly, SameSite
// cookie whose Secure flag Koa sets from the connection. Nothing to report.
import type { ParameterizedContext } from 'koa';
import { COOKIE_TOKEN } from './env';

const options = { httpOnly: true, signed: true, sameSite: 'lax' as const };

export function getCookie(ctx: ParameterizedContext) {
  return ctx.cookies.get(COOKIE_TOKEN, { signed: true });
}

export function setCookie(ctx: ParameterizedContext, token: string) {
  ctx.cookies.set(COOKIE_TOKEN, token, options);
}

export function unsetCookie(ctx: ParameterizedContext) {
  ctx.cookies.set(COOKIE_TOKEN, '', { ...options, maxAge: 0 });
}
