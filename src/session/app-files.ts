// The source files of an app, as the cross-file checks read them (app.ts for cookies and CSRF
// defences, redux.ts for dispatched actions): tests, vendored code and build output left out, at
// most MAX_FILES files of at most MAX_BYTES each, so a run stays linear in the app's size.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { ALWAYS_SKIPPED_DIRS } from '../files/walk.js';
import { isVendoredPath } from '../files/vendored.js';
import { isSourceFile } from '../js/files.js';
import { isTestPath } from './test-files.js';

const MAX_FILES = 3000;
const MAX_BYTES = 256 * 1024;
const SKIPPED_DIRS = new Set([...ALWAYS_SKIPPED_DIRS, 'build', 'out', '.output', '.svelte-kit', '.turbo', '.vercel', 'vendor', 'public', 'static']);

/** The app's source files (tests, vendored and build output left out), at most MAX_FILES of them. */
export function sourcesOf(root: string): { files: string[]; partial: boolean } {
  const files: string[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) stack.push(path);
        continue;
      }
      if (!entry.isFile() || !isSourceFile(entry.name)) continue;
      const rel = relative(root, path).split(sep).join('/');
      if (isTestPath(rel) || isVendoredPath(rel)) continue;
      if (files.length >= MAX_FILES) return { files, partial: true };
      files.push(path);
    }
  }
  return { files, partial: false };
}

/** A source file's text, unless it is too big to be hand-written code (bundles, generated clients). */
export function readAppSource(path: string): string | undefined {
  try {
    return statSync(path).size > MAX_BYTES ? undefined : readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
