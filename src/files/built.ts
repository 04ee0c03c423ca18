// Where a separately built entry point (a worker thread's or a child process's file) lives: beside
// the running chunk, one level up (dist/chunks/ to dist/), or, running from source in the tests, in
// the build output of the same checkout.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function locateBuiltFile(name: string, importMetaUrl: string): string {
  const here = path.dirname(fileURLToPath(importMetaUrl));
  const candidates = [path.join(here, name), path.join(here, '..', name)];
  let dir = here;
  for (let up = 0; up < 5; up += 1) {
    candidates.push(path.join(dir, 'dist', name));
    dir = path.dirname(dir);
  }
  const found = candidates.find((file) => existsSync(file));
  if (!found) throw new Error(`${name} not found: run \`npm run build\` first`);
  return found;
}
