// `authkit verify`, as the CLI builds it (src/findings/command.ts); the work is in ./verify.ts.
import type { CommandSpec } from '../findings/command.js';
import { UsageError } from '../findings/errors.js';
import type { KeySourceFlags } from './command.js';
import type { JwtConfig } from './domain.js';
import { SECRET_WARNING, keySourceOptions } from './key-options.js';

interface VerifyFlags extends KeySourceFlags {
  alg?: string;
  now?: string;
  leeway?: string;
  iss?: string[];
  aud?: string[];
  sub?: string;
  typ?: string;
  maxAge?: string;
  require?: string;
  maxLifetime?: string;
  allowNoncanonical?: boolean;
  secretsList?: string[];
}

export const VERIFY_COMMAND: CommandSpec<JwtConfig, VerifyFlags> = {
  description: 'verify a JWT signature and its claims with a secret, a key, or a JWKS',
  argument: { usage: '<token>', description: 'the token, or text holding one; "-" reads stdin' },
  options: [
    ...keySourceOptions('PEM (SPKI public key, X.509 certificate, or private key: its public half is used), JWK, or JWKS file'),
    { kind: 'text', flags: '--jwks-url <url>', description: 'fetch the JWKS from this URL (the only network access authkit ever makes)' },
    { kind: 'text', flags: '--alg <list>', description: 'allowed algorithms, comma-separated (default: what the key type permits; never none)' },
    { kind: 'text', flags: '--now <time>', description: 'check exp/nbf/max-age at this moment: ISO 8601 or epoch seconds' },
    { kind: 'text', flags: '--leeway <duration>', description: 'clock skew allowed: seconds or 30s, 5m (default 0)' },
    { kind: 'list', flags: '--iss <issuer>', description: 'required issuer (repeatable: any of them)' },
    { kind: 'list', flags: '--aud <audience>', description: 'required audience (repeatable: any of them)' },
    { kind: 'text', flags: '--sub <subject>', description: 'required subject' },
    { kind: 'text', flags: '--typ <type>', description: 'required typ header (JWT, at+jwt...; "application/" prefix and case ignored)' },
    { kind: 'text', flags: '--max-age <duration>', description: 'reject tokens issued (iat) longer ago than this' },
    { kind: 'text', flags: '--require <claims>', description: 'claims that must be present, comma-separated (e.g. exp,iat,sub)' },
    { kind: 'text', flags: '--max-lifetime <duration>', description: 'limit for jwt/lifetime-too-long (default 15m, or jwt.maxLifetime in the config)' },
    { kind: 'repeatable', flags: '--secrets-list <file>', description: 'your own known-secrets list, merged with the shipped one (repeatable; also jwt.secretsList in the config)' },
    { kind: 'switch', flags: '--allow-noncanonical', description: 'accept "=" padding and non-zero unused bits in base64url segments, which RFC 7515 forbids' },
  ],
  help: `${SECRET_WARNING}

Without --alg, only the algorithms the key permits are accepted: a JWK's alg, the curve of an EC
key, RS*/PS* for RSA, HS* for a secret. "none" is never accepted. An HMAC token checked against an
RSA public key is reported as the RS256-to-HS256 key-confusion pattern.

Exit status: 0 signature and every requested check passed, 1 a check failed (or findings at or above
--fail-on), 2 unusable token or key.

Examples:
  $ authkit verify "$TOKEN" --secret-env JWT_SECRET --iss https://issuer.example --aud api
  $ authkit verify "$TOKEN" --key public.pem --alg RS256 --max-age 15m
  $ authkit verify "$TOKEN" --key jwks.json --require exp,iat,sub --json
  $ authkit verify "$TOKEN" --jwks-url https://issuer.example/.well-known/jwks.json`,
  async run([tokenArg], flags, context) {
    const [verify, jwt, time, read, { options: config, dir }] = await Promise.all([
      import('./verify.js'),
      import('./command.js'),
      import('./time.js'),
      import('../files/read.js'),
      context.config(),
    ]);
    const { now, leewaySeconds, maxLifetimeSeconds } = jwt.resolveTimeOptions(config, flags);
    await jwt.loadSecretLists(config, dir, flags.secretsList, context.cwd);
    const maxAgeSeconds = flags.maxAge === undefined ? undefined : time.parseDuration(flags.maxAge, '--max-age');
    const algs = flags.alg?.split(',').map((a) => a.trim()).filter(Boolean);
    if (algs?.some((a) => a.toLowerCase() === 'none')) throw new UsageError('--alg: "none" is never accepted by verify');
    const keys = await jwt.readKeySource(flags);
    if (!keys) throw new UsageError('verify needs a key: --secret-file, --secret-env, --secret, --key or --jwks-url');

    const tokenText = tokenArg === '-' ? await read.readStdinText() : tokenArg!;
    const file = tokenArg === '-' ? '-' : '<arg>';
    try {
      return await verify.verifyToken(tokenText, file, keys.candidates, {
        algs,
        now,
        leewaySeconds,
        maxLifetimeSeconds,
        iss: flags.iss,
        aud: flags.aud,
        sub: flags.sub,
        typ: flags.typ,
        maxAgeSeconds,
        require: flags.require?.split(',').map((c) => c.trim()).filter(Boolean),
        allowNoncanonical: Boolean(flags.allowNoncanonical),
        keyOrigin: keys.origin,
        keySet: keys.isSet,
      });
    } catch (error) {
      if (error instanceof verify.VerifyInputError) {
        return { command: 'verify', findings: [], errors: [{ file, message: error.message }], rules: [], json: { valid: false, signatureValid: false } };
      }
      throw error;
    }
  },
};
