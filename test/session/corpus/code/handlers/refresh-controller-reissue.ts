// Models refresh controllers that do issue a new refresh token but never retire the old one
// (a pattern in many Express + TypeScript starters: sign both, set the cookie, no store), next to
// a NestJS-style refresh that hands everything to a service in another file (not judged).
import { Request, Response } from 'express';
import jwt, { JwtPayload } from 'jsonwebtoken';
import { authService } from './auth.service';

const cookieOptions = { httpOnly: true, secure: true, sameSite: 'strict' as const, path: '/api/auth/refresh' };

export const refresh = async (req: Request, res: Response) => { // expect: session/refresh-token-not-rotated
  const presented = req.cookies.refresh_token;
  const payload = jwt.verify(presented, process.env.REFRESH_SECRET as string, { algorithms: ['HS256'] }) as JwtPayload;
  const accessToken = jwt.sign({ sub: payload.sub }, process.env.ACCESS_SECRET as string, { expiresIn: '15m' });
  const refreshToken = jwt.sign({ sub: payload.sub }, process.env.REFRESH_SECRET as string, { expiresIn: '7d' });
  res.cookie('refresh_token', refreshToken, cookieOptions);
  res.json({ accessToken });
};

export const refreshViaService = async (req: Request, res: Response) => {
  const tokens = await authService.refreshAuth(req.cookies.refresh_token);
  res.cookie('refresh_token', tokens.refresh, cookieOptions);
  res.json({ accessToken: tokens.access });
};
