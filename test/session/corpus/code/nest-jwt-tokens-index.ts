// Models tribofustack/orderly-api src/external/infra/tokens/index.ts: a literal secret and an
// hour-long access token in the module registration.
import { JwtModule } from '@nestjs/jwt';

export default JwtModule.register({ // expect: session/access-token-lifetime
  global: true,
  secret: 'jwtConstants.secret', // expect: session/hardcoded-secret
  signOptions: { expiresIn: '60m' },
});
