// Models Next.js middleware.ts files of public apps that accept a token from the URL for links
// shared into iframes: the token lands in logs and Referer headers.
import { NextResponse, type NextRequest } from 'next/server';
import { jwtVerify } from 'jose';

const key = new TextEncoder().encode(process.env.JWT_SECRET);

export async function middleware(request: NextRequest) {
  const token = request.nextUrl.searchParams.get('token') ?? request.cookies.get('token')?.value; // expect: session/token-in-url
  if (!token) return NextResponse.redirect(new URL('/login', request.url));
  try {
    await jwtVerify(token, key, { algorithms: ['HS256'] });
    return NextResponse.next();
  } catch {
    return NextResponse.redirect(new URL('/login', request.url));
  }
}
