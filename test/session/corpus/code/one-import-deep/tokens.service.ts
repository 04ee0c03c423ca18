// Models TypeScript token services that import their lifetimes from a constants module (e.g. the
// src/utils/jwt.ts + src/constants.ts split of many Express + Prisma starters), and one helper
// whose milliseconds were meant for a cookie.
import jwt from 'jsonwebtoken';
import { ACCESS_TOKEN_TTL, PASSWORD_RESET_TTL, REFRESH_TOKEN_TTL } from './constants';

export function signAccessToken(userId: string) {
  return jwt.sign({ sub: userId }, process.env.ACCESS_TOKEN_SECRET as string, { expiresIn: ACCESS_TOKEN_TTL }); // expect: session/access-token-lifetime
}

export function signRefreshToken(userId: string) {
  return jwt.sign({ sub: userId }, process.env.REFRESH_TOKEN_SECRET as string, { expiresIn: REFRESH_TOKEN_TTL });
}

export function signResetToken(userId: string) {
  return jwt.sign({ sub: userId, purpose: 'reset' }, process.env.RESET_SECRET as string, { expiresIn: PASSWORD_RESET_TTL });
}

export function signSessionToken(userId: string) {
  return jwt.sign({ sub: userId }, process.env.ACCESS_TOKEN_SECRET as string, { expiresIn: 30 * 24 * 60 * 60 * 1000 }); // expect: session/access-token-lifetime
}
