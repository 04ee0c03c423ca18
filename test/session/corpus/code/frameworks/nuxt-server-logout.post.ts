// Models yazdaner/nuxt-auth server/api/auth/logout.post.js with h3 imported by name: the API is told
// to revoke the token, and the cookie is cleared (an empty value), which is not a cookie to judge.
import { defineEventHandler, getCookie, setCookie } from 'h3';

export default defineEventHandler(async (event) => {
  const token = getCookie(event, 'token');
  await $fetch('/api/logout', { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
  setCookie(event, 'token', '', { httpOnly: true, secure: true, maxAge: 0, path: '/' });
  setCookie(event, 'refresh_token', 'x', { httpOnly: true, secure: true, sameSite: 'strict', path: '/api/refresh' });
  return { ok: true };
});
