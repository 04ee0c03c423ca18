import type { Command } from 'commander';
import { UsageError, runAction } from '../run.js';
import { type KeySourceFlags, SECRET_WARNING, addKeySourceOptions } from './secret-options.js';

interface VerifyFlags extends KeySourceFlags {
  jwksUrl?: string;
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
}

const collect = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];

export function registerVerify(program: Command): void {
  const cmd = program
    .command('verify')
    .description('verify a JWT signature and its claims with a secret, a key, or a JWKS')
    .argument('<token>', 'the token, or text holding one; "-" reads stdin');
  addKeySourceOptions(cmd, 'PEM (SPKI public key, X.509 certificate, or private key: its public half is used), JWK, or JWKS file')
    .option('--jwks-url <url>', 'fetch the JWKS from this URL (the only network access authkit ever makes)')
    .option('--alg <list>', 'allowed algorithms, comma-separated (default: what the key type permits; never none)')
    .option('--now <time>', 'check exp/nbf/max-age at this moment: ISO 8601 or epoch seconds')
    .option('--leeway <duration>', 'clock skew allowed: seconds or 30s, 5m (default 0)')
    .option('--iss <issuer>', 'required issuer (repeatable: any of them)', collect)
    .option('--aud <audience>', 'required audience (repeatable: any of them)', collect)
    .option('--sub <subject>', 'required subject')
    .option('--typ <type>', 'required typ header (JWT, at+jwt...; "application/" prefix and case ignored)')
    .option('--max-age <duration>', 'reject tokens issued (iat) longer ago than this')
    .option('--require <claims>', 'claims that must be present, comma-separated (e.g. exp,iat,sub)')
    .option('--max-lifetime <duration>', 'limit for jwt/lifetime-too-long (default 15m)')
    .addHelpText(
      'after',
      `
${SECRET_WARNING}

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
    )
    .action(async (tokenArg: string, flags: VerifyFlags, command: Command) => {
      await runAction(command, async () => {
        const [verify, keys, time, secrets, read, { DEFAULT_MAX_LIFETIME_SECONDS }] = await Promise.all([
          import('../../jwt/verify.js'),
          import('../../jwt/keys.js'),
          import('../../jwt/time.js'),
          import('../../jwt/secret-source.js'),
          import('../../files/read.js'),
          import('../../jwt/analyze.js'),
        ]);
        const usage = async <T>(fn: () => T | Promise<T>): Promise<T> => {
          try {
            return await fn();
          } catch (error) {
            if (error instanceof time.JwtOptionError || error instanceof secrets.SecretSourceError || error instanceof keys.KeyError) {
              throw new UsageError(error.message);
            }
            throw error;
          }
        };
        const sources = [flags.secret !== undefined || flags.secretFile !== undefined || flags.secretEnv !== undefined, flags.key !== undefined, flags.jwksUrl !== undefined].filter(Boolean).length;
        if (sources === 0) throw new UsageError('verify needs a key: --secret-file, --secret-env, --secret, --key or --jwks-url');
        if (sources > 1) throw new UsageError('give one key source: a secret, --key, or --jwks-url');

        const now = flags.now === undefined ? new Date() : await usage(() => time.parseNow(flags.now!));
        const leewaySeconds = flags.leeway === undefined ? 0 : await usage(() => time.parseDuration(flags.leeway!, '--leeway'));
        const maxAgeSeconds = flags.maxAge === undefined ? undefined : await usage(() => time.parseDuration(flags.maxAge!, '--max-age'));
        const maxLifetimeSeconds = flags.maxLifetime === undefined ? DEFAULT_MAX_LIFETIME_SECONDS : await usage(() => time.parseDuration(flags.maxLifetime!, '--max-lifetime'));
        const algs = flags.alg?.split(',').map((a) => a.trim()).filter(Boolean);
        if (algs?.some((a) => a.toLowerCase() === 'none')) throw new UsageError('--alg: "none" is never accepted by verify');

        const tokenText = tokenArg === '-' ? await read.readStdinText() : tokenArg;
        const file = tokenArg === '-' ? '-' : '<arg>';

        let candidates;
        let keyOrigin: string;
        let keySet = false;
        const secret = await usage(() => secrets.readSecret(flags));
        if (secret) {
          candidates = [keys.secretKey(secret.secret, secret.source)];
          keyOrigin = 'secret';
        } else if (flags.key !== undefined) {
          const text = await read.readTextFile(flags.key);
          candidates = await usage(() => keys.keysFromText(text, flags.key!));
          keySet = candidates.length > 1 || candidates[0]?.position !== undefined;
          keyOrigin = keySet ? `key set ${flags.key}` : `key file ${flags.key}`;
        } else {
          const { fetchJwks, JwksFetchError } = await import('../../jwt/jwks-fetch.js');
          let text: string;
          try {
            text = await fetchJwks(flags.jwksUrl!);
          } catch (error) {
            if (error instanceof JwksFetchError) throw new UsageError(error.message);
            throw error;
          }
          candidates = await usage(() => keys.keysFromText(text, flags.jwksUrl!));
          keySet = true;
          keyOrigin = `JWKS at ${flags.jwksUrl}`;
        }
        try {
          return await verify.verifyToken(tokenText, file, candidates, {
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
            keyOrigin,
            keySet,
          });
        } catch (error) {
          if (error instanceof verify.VerifyInputError) {
            return { command: 'verify', findings: [], errors: [{ file, message: error.message }], rules: [], json: { valid: false, signatureValid: false } };
          }
          throw error;
        }
      });
    });
}
