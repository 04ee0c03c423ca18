// Models auth middlewares of public Express/TypeScript apps that silence TokenExpiredError
// instead of refreshing: ignoreExpiration, and a day of clock tolerance.
import type { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';

export function requireAuth(req: Request, res: Response, next: NextFunction) {
  const token = req.headers.authorization?.split(' ')[1] ?? '';
  try {
    const payload = jwt.verify(token, process.env.JWT_SECRET!, { algorithms: ['HS256'], ignoreExpiration: true }); // expect: session/jwt-expiration-ignored
    res.locals.user = payload;
    next();
  } catch {
    res.sendStatus(401);
  }
}

export function lenient(token: string) {
  return jwt.verify(token, process.env.JWT_SECRET!, { algorithms: ['HS256'], clockTolerance: 60 * 60 * 24 }); // expect: session/jwt-expiration-ignored
}
