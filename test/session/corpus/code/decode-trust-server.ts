// Models server code that trusts decoded claims: a Next.js middleware that reads the role from
// jose's decodeJwt (a shape seen in many Next 13/14 dashboards, "decode is enough on the edge"),
// and a NestJS roles guard using JwtService.decode. The middleware's expiry check alone would be
// fine; acting on the role is not.
import { NextRequest, NextResponse } from 'next/server';
import { decodeJwt } from 'jose';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';

export function middleware(request: NextRequest) {
  const token = request.cookies.get('session')?.value ?? '';
  const { exp } = decodeJwt(token);
  if (!exp || exp * 1000 < Date.now()) return NextResponse.redirect(new URL('/login', request.url));
  const claims = decodeJwt(token); // expect: session/jwt-decode-without-verify
  if (request.nextUrl.pathname.startsWith('/admin') && claims.role !== 'admin') return NextResponse.redirect(new URL('/', request.url));
  return NextResponse.next();
}

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly jwtService: JwtService) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest();
    const token = (request.headers.authorization ?? '').replace('Bearer ', '');
    const payload = this.jwtService.decode(token); // expect: session/jwt-decode-without-verify
    return payload?.roles?.includes('admin') ?? false;
  }
}
