// Models honojs/website docs/helpers/cookie.md ("setCookie with options") with hono/jwt sign: a
// five-minute token in an HttpOnly, Secure, SameSite=Strict cookie. Nothing to report.
import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { sign } from 'hono/jwt';

const app = new Hono<{ Bindings: { JWT_SECRET: string } }>();

app.post('/login', async (c) => {
  const payload = { sub: 'user123', exp: Math.floor(Date.now() / 1000) + 60 * 5 };
  const token = await sign(payload, c.env.JWT_SECRET);
  setCookie(c, 'session', token, { path: '/', secure: true, httpOnly: true, maxAge: 300, sameSite: 'Strict' });
  return c.text('ok');
});

export default app;
