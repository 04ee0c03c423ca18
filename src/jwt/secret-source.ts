import { InputFailure, readTextFile } from '../files/read.js';
import { UsageError } from '../findings/errors.js';

export class SecretSourceError extends UsageError {}

const ENCODINGS = ['utf8', 'base64', 'base64url', 'hex'] as const;

function decodeSecret(text: string, encoding: string, where: string): Uint8Array {
  if (!(ENCODINGS as readonly string[]).includes(encoding)) throw new SecretSourceError(`--secret-encoding: expected one of ${ENCODINGS.join(', ')}`);
  if (encoding === 'utf8') return Buffer.from(text, 'utf8');
  const compact = text.trim();
  const valid = encoding === 'hex' ? /^([0-9a-fA-F]{2})*$/.test(compact) : encoding === 'base64' ? /^[A-Za-z0-9+/]*={0,2}$/.test(compact) : /^[A-Za-z0-9_-]*$/.test(compact);
  if (!valid) throw new SecretSourceError(`${where}: not valid ${encoding}`);
  return Buffer.from(compact, encoding as BufferEncoding);
}

/** The HMAC secret from exactly one of --secret, --secret-file, --secret-env; null when none was given. */
export async function readSecret(flags: { secret?: string; secretFile?: string; secretEnv?: string; secretEncoding?: string }): Promise<{ secret: Uint8Array; source: string } | null> {
  const given = [flags.secret !== undefined, flags.secretFile !== undefined, flags.secretEnv !== undefined].filter(Boolean).length;
  if (given === 0) return null;
  if (given > 1) throw new SecretSourceError('give one of --secret, --secret-file, --secret-env');
  const encoding = flags.secretEncoding ?? 'utf8';
  if (flags.secret !== undefined) return { secret: decodeSecret(flags.secret, encoding, '--secret'), source: 'the --secret secret' };
  if (flags.secretEnv !== undefined) {
    const value = process.env[flags.secretEnv];
    if (value === undefined) throw new SecretSourceError(`--secret-env: the environment variable ${flags.secretEnv} is not set`);
    return { secret: decodeSecret(value, encoding, `--secret-env ${flags.secretEnv}`), source: `the secret in $${flags.secretEnv}` };
  }
  let text: string;
  try {
    text = await readTextFile(flags.secretFile!, { maxBytes: 1024 * 1024 });
  } catch (error) {
    if (error instanceof InputFailure) throw error;
    throw error;
  }
  // Editors add a final newline; it is almost never part of the secret.
  const trimmed = text.replace(/\r?\n$/, '');
  return { secret: decodeSecret(trimmed, encoding, flags.secretFile!), source: `the secret in ${flags.secretFile}` };
}
