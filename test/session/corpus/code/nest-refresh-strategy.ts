// Models the refresh-token strategies of NestJS tutorials (e.g. vladwulf/nestjs-jwt-refresh style
// rt.strategy.ts): expiry ignored on the refresh token, token read from the body.
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';

@Injectable()
export class RtStrategy extends PassportStrategy(Strategy, 'jwt-refresh') {
  constructor() {
    super({ // expect: session/jwt-expiration-ignored
      jwtFromRequest: ExtractJwt.fromBodyField('refresh'),
      secretOrKey: process.env.RT_SECRET,
      ignoreExpiration: true,
      algorithms: ['HS256'],
      passReqToCallback: true,
    });
  }

  validate(req: unknown, payload: { sub: number }) {
    return { ...payload, req };
  }
}
