// The page has no file system: the one file src/jwt reads is the known-secrets list, which the
// page unpacks from its own markup (see ../secrets.ts) before the first decode.
import { Buffer } from './buffer.js';

const files = new Map<string, Buffer>();

/** Makes `bytes` readable at `path` for src/jwt/weak-secret.ts's existsSync/readFileSync. */
export function provideFile(path: string, bytes: Uint8Array): void {
  files.set(path, Buffer.from(bytes));
}

export function existsSync(path: string): boolean {
  return files.has(path);
}

export function readFileSync(path: string): Buffer {
  const bytes = files.get(path);
  if (!bytes) throw new Error(`ENOENT: ${path} is not part of the page`);
  return bytes;
}
