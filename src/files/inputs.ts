/**
 * The inputs of a file-reading command: `-` (standard input), file arguments and directories
 * (through the gitignore-aware walker), each read as text once. Unusable inputs come back as
 * one-line errors and the rest goes on.
 */
import { type Stats, statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { type InputError, InputFailure, readStdinInput, readTextFile } from './read.js';
import { isMinifiedText, isVendoredPath } from './vendored.js';
import type { WalkEntry } from './walk.js';

export type TextInput =
  | { kind: 'text'; display: string; text: string; /** Absolute path; absent for standard input. */ location?: string; explicit: boolean }
  | { kind: 'error'; error: InputError };

function failure(error: unknown): TextInput {
  if (error instanceof InputFailure) return { kind: 'error', error: { file: error.file, message: error.message } };
  throw error;
}

export interface ReadInputsOptions {
  cwd: string;
  accept: (display: string) => boolean;
  /** Set to pass over vendored and minified files found in folders (src/files/vendored.ts); called for each. */
  onVendored?: (display: string) => void;
}

/** Reads every input in order; `accept` picks the files wanted inside directories. */
export async function* readInputs(paths: string[], options: ReadInputsOptions): AsyncGenerator<TextInput> {
  const seen = new Set<string>();
  // A file named on the command line is explicit even when a folder also named reaches it first
  // (`cron-lint . notes.txt` lints notes.txt, whatever cron-lint passes over in folders).
  const named = new Set(paths.filter((p) => p !== '-' && statOrNull(resolve(options.cwd, p))?.isFile()).map((p) => resolve(options.cwd, p)));
  for (const path of paths) {
    if (path.endsWith('/') && path !== '/') {
      // `file/`: the shell would refuse it (ENOTDIR); path.resolve would quietly drop the slash.
      const info = statOrNotDirectory(path);
      if (info === 'not-a-directory' || (info && !info.isDirectory())) {
        yield { kind: 'error', error: { file: path, message: 'is not a directory (trailing slash on a file)' } };
        continue;
      }
    }
    if (path === '-') {
      try {
        yield { kind: 'text', display: '-', text: await readStdinInput(), explicit: true };
      } catch (error) {
        yield failure(error);
      }
      continue;
    }
    for await (const entry of entriesOf(path, options)) {
      if (entry.kind === 'error') {
        yield { kind: 'error', error: { file: entry.failure.file, message: entry.failure.message } };
        continue;
      }
      if (entry.kind === 'skipped' || seen.has(resolve(entry.path))) continue;
      seen.add(resolve(entry.path));
      const explicit = entry.explicit || named.has(resolve(entry.path));
      if (!explicit && options.onVendored && isVendoredPath(entry.relative)) {
        options.onVendored(entry.display);
        continue;
      }
      let text: string;
      try {
        text = await readTextFile(entry.path, { display: entry.display });
      } catch (error) {
        yield failure(error);
        continue;
      }
      if (!explicit && options.onVendored && isMinifiedText(entry.relative, text)) {
        options.onVendored(entry.display);
        continue;
      }
      yield { kind: 'text', display: entry.display, text, location: entry.path, explicit };
    }
  }
}

/**
 * A plain file argument is read directly; only directories pay for the gitignore-aware walker (and
 * its `ignore` and child_process imports), which keeps `<command> <file>` close to bare node.
 */
async function* entriesOf(path: string, options: ReadInputsOptions): AsyncGenerator<WalkEntry> {
  const absolute = resolve(options.cwd, path);
  const info = statOrNull(absolute);
  if (info?.isFile()) {
    // The walker's display rule (cwd-relative POSIX path, absolute outside cwd), without loading it.
    const rel = relative(options.cwd, absolute);
    const display = (rel === '' || rel.startsWith('..') ? absolute : rel).split(sep).join('/');
    yield { kind: 'file', path: absolute, display, size: info.size, explicit: true, relative: display };
    return;
  }
  const { walkFiles } = await import('./walk.js');
  yield* walkFiles([path], { cwd: options.cwd, accept: options.accept });
}

// Synchronous on purpose: one stat per named input, and node:fs/promises alone costs a command
// on one file 2.5 ms of its start on Node 20.
function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function statOrNotDirectory(path: string): Stats | 'not-a-directory' | null {
  try {
    return statSync(path);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOTDIR' ? 'not-a-directory' : null;
  }
}
