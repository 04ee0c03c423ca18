// Models controllers that spread a shared cookie options object (the access/refresh controllers
// of Express + TypeScript starters): from a relative module it is followed one import deep; from a
// package the file cannot see, the cookie is noted at info, never reported as a confident error;
// a class field holding the options is resolved in the file.
import { Response } from 'express';
import { cookieDefaults } from '@acme/auth-config';
import { legacyCookie, secureCookie } from './config/cookies';

export class SessionController {
  private readonly rememberOptions = { httpOnly: true, secure: true, sameSite: 'lax' as const, maxAge: 30 * 24 * 3600 * 1000 };

  private readonly deviceOptions = { httpOnly: false, secure: true, sameSite: 'lax' as const };

  issue(res: Response, accessToken: string, refreshToken: string, sessionId: string) {
    res.cookie('access_token', accessToken, { ...secureCookie, maxAge: 15 * 60 * 1000 });
    res.cookie('refresh_token', refreshToken, { ...legacyCookie, maxAge: 7 * 24 * 3600 * 1000 }); // expect: session/cookie-secure-missing, session/cookie-samesite-missing
    res.cookie('sid', sessionId, { ...cookieDefaults, maxAge: 3600 * 1000 }); // expect: session/cookie-httponly-missing
    res.cookie('remember_token', refreshToken, this.rememberOptions);
    res.cookie('device_token', accessToken, this.deviceOptions); // expect: session/cookie-httponly-missing
  }
}
