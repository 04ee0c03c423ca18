// Models vercel/next.js examples/with-passport lib/auth-cookies.js: cookie.serialize with
// HttpOnly, SameSite and Secure outside development; removal by maxAge -1. Nothing to report.
import { serialize, parse } from 'cookie';

const TOKEN_NAME = 'token';
export const MAX_AGE = 60 * 60 * 8;

export function setTokenCookie(res, token) {
  const cookie = serialize(TOKEN_NAME, token, {
    maxAge: MAX_AGE,
    expires: new Date(Date.now() + MAX_AGE * 1000),
    httpOnly: true,
    secure: process.env.NODE_ENV === 'production',
    path: '/',
    sameSite: 'lax',
  });
  res.setHeader('Set-Cookie', cookie);
}

export function removeTokenCookie(res) {
  const cookie = serialize(TOKEN_NAME, '', { maxAge: -1, path: '/' });
  res.setHeader('Set-Cookie', cookie);
}

export function getTokenCookie(req) {
  return parse(req.headers.cookie || '')[TOKEN_NAME];
}
