// Models LioRael/valhalla-lite app/api/token/route.ts: the login route handler sets the token
// cookie; every other route handler of the app is judged against it.
import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';
import { signIn } from '../../../lib/auth';

export async function POST(request: Request) {
  const { email, password } = await request.json();
  const token = await signIn(email, password);
  cookies().set('token', token, { httpOnly: true, secure: true, path: '/' }); // expect: session/cookie-samesite-missing
  return NextResponse.json({ ok: true });
}
