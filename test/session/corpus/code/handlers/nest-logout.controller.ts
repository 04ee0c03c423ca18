// Models NestJS auth controllers whose logout clears the cookies on the response only
// (@Res({ passthrough: true }) res.clearCookie), while the refresh token stays valid in the DB.
import { Controller, HttpCode, Post, Res } from '@nestjs/common';
import { Response } from 'express';

@Controller('auth')
export class AuthController {
  @Post('logout')
  @HttpCode(200)
  logout(@Res({ passthrough: true }) res: Response) { // expect: session/logout-not-revoked
    res.clearCookie('access_token');
    res.clearCookie('refresh_token');
    return { message: 'logged out' };
  }
}
