// Models Next.js route handlers in public apps that move a JWT from the client into an HttpOnly
// cookie (app/api/session/route.ts). Nothing to report.
import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';

export async function POST(req: Request) {
  const { token } = await req.json();
  if (!token || typeof token !== 'string') return NextResponse.json({ error: 'Invalid token' }, { status: 400 });
  const cookieStore = await cookies();
  cookieStore.set('auth-token', token, {
    httpOnly: true,
    secure: process.env.NODE_ENV === 'production',
    sameSite: 'lax',
    maxAge: 60 * 60,
    path: '/',
  });
  return NextResponse.json({ ok: true });
}
