// Models an apps/api/src/auth/jwt.module.ts of an inventory app (public NestJS code found by
// search): an env secret with a literal fallback and an eight-hour token.
import { Module } from '@nestjs/common';
import { JwtModule as NestJwtModule } from '@nestjs/jwt';

@Module({
  imports: [
    NestJwtModule.register({ // expect: session/access-token-lifetime
      secret: process.env.JWT_SECRET || 'inventory-secret-key-2025', // expect: session/hardcoded-secret
      signOptions: { expiresIn: '8h' },
    }),
  ],
  exports: [NestJwtModule],
})
export class JwtModule {}
