// Models Olemio/Harmony-Hub app/sessions.server.ts, PatrickMennen/remix-demo-template
// app/sessions.ts and the Remix sessions docs (remix.run/docs/en/main/utils/sessions): the session
// cookie's signing secrets written in the code, and a cookie left without HttpOnly and Secure
// (Remix only adds SameSite=Lax by itself).
import { createCookie, createCookieSessionStorage, createFileSessionStorage } from '@remix-run/node';

export const { getSession, commitSession, destroySession } = createCookieSessionStorage({
  cookie: {
    name: '__session',
    httpOnly: true,
    path: '/',
    sameSite: 'lax',
    secrets: ['YOUR_SECRET'], // expect: session/hardcoded-secret
    secure: true,
  },
});

const adminCookie = createCookie('__admin', {
  expires: new Date(Date.now() + 60_000_000),
  secrets: [process.env.ADMIN_SECRET ?? 's3cr3t'], // expect: session/hardcoded-secret
});

export const adminSessions = createFileSessionStorage({ cookie: adminCookie, dir: './sessions' }); // expect: session/cookie-httponly-missing, session/cookie-secure-missing

export const prefs = createCookie('prefs', { maxAge: 604_800 });
