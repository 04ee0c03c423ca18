// Models yazdaner/nuxt-auth server/api/auth/login.post.js and reza-ak/Fast-food's admin login: a
// Nuxt server route proxies the login to an API and keeps its token in a cookie through h3's
// auto-imported setCookie, which adds no SameSite (and no HttpOnly or Secure) of its own.
export default defineEventHandler(async (event) => {
  const body = await readBody(event);
  const { public: { apiBase } } = useRuntimeConfig();
  const data = await $fetch(`${apiBase}/auth/login`, { method: 'POST', body });
  setCookie(event, 'token', data.token, { // expect: session/cookie-samesite-missing
    httpOnly: true,
    secure: true,
    maxAge: 60 * 60 * 24 * 7,
    path: '/',
  });
  setCookie(event, 'locale', body.locale ?? 'en', { maxAge: 60 * 60 * 24 * 365 });
  return data.user;
});
