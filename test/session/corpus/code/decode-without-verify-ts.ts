// Models an Express TypeScript middleware found in public code (decodeJwtWithoutVerify): the
// payload is attached to the request after a decode that checks nothing.
import type { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';

export function decodeUser(req: Request, res: Response, next: NextFunction) {
  const authHeader = req.headers['authorization'];
  if (!authHeader || !authHeader.startsWith('Bearer ')) return res.status(401).json({ message: 'No token provided' });
  const token = authHeader.split(' ')[1];
  try {
    const decoded = jwt.decode(token); // expect: session/jwt-decode-without-verify
    if (!decoded) return res.status(400).json({ message: 'Invalid token' });
    (req as unknown as { user: unknown }).user = decoded;
    next();
  } catch {
    return res.status(400).json({ message: 'Token decode failed' });
  }
}
