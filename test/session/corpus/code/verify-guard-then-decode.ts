// Models Express middlewares that verify first and decode afterwards to read the claims (a
// common shape in TypeScript APIs: `try { verify(token) } catch { return 401 }; decode(token)`,
// or behind an `isValid(token)` helper of the same file), and one that decodes on a path where
// nothing was verified.
import { NextFunction, Request, Response } from 'express';
import jwt, { JwtPayload } from 'jsonwebtoken';

const isValid = (token: string) => {
  try {
    jwt.verify(token, process.env.JWT_SECRET as string, { algorithms: ['HS256'] });
    return true;
  } catch {
    return false;
  }
};

export function requireUser(req: Request, res: Response, next: NextFunction) {
  const token = req.headers.authorization?.split(' ')[1] ?? '';
  try {
    jwt.verify(token, process.env.JWT_SECRET as string, { algorithms: ['HS256'] });
  } catch {
    return res.status(401).json({ message: 'invalid token' });
  }
  const { id, role } = jwt.decode(token) as JwtPayload;
  res.locals.user = { id, role };
  next();
}

export function optionalUser(req: Request, res: Response, next: NextFunction) {
  const token = req.cookies.token;
  if (isValid(token)) {
    res.locals.user = jwt.decode(token);
  }
  next();
}

export function previewUser(req: Request, res: Response, next: NextFunction) {
  const token = req.cookies.preview;
  if (req.query.preview === '1') res.locals.user = jwt.decode(token); // expect: session/jwt-decode-without-verify
  else if (isValid(req.cookies.token)) res.locals.user = jwt.decode(req.cookies.token);
  next();
}
