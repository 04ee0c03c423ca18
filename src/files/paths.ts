import { sep } from 'node:path';

/** A native path with forward slashes, as findings, fingerprints and SARIF show paths. */
export function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}
