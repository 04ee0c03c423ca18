import type { Command } from 'commander';
import { UsageError, runAction } from '../run.js';
import { type KeySourceFlags, SECRET_WARNING, addKeySourceOptions } from './secret-options.js';

interface SignFlags extends KeySourceFlags {
  alg?: string;
  claim?: string[];
  header?: string[];
  exp?: string;
  iat?: boolean | string;
  nbf?: string;
  now?: string;
  maxLifetime?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerSign(program: Command): void {
  const cmd = program
    .command('sign')
    .description('mint a test JWT (HS*, RS*, PS*, ES*, EdDSA), or re-sign `decode --json` output')
    .argument('[template]', '"-" reads `authkit decode --json` output (or {"header","payload"}) from stdin; or a file holding it');
  addKeySourceOptions(cmd, 'private key: PEM (PKCS#8, PKCS#1, SEC1) or private JWK')
    .option('--alg <alg>', 'algorithm (default: HS256 for a secret, RS256 for RSA, by curve for EC, EdDSA for Ed25519; none only by name)')
    .option('--claim <name=value>', 'set a claim; value parsed as JSON when it is JSON (repeatable)', collect)
    .option('--header <name=value>', 'set a header member, e.g. kid=2024-01 (repeatable)', collect)
    .option('--exp <time>', 'expiry: a duration from now (15m, 1h) or a time (ISO 8601, epoch seconds)')
    .option('--iat [time]', 'issued-at (default: now, or the template\'s; give a time or -1h to backdate)')
    .option('--no-iat', 'leave iat out')
    .option('--nbf <time>', 'not-before: a duration from now or a time')
    .option('--now <time>', 'pretend the current time is this (ISO 8601 or epoch seconds)')
    .option('--max-lifetime <duration>', 'warn when exp - iat exceeds this (default 15m)')
    .addHelpText(
      'after',
      `
${SECRET_WARNING}

The token goes to stdout alone, so TOKEN=$(authkit sign ...) works; warnings (a weak or short
secret, alg none) go to stderr. With --json: {"token", "header", "payload", "warnings"}.

Examples:
  $ authkit sign --secret-env JWT_SECRET --claim sub=42 --claim 'roles=["admin"]' --exp 15m
  $ authkit sign --key private.pem --alg ES256 --header kid=2024-01 --claim iss=https://issuer.example
  $ authkit decode "$TOKEN" --json | jq '.payload.role="admin"' | authkit sign - --secret-file key.txt
  $ authkit sign --alg none --claim sub=admin          # an unsecured token, to test that verifiers refuse it`,
    )
    .action(async (template: string | undefined, flags: SignFlags, command: Command) => {
      await runAction(command, async (globals) => {
        const [sign, keys, time, secrets, read, { DEFAULT_MAX_LIFETIME_SECONDS }] = await Promise.all([
          import('../../jwt/sign.js'),
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
            if (error instanceof time.JwtOptionError || error instanceof secrets.SecretSourceError || error instanceof keys.KeyError || error instanceof sign.SignInputError) {
              throw new UsageError(error.message);
            }
            throw error;
          }
        };
        const now = flags.now === undefined ? new Date() : await usage(() => time.parseNow(flags.now!));
        const maxLifetimeSeconds = flags.maxLifetime === undefined ? DEFAULT_MAX_LIFETIME_SECONDS : await usage(() => time.parseDuration(flags.maxLifetime!, '--max-lifetime'));
        const secret = await usage(() => secrets.readSecret(flags));
        if (secret && flags.key !== undefined) throw new UsageError('give a secret or --key, not both');
        let key = null;
        if (secret) key = keys.secretKey(secret.secret, secret.source);
        else if (flags.key !== undefined) key = (await usage(async () => keys.keysFromText(await read.readTextFile(flags.key!), flags.key!, { forSigning: true })))[0]!;
        const templateText = template === undefined ? undefined : template === '-' ? await read.readStdinText() : await read.readTextFile(template);
        const result = await usage(() =>
          sign.signToken(key, {
            alg: flags.alg,
            claims: flags.claim ?? [],
            headers: flags.header ?? [],
            template: templateText,
            now,
            exp: flags.exp,
            // Re-signing keeps the template's iat unless --iat/--no-iat says otherwise.
            iat: flags.iat === undefined ? (templateText === undefined ? true : 'keep') : flags.iat,
            nbf: flags.nbf,
            maxLifetimeSeconds,
          }),
        );
        if (globals.format === 'stylish' || globals.format === 'github') {
          for (const w of result.warnings) process.stderr.write(`authkit: ${w.severity}: ${w.message} (${w.ruleId})\n`);
        }
        return {
          command: 'sign',
          findings: [],
          errors: [],
          rules: [],
          json: { token: result.token, header: result.header, payload: result.payload, warnings: result.warnings },
          text: () => result.token,
        };
      });
    });
}
