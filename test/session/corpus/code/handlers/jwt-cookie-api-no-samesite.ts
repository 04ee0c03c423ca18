// Models Express + TypeScript APIs that moved the JWT into an HttpOnly cookie but left out
// SameSite (the "httpOnly: true, secure: true" login of many MERN-to-TypeScript ports) and read
// it back from req.cookies in their routes: cookie auth without a CSRF defence.
import express, { Request, Response } from 'express';
import jwt from 'jsonwebtoken';

const router = express.Router();

router.post('/auth/login', (req: Request, res: Response) => {
  const token = jwt.sign({ sub: req.body.email }, process.env.JWT_SECRET as string, { expiresIn: '15m' });
  res.cookie('token', token, { httpOnly: true, secure: true }); // expect: session/cookie-samesite-missing
  res.json({ ok: true });
});

router.put('/profile', (req: Request, res: Response) => { // expect: session/csrf-unprotected
  const user = jwt.verify(req.cookies.token, process.env.JWT_SECRET as string, { algorithms: ['HS256'] });
  res.json({ user, updated: req.body });
});

router.post('/webhooks/stripe', (req: Request, res: Response) => {
  res.json({ received: Boolean(req.body) });
});

router.post('/posts', (req: Request, res: Response) => {
  res.json({ created: req.body, by: req.headers.authorization });
});

export default router;
