// Models a Next.js route handler (vercel/next.js examples, App Router) that spreads shared cookie
// options imported through the tsconfig '@/*' path: the options are read there, not guessed.
import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';
import { sessionCookie } from '@/lib/cookie-options';
import { createSession } from '@/lib/session';

export async function POST(request: Request) {
  const sessionId = await createSession(await request.json());
  cookies().set('session', sessionId, { ...sessionCookie, maxAge: 60 * 60 }); // expect: session/cookie-secure-missing, session/cookie-samesite-missing
  return NextResponse.json({ ok: true });
}
