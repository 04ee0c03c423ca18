// Models an app/api/login/route.ts of Next.js app-router apps: response.cookies.set without any
// attribute, and a jsonwebtoken token valid for a day.
import { NextResponse } from 'next/server';
import jwt from 'jsonwebtoken';

export async function POST(request: Request) {
  const { email } = await request.json();
  const token = jwt.sign({ email }, process.env.JWT_SECRET!, { expiresIn: '1d' }); // expect: session/access-token-lifetime
  const response = NextResponse.json({ success: true });
  response.cookies.set('token', token); // expect: session/cookie-httponly-missing, session/cookie-secure-missing, session/cookie-samesite-missing
  return response;
}
