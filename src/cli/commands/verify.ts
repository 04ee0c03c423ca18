import type { Command } from 'commander';
import { collect, collectList } from '../options.js';
import { UsageError, runAction } from '../run.js';
import { type KeySourceFlags, SECRET_WARNING, addKeySourceOptions } from './secret-options.js';

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
    .option('--iss <issuer>', 'required issuer (repeatable: any of them)', collectList)
    .option('--aud <audience>', 'required audience (repeatable: any of them)', collectList)
    .option('--sub <subject>', 'required subject')
    .option('--typ <type>', 'required typ header (JWT, at+jwt...; "application/" prefix and case ignored)')
    .option('--max-age <duration>', 'reject tokens issued (iat) longer ago than this')
    .option('--require <claims>', 'claims that must be present, comma-separated (e.g. exp,iat,sub)')
    .option('--max-lifetime <duration>', 'limit for jwt/lifetime-too-long (default 15m, or jwt.maxLifetime in the config)')
    .option('--secrets-list <file>', 'your own known-secrets list, merged with the shipped one (repeatable; also jwt.secretsList in the config)', collect)
    .option('--allow-noncanonical', 'accept "=" padding and non-zero unused bits in base64url segments, which RFC 7515 forbids')
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
      await runAction(command, async (globals) => {
        const [verify, jwt, time, read, { domainConfig }, { JWT_DOMAIN }] = await Promise.all([
          import('../../jwt/verify.js'),
          import('../../jwt/command.js'),
          import('../../jwt/time.js'),
          import('../../files/read.js'),
          import('../config.js'),
          import('../../jwt/domain.js'),
        ]);
        const { options: config, dir } = await domainConfig(globals, JWT_DOMAIN);
        const { now, leewaySeconds, maxLifetimeSeconds } = jwt.resolveTimeOptions(config, flags);
        await jwt.loadSecretLists(config, dir, flags.secretsList, globals.cwd);
        const maxAgeSeconds = flags.maxAge === undefined ? undefined : time.parseDuration(flags.maxAge, '--max-age');
        const algs = flags.alg?.split(',').map((a) => a.trim()).filter(Boolean);
        if (algs?.some((a) => a.toLowerCase() === 'none')) throw new UsageError('--alg: "none" is never accepted by verify');
        const keys = await jwt.readKeySource(flags);
        if (!keys) throw new UsageError('verify needs a key: --secret-file, --secret-env, --secret, --key or --jwks-url');

        const tokenText = tokenArg === '-' ? await read.readStdinText() : tokenArg;
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
      });
    });
}
