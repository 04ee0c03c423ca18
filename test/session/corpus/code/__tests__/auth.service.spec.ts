// Models the NestJS starter's src/auth/auth.service.spec.ts (nestjs/nest sample 19-auth-jwt and the
// many apps generated from it): a testing module with a mock secret, tokens signed for fixtures.
// A walk finds this file in a test folder: none of it ships, so nothing here is a finding.
import { Test } from '@nestjs/testing';
import { JwtModule, JwtService } from '@nestjs/jwt';
import * as jwt from 'jsonwebtoken';
import { AuthService } from '../auth.service';

const secret = 'secret';

describe('AuthService', () => {
  let service: AuthService;
  let jwtService: JwtService;

  beforeEach(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [JwtModule.register({ secret: 'test-secret', signOptions: { expiresIn: '1d' } })],
      providers: [AuthService],
    }).compile();
    service = moduleRef.get(AuthService);
    jwtService = moduleRef.get(JwtService);
  });

  it('rejects an unsigned token', async () => {
    const forged = jwt.sign({ sub: 1 }, null, { algorithm: 'none' });
    await expect(service.validate(forged)).rejects.toThrow();
  });

  it('accepts its own token', async () => {
    const token = jwt.sign({ sub: 1, username: 'john' }, secret);
    localStorage.setItem('token', token);
    expect(await service.validate(token)).toBeDefined();
  });
});
