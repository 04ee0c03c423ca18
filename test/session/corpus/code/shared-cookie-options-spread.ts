// Models the auth controllers of Express + TypeScript boilerplates that keep one cookie options
// object and spread it into every cookie (e.g. the access/refresh pair in
// wpcodevo/node_typeorm auth.controller.ts: accessTokenCookieOptions / refreshTokenCookieOptions).
// The shared object is secure, so neither cookie is a finding.
import { CookieOptions, NextFunction, Request, Response } from 'express';
import { signTokens } from '../services/user.service';

const cookiesOptions: CookieOptions = {
  httpOnly: true,
  sameSite: 'lax',
  secure: process.env.NODE_ENV === 'production',
};

const accessTokenCookieOptions: CookieOptions = {
  ...cookiesOptions,
  expires: new Date(Date.now() + 15 * 60 * 1000),
  maxAge: 15 * 60 * 1000,
};

const refreshTokenCookieOptions: CookieOptions = {
  ...cookiesOptions,
  expires: new Date(Date.now() + 7 * 24 * 60 * 60 * 1000),
  maxAge: 7 * 24 * 60 * 60 * 1000,
};

export const loginUserHandler = async (req: Request, res: Response, next: NextFunction) => {
  const { access_token, refresh_token } = await signTokens(req.body.user);
  res.cookie('access_token', access_token, accessTokenCookieOptions);
  res.cookie('refresh_token', refresh_token, refreshTokenCookieOptions);
  res.cookie('logged_in', true, { ...accessTokenCookieOptions, httpOnly: false });
  res.status(200).json({ status: 'success', access_token });
  next();
};
