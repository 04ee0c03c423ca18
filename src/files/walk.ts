import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import ignore, { type Ignore } from 'ignore';
import { DEFAULT_MAX_FILE_BYTES, InputFailure, failureFromError, formatBytes, readTextFile } from './read.js';
import { toPosix } from './paths.js';

/** Folders no scan wants: dependencies, VCS data and build output. */
export const ALWAYS_SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'coverage', '.next', '.nuxt', '.cache']);

export type WalkEntry =
  | {
      kind: 'file';
      path: string;
      display: string;
      size: number;
      explicit: boolean;
      /** POSIX path below the folder that was named (the display path for a file named itself). */
      relative: string;
    }
  | { kind: 'skipped'; path: string; display: string; reason: string }
  | { kind: 'error'; failure: InputFailure };

export interface WalkOptions {
  cwd?: string;
  maxBytes?: number;
  /** Decides which files found inside directories are wanted; explicit file arguments always are. */
  accept?: (display: string) => boolean;
  /** Extra ignore globs (gitignore syntax), relative to cwd. */
  ignoreGlobs?: string[];
}

export { toPosix };

export function displayPath(absolute: string, cwd: string): string {
  const rel = relative(cwd, absolute);
  return toPosix(rel === '' ? '.' : rel.startsWith('..') ? absolute : rel);
}

/** Files git would show under `dir`: tracked plus untracked-not-ignored. Null outside a work tree. */
async function gitListFiles(dir: string): Promise<string[] | null> {
  // child_process (with net, dgram and streams) loads when a folder is walked, not whenever a
  // bundle that holds this module starts: cron-lint on one file never walks.
  const execFileAsync = promisify(process.getBuiltinModule('node:child_process').execFile);
  try {
    const { stdout } = await execFileAsync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--deduplicate'], {
      cwd: dir,
      maxBuffer: 512 * 1024 * 1024,
      env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' },
    });
    return stdout.split('\0').filter((f) => f.length > 0);
  } catch {
    return null;
  }
}

async function loadGitignore(dir: string): Promise<string | null> {
  try {
    // A hostile tree may hold a FIFO or a huge file named .gitignore.
    return await readTextFile(join(dir, '.gitignore'), { maxBytes: 1024 * 1024 });
  } catch {
    return null;
  }
}

/**
 * Yields every wanted file below the given paths, honouring .gitignore (asking git inside a work
 * tree, reading .gitignore files elsewhere). Streams: nothing is collected beyond one directory.
 * Missing or unreadable arguments come out as errors and the walk goes on.
 */
export async function* walkFiles(paths: string[], options: WalkOptions = {}): AsyncGenerator<WalkEntry> {
  const cwd = options.cwd ?? process.cwd();
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  const accept = options.accept ?? (() => true);
  const extra = options.ignoreGlobs?.length ? ignore().add(options.ignoreGlobs) : null;
  const seen = new Set<string>();
  const ignoredByConfig = (abs: string) => {
    if (!extra) return false;
    const rel = toPosix(relative(cwd, abs));
    return rel !== '' && !rel.startsWith('..') && extra.ignores(rel);
  };

  function* fileEntry(abs: string, size: number, explicit: boolean, root: string): Generator<WalkEntry> {
    if (seen.has(abs)) return;
    seen.add(abs);
    const display = displayPath(abs, cwd);
    if (size > maxBytes) {
      const reason = `file is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit`;
      if (explicit) yield { kind: 'error', failure: new InputFailure(display, 'too-large', reason) };
      else yield { kind: 'skipped', path: abs, display, reason };
      return;
    }
    yield { kind: 'file', path: abs, display, size, explicit, relative: explicit ? display : toPosix(relative(root, abs)) };
  }

  for (const arg of paths) {
    const abs = resolve(cwd, arg);
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(abs);
    } catch (error) {
      yield { kind: 'error', failure: failureFromError(arg, error) };
      continue;
    }
    if (!info.isDirectory()) {
      yield* fileEntry(abs, info.size, true, abs);
      continue;
    }
    const listed = await gitListFiles(abs);
    // Nothing listed for a directory named explicitly: it is git-ignored (vendor/, a build folder)
    // and the user asked for it anyway, so it is walked by its own .gitignore files instead.
    if (listed && listed.length > 0) {
      for (const rel of listed) {
        if (rel.split('/').some((part) => ALWAYS_SKIPPED_DIRS.has(part))) continue;
        const file = join(abs, rel);
        if (ignoredByConfig(file)) continue;
        const display = displayPath(file, cwd);
        if (!accept(display)) continue;
        let st: Awaited<ReturnType<typeof lstat>>;
        try {
          st = await lstat(file);
        } catch {
          continue; // deleted from the work tree but still in the index
        }
        if (!st.isFile()) continue;
        yield* fileEntry(file, st.size, false, abs);
      }
      continue;
    }
    yield* walkDirectory(abs, abs, [], new Set([await realpath(abs)]));
  }

  async function* walkDirectory(root: string, dir: string, parents: { base: string; rules: Ignore }[], visited: Set<string>): AsyncGenerator<WalkEntry> {
    const gitignore = await loadGitignore(dir);
    const rules = gitignore ? [...parents, { base: dir, rules: ignore().add(gitignore) }] : parents;
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      yield { kind: 'error', failure: failureFromError(displayPath(dir, cwd), error) };
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = join(dir, entry.name);
      const isDir = entry.isDirectory();
      if (isDir && ALWAYS_SKIPPED_DIRS.has(entry.name)) continue;
      if (ignoredByConfig(full)) continue;
      if (rules.some((r) => r.rules.ignores(toPosix(relative(r.base, full)) + (isDir ? '/' : '')))) continue;
      if (isDir) {
        const real = await realpath(full).catch(() => full);
        if (visited.has(real)) continue;
        yield* walkDirectory(root, full, rules, new Set([...visited, real]));
      } else if (entry.isFile()) {
        const display = displayPath(full, cwd);
        if (!accept(display)) continue;
        const st = await stat(full).catch(() => null);
        if (st) yield* fileEntry(full, st.size, false, root);
      }
      // Symlinks found while walking are not followed: they loop, or lead out of the tree.
    }
  }
}
