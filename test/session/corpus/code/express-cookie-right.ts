// Models the login handlers of Express + TypeScript boilerplates that follow the OWASP session
// cheat sheet: 15-minute access token in an HttpOnly, Secure, SameSite cookie. Nothing to report.
import type { Request, Response } from 'express';
import jwt from 'jsonwebtoken';

const cookieOptions = {
  httpOnly: true,
  secure: process.env.NODE_ENV !== 'development',
  sameSite: 'strict' as const,
  maxAge: 15 * 60 * 1000,
};

export function login(req: Request, res: Response) {
  const accessToken = jwt.sign({ sub: req.body.userId }, process.env.JWT_SECRET as string, { expiresIn: '15m', algorithm: 'HS256' });
  res.cookie('access_token', accessToken, cookieOptions);
  res.status(204).end();
}

export function me(req: Request, res: Response) {
  const claims = jwt.verify(req.cookies.access_token, process.env.JWT_SECRET as string, { algorithms: ['HS256'] });
  res.json(claims);
}
