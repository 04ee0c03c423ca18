// Flags plus config -> the JWT domain's options, once for decode, verify and sign, so the three
// commands cannot disagree about a setting (they once did: decode read jwt.maxLifetime from the
// config and verify did not). The CLI layer only declares options and calls these.
import { resolve } from 'node:path';
import { readTextFile } from '../files/read.js';
import { UsageError } from '../findings/errors.js';
import { DEFAULT_MAX_LIFETIME_SECONDS } from './analyze.js';
import { type CandidateKey, keysFromText, secretKey } from './keys.js';
import { readSecret } from './secret-source.js';
import { parseDuration, parseNow } from './time.js';
import { useExtraSecretLists } from './weak-secret.js';
import type { JwtConfig } from './domain.js';

export interface JwtTimeFlags {
  now?: string;
  leeway?: string;
  maxLifetime?: string;
}

export interface JwtTimeOptions {
  now: Date;
  leewaySeconds: number;
  maxLifetimeSeconds: number;
}

/** --now, --leeway and --max-lifetime, the last falling back to `jwt.maxLifetime` in the config. */
export function resolveTimeOptions(config: JwtConfig, flags: JwtTimeFlags): JwtTimeOptions {
  return {
    now: flags.now === undefined ? new Date() : parseNow(flags.now),
    leewaySeconds: flags.leeway === undefined ? 0 : parseDuration(flags.leeway, '--leeway'),
    maxLifetimeSeconds:
      flags.maxLifetime === undefined ? (config.maxLifetime ?? DEFAULT_MAX_LIFETIME_SECONDS) : parseDuration(flags.maxLifetime, '--max-lifetime'),
  };
}

/**
 * The team's own known-secrets lists (`--secrets-list`, repeatable, and `jwt.secretsList` in the
 * config, relative to the config file), merged with the shipped list before the first search.
 */
export async function loadSecretLists(config: JwtConfig, configDir: string, flagged: string[] | undefined, cwd: string): Promise<void> {
  const paths = [...(config.secretsList ?? []).map((p) => ({ path: resolve(configDir, p), display: p })), ...(flagged ?? []).map((p) => ({ path: resolve(cwd, p), display: p }))];
  if (paths.length === 0) return;
  // A list that cannot be read is unusable input: one line naming it, exit 2.
  const lists = await Promise.all(paths.map(async ({ path, display }) => ({ display, text: await readTextFile(path, { display, maxBytes: 64 * 1024 * 1024 }) })));
  useExtraSecretLists(lists);
}

/** Where a secret or key comes from: shared by verify and sign. Secrets are never echoed. */
export interface KeySourceFlags {
  secret?: string;
  secretFile?: string;
  secretEnv?: string;
  secretEncoding?: string;
  key?: string;
  jwksUrl?: string;
}

export interface KeySource {
  candidates: CandidateKey[];
  /** How the key is named in messages: "secret", "key file k.pem", "JWKS at https://...". */
  origin: string;
  /** More than one candidate key (a JWKS, or a JWK set in a file). */
  isSet: boolean;
}

/** The keys from exactly one source; null when none was given. `forSigning` wants a private key. */
export async function readKeySource(flags: KeySourceFlags, options: { forSigning?: boolean } = {}): Promise<KeySource | null> {
  const secretGiven = flags.secret !== undefined || flags.secretFile !== undefined || flags.secretEnv !== undefined;
  const given = [secretGiven, flags.key !== undefined, flags.jwksUrl !== undefined].filter(Boolean).length;
  if (given === 0) return null;
  if (given > 1) throw new UsageError(options.forSigning ? 'give a secret or --key, not both' : 'give one key source: a secret, --key, or --jwks-url');
  const secret = await readSecret(flags);
  if (secret) return { candidates: [secretKey(secret.secret, secret.source)], origin: 'secret', isSet: false };
  if (flags.key !== undefined) {
    const candidates = await keysFromText(await readTextFile(flags.key), flags.key, options.forSigning ? { forSigning: true } : {});
    const isSet = candidates.length > 1 || candidates[0]?.position !== undefined;
    return { candidates, origin: isSet ? `key set ${flags.key}` : `key file ${flags.key}`, isSet };
  }
  // The only network access authkit makes, and only because the user asked for it.
  const { fetchJwks } = await import('./jwks-fetch.js');
  const candidates = await keysFromText(await fetchJwks(flags.jwksUrl!), flags.jwksUrl!);
  return { candidates, origin: `JWKS at ${flags.jwksUrl}`, isSet: true };
}
