// Models NestJS refresh endpoints of the "at/rt" tutorials (e.g. vladwulf/nestjs-jwt-refresh
// shape) where the controller itself verifies and signs: only a new access token is returned.
import { Controller, Post, Req, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Request } from 'express';

@Controller('auth')
export class AuthController {
  constructor(private jwtService: JwtService) {}

  @Post('refresh')
  async refresh(@Req() req: Request) { // expect: session/refresh-token-not-rotated
    const rt = req.cookies['refresh_token'];
    try {
      const { sub } = await this.jwtService.verifyAsync(rt, { secret: process.env.RT_SECRET });
      return { access_token: await this.jwtService.signAsync({ sub }, { secret: process.env.AT_SECRET, expiresIn: '15m' }) };
    } catch {
      throw new UnauthorizedException();
    }
  }
}
