import type { Command } from 'commander';
import { collect } from '../options.js';
import { runAction } from '../run.js';
import { type KeySourceFlags, SECRET_WARNING, addKeySourceOptions } from './secret-options.js';
import { writeErr } from '../output.js';

interface SignFlags extends KeySourceFlags {
  alg?: string;
  claim?: string[];
  header?: string[];
  exp?: string;
  iat?: boolean | string;
  nbf?: string;
  now?: string;
  maxLifetime?: string;
  allowWeak?: boolean;
}

export function registerSign(program: Command): void {
  const cmd = program
    .command('sign')
    .description('mint a test JWT (HS*, RS*, PS*, ES*, EdDSA), or re-sign `decode --json` output')
    .argument('[template]', '"-" reads `authkit decode --json` output (or {"header","payload"}) from stdin; or a file holding it');
  addKeySourceOptions(cmd, 'private key: PEM (PKCS#8, PKCS#1, SEC1) or private JWK')
    .option('--alg <alg>', 'algorithm (default: HS256 for a secret, RS256 for RSA, by curve for EC, EdDSA for Ed25519; none only by name)')
    .option('--claim <name=value>', 'set a claim (repeatable); the value is JSON when it parses as JSON (42, true, ["a"]), else a string; sub, iss, jti and aud stay strings unless written as a JSON array, object or "quoted" string', collect)
    .option('--header <name=value>', 'set a header member, e.g. kid=2024-01 (repeatable)', collect)
    .option('--exp <time>', 'expiry: a duration from now (15m, 1h) or a time (ISO 8601, epoch seconds)')
    .option('--iat [time]', 'issued-at (default: now, or the template\'s); a time, or a negative duration written with = (--iat=-2h) to backdate')
    .option('--no-iat', 'leave iat out')
    .option('--nbf <time>', 'not-before: a duration from now or a time')
    .option('--now <time>', 'pretend the current time is this (ISO 8601 or epoch seconds)')
    .option('--max-lifetime <duration>', 'warn when exp - iat exceeds this (default 15m, or jwt.maxLifetime in the config)')
    .option('--allow-weak', 'mint what a careful issuer never would, for tests: alg none, a publicly known secret')
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
  $ authkit sign --alg none --allow-weak --claim sub=admin   # an unsecured token, to test that verifiers refuse it`,
    )
    .action(async (template: string | undefined, flags: SignFlags, command: Command) => {
      await runAction(command, async (globals) => {
        const [sign, jwt, read, { domainConfig }, { JWT_DOMAIN }] = await Promise.all([
          import('../../jwt/sign.js'),
          import('../../jwt/command.js'),
          import('../../files/read.js'),
          import('../config.js'),
          import('../../jwt/domain.js'),
        ]);
        const { options: config } = await domainConfig(globals, JWT_DOMAIN);
        const { now, maxLifetimeSeconds } = jwt.resolveTimeOptions(config, flags);
        const key = (await jwt.readKeySource(flags, { forSigning: true }))?.candidates[0] ?? null;
        const templateText = template === undefined ? undefined : template === '-' ? await read.readStdinText() : await read.readTextFile(template);
        const result = await sign.signToken(key, {
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
            allowWeak: Boolean(flags.allowWeak),
          });
        if (globals.format === 'stylish' || globals.format === 'github') {
          // The token was minted on request: what is wrong with it is a warning, never an error with exit 0.
          for (const w of result.warnings) writeErr(`authkit: warning: ${w.message} (${w.ruleId})\n`);
        }
        // Without the list, a publicly known secret would be signed with, without a word.
        const missing = (await import('../../jwt/weak-secret.js')).missingListNote();
        return {
          command: 'sign',
          findings: [],
          errors: [],
          rules: [],
          ...(missing ? { notes: [missing] } : {}),
          json: { token: result.token, header: result.header, payload: result.payload, warnings: result.warnings },
          text: () => result.token,
        };
      });
    });
}
