// Models logout controllers of Express + TypeScript APIs: one only clears the refresh cookie
// (codestates/Meal-To-Meal server/controllers/user/logout.js shape), one deletes the stored
// refresh token first (the DaveGray logoutController shape), one revokes through a deny-list.
import { Request, Response } from 'express';
import { prisma } from './db';
import { redis } from './redis';

export const logout = (req: Request, res: Response) => { // expect: session/logout-not-revoked
  return res.clearCookie('refresh_token', { sameSite: 'none', secure: true, httpOnly: true }).status(200).send('logged out');
};

export const signOut = async (req: Request, res: Response) => {
  await prisma.refreshToken.deleteMany({ where: { token: req.cookies.refresh_token } });
  res.clearCookie('refresh_token');
  res.sendStatus(204);
};

export const logoutEverywhere = async (req: Request, res: Response) => {
  await redis.set(`denylist:${req.cookies.refresh_token}`, '1', 'EX', 7 * 24 * 3600);
  res.clearCookie('refresh_token');
  res.sendStatus(204);
};
