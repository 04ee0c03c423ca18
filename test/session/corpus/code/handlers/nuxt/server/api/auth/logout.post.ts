// Models a Nuxt server route as the Nuxt docs lay them out (nuxt.com/docs/guide/directory-structure/server):
// server/api/auth/logout.post.ts names the route; h3's deleteCookie is auto-imported. Clearing the
// refresh cookie alone leaves the refresh token valid.
export default defineEventHandler(async (event) => { // expect: session/logout-not-revoked
  deleteCookie(event, 'refresh_token', { path: '/' });
  deleteCookie(event, 'access_token');
  return { ok: true };
});
