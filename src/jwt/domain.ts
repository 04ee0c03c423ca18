// The jwt domain as the registry, config validation, `authkit scan` and the CLI see it (src/findings/domain.ts).
import type { DomainDescriptor, OptionValues } from '../findings/domain.js';
import { JWT_RULES } from './rules.js';

const JWT_OPTIONS = {
  maxLifetime: {
    kind: 'duration',
    example: '"24h" or "30d"',
    flag: '--max-lifetime <duration>',
    description: 'Longest acceptable token lifetime (exp - iat), default 15m',
    rules: ['jwt/lifetime-too-long'],
  },
  secretsList: {
    kind: 'paths',
    flag: '--secrets-list <file>',
    description: 'Your own known-secrets list (one secret a line), or several, merged with the shipped one; paths relative to the config file',
    rules: ['jwt/weak-secret'],
  },
} as const;

export type JwtConfig = OptionValues<typeof JWT_OPTIONS>;

const TIME_RULES = ['jwt/expired', 'jwt/not-yet-valid', 'jwt/iat-in-future'];

export const JWT_DOMAIN = {
  name: 'jwt',
  description: 'JSON Web Tokens: decode, verify, sign, tokens left in files',
  rules: JWT_RULES,
  options: JWT_OPTIONS,
  commands: {
    decode: async () => (await import('./decode-command.js')).DECODE_COMMAND,
    verify: async () => (await import('./verify-command.js')).VERIFY_COMMAND,
    sign: async () => (await import('./sign-command.js')).SIGN_COMMAND,
  },
  flags: [
    { flag: '--now <time>', description: 'evaluate time claims at this moment instead of now', rules: TIME_RULES },
    { flag: '--leeway <duration>', description: 'clock skew allowed for exp, nbf and iat (default 0)', rules: TIME_RULES },
  ],
  // JWTs written into any text file.
  scanner: async ({ now, options }) => {
    const { findLeakedTokens } = await import('./leaks.js');
    return { wants: () => true, add: (file, text) => findLeakedTokens(file, text, { now, maxLifetimeSeconds: options.maxLifetime }) };
  },
} as const satisfies DomainDescriptor<typeof JWT_OPTIONS>;
