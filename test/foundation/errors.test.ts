import { describe, expect, it } from 'vitest';
import { CronUsageError } from '../../src/cron/command.js';
import { UsageError } from '../../src/findings/errors.js';
import { JwksFetchError } from '../../src/jwt/jwks-fetch.js';
import { KeyError } from '../../src/jwt/keys.js';
import { SecretSourceError } from '../../src/jwt/secret-source.js';
import { SignInputError } from '../../src/jwt/sign.js';
import { JwtOptionError } from '../../src/jwt/time.js';
import { VerifyInputError } from '../../src/jwt/verify.js';

describe('one UsageError base', () => {
  it('every domain error of bad user input is a UsageError, so runAction makes it one line and exit 2', () => {
    for (const Domain of [CronUsageError, JwksFetchError, KeyError, SecretSourceError, SignInputError, JwtOptionError, VerifyInputError]) {
      const error = new Domain('bad input');
      expect(error, Domain.name).toBeInstanceOf(UsageError);
      expect(error.message).toBe('bad input');
    }
  });
});
