// Models Next.js App Router login routes (app/api/login/route.ts in many Next 13/14 starters):
// the token cookie lacks Secure and SameSite; the companion cookies hold the user name and a
// remember-me flag, which are not sessions whatever their names say.
import { NextResponse } from 'next/server';
import { login } from '@/app/api/auth';

export async function POST(req: Request) {
  const { username, password } = await req.json();
  const token = await login(username, password);
  if (!token) return NextResponse.json({ ok: false }, { status: 401 });
  const res = NextResponse.json({ ok: true });
  res.cookies.set('auth-token', token, { httpOnly: true, path: '/' }); // expect: session/cookie-secure-missing, session/cookie-samesite-missing
  res.cookies.set('auth-user', username, { path: '/' });
  res.cookies.set('remember_me', 'true', { path: '/', maxAge: 30 * 24 * 3600 });
  return res;
}
