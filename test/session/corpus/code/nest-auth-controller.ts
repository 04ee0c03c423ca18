// Models vladwulf/nestjs-jwt-refresh-tokens-style src/auth/auth.controller.ts and auth.service.ts:
// the token pair is returned as JSON, refresh token included.
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';

@Controller('auth')
export class AuthController {
  constructor(private jwtService: JwtService) {}

  @Post('local/signin')
  @HttpCode(200)
  async signin(@Body() dto: { email: string; password: string }) {
    const [at, rt] = await Promise.all([
      this.jwtService.signAsync({ sub: dto.email }, { secret: process.env.AT_SECRET, expiresIn: 60 * 15 }),
      this.jwtService.signAsync({ sub: dto.email }, { secret: process.env.RT_SECRET, expiresIn: 60 * 60 * 24 * 7 }),
    ]);
    return {
      access_token: at,
      refresh_token: rt, // expect: session/refresh-token-exposed
    };
  }
}
