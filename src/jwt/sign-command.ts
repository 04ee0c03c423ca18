// `authkit sign`, as the CLI builds it (src/findings/command.ts); the work is in ./sign.ts.
import type { CommandSpec } from '../findings/command.js';
import type { KeySourceFlags } from './command.js';
import type { JwtConfig } from './domain.js';
import { SECRET_WARNING, keySourceOptions } from './key-options.js';

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

export const SIGN_COMMAND: CommandSpec<JwtConfig, SignFlags> = {
  description: 'mint a test JWT (HS*, RS*, PS*, ES*, EdDSA), or re-sign `decode --json` output',
  argument: { usage: '[template]', description: '"-" reads `authkit decode --json` output (or {"header","payload"}) from stdin; or a file holding it' },
  options: [
    ...keySourceOptions('private key: PEM (PKCS#8, PKCS#1, SEC1) or private JWK'),
    { kind: 'text', flags: '--alg <alg>', description: 'algorithm (default: HS256 for a secret, RS256 for RSA, by curve for EC, EdDSA for Ed25519; none only by name)' },
    {
      kind: 'repeatable',
      flags: '--claim <name=value>',
      description:
        'set a claim (repeatable); the value is JSON when it parses as JSON (42, true, ["a"]), else a string; sub, iss, jti and aud stay strings unless written as a JSON array, object or "quoted" string',
    },
    { kind: 'repeatable', flags: '--header <name=value>', description: 'set a header member, e.g. kid=2024-01 (repeatable)' },
    { kind: 'text', flags: '--exp <time>', description: 'expiry: a duration from now (15m, 1h) or a time (ISO 8601, epoch seconds)' },
    { kind: 'text', flags: '--iat [time]', description: "issued-at (default: now, or the template's); a time, or a negative duration written with = (--iat=-2h) to backdate" },
    { kind: 'switch', flags: '--no-iat', description: 'leave iat out' },
    { kind: 'text', flags: '--nbf <time>', description: 'not-before: a duration from now or a time' },
    { kind: 'text', flags: '--now <time>', description: 'pretend the current time is this (ISO 8601 or epoch seconds)' },
    { kind: 'text', flags: '--max-lifetime <duration>', description: 'warn when exp - iat exceeds this (default 15m, or jwt.maxLifetime in the config)' },
    { kind: 'switch', flags: '--allow-weak', description: 'mint what a careful issuer never would, for tests: alg none, a publicly known secret' },
  ],
  help: `${SECRET_WARNING}

The token goes to stdout alone, so TOKEN=$(authkit sign ...) works; warnings (a weak or short
secret, alg none) go to stderr. With --json: {"token", "header", "payload", "warnings"}.

Examples:
  $ authkit sign --secret-env JWT_SECRET --claim sub=42 --claim 'roles=["admin"]' --exp 15m
  $ authkit sign --key private.pem --alg ES256 --header kid=2024-01 --claim iss=https://issuer.example
  $ authkit decode "$TOKEN" --json | jq '.payload.role="admin"' | authkit sign - --secret-file key.txt
  $ authkit sign --alg none --allow-weak --claim sub=admin   # an unsecured token, to test that verifiers refuse it`,
  async run([template], flags, context) {
    const [sign, jwt, read, { missingListNote }, { options: config }] = await Promise.all([
      import('./sign.js'),
      import('./command.js'),
      import('../files/read.js'),
      import('./weak-secret.js'),
      context.config(),
    ]);
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
    if (context.format === 'stylish' || context.format === 'github') {
      // The token was minted on request: what is wrong with it is a warning, never an error with exit 0.
      for (const w of result.warnings) context.print(`authkit: warning: ${w.message} (${w.ruleId})\n`, 'stderr');
    }
    // Without the list, a publicly known secret would be signed with, without a word.
    const missing = missingListNote();
    return {
      command: 'sign',
      findings: [],
      errors: [],
      rules: [],
      ...(missing ? { notes: [missing] } : {}),
      json: { token: result.token, header: result.header, payload: result.payload, warnings: result.warnings },
      text: () => result.token,
    };
  },
};
