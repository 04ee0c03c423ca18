// Models the Remix sessions docs' production setup (remix.run/docs/en/main/utils/sessions): secrets
// from the environment, HttpOnly and Secure set, SameSite=Lax left to Remix's default.
import { createCookieSessionStorage } from '@remix-run/node';

if (!process.env.SESSION_SECRET) throw new Error('SESSION_SECRET must be set');

export const sessionStorage = createCookieSessionStorage({
  cookie: {
    name: '__session',
    httpOnly: true,
    path: '/',
    secrets: [process.env.SESSION_SECRET],
    secure: process.env.NODE_ENV === 'production',
    maxAge: 60 * 60 * 24 * 30,
  },
});
