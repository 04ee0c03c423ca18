// Models nestjs/nest sample/19-auth-jwt src/auth/constants.ts and auth.module.ts: the docs'
// placeholder secret ends up as the real one in many copies; a 60-second token is fine.
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';

export const jwtConstants = {
  secret: 'DO NOT USE THIS VALUE. INSTEAD, CREATE A COMPLEX SECRET AND KEEP IT SAFE OUTSIDE OF THE SOURCE CODE.', // expect: session/hardcoded-secret
};

@Module({
  imports: [
    JwtModule.register({
      global: true,
      secret: jwtConstants.secret,
      signOptions: { expiresIn: '60s' },
    }),
  ],
})
export class AuthModule {}
