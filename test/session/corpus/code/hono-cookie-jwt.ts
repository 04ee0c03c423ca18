// Models honojs/website docs/helpers/cookie.md and docs/middleware/builtin/jwt.md: the docs'
// literal secret, a bare setCookie, and a token signed without exp.
import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { jwt, sign } from 'hono/jwt';

const app = new Hono();

app.use('/auth/*', jwt({ secret: 'it-is-very-secret' })); // expect: session/hardcoded-secret

app.post('/login', async (c) => {
  const { user } = await c.req.json();
  const token = await sign({ sub: user, role: 'user' }, c.env.JWT_SECRET); // expect: session/jwt-expiry-missing
  setCookie(c, 'token', token); // expect: session/cookie-httponly-missing, session/cookie-secure-missing, session/cookie-samesite-missing
  return c.json({ ok: true });
});

export default app;
