// Models Hono apps with cookie sessions (hono docs "CSRF Protection" middleware): hono/csrf checks
// the Origin of every unsafe request, so no route is a CSRF finding (the cookie still lacks SameSite).
import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { getCookie, setCookie } from 'hono/cookie';

const app = new Hono();
app.use(csrf({ origin: 'https://app.example.com' }));

app.post('/login', (c) => {
  setCookie(c, 'session', crypto.randomUUID(), { httpOnly: true, secure: true, path: '/' }); // expect: session/cookie-samesite-missing
  return c.text('ok');
});

app.post('/notes', (c) => c.json({ by: getCookie(c, 'session') }));

export default app;
