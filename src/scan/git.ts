import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { InputFailure } from '../files/read.js';

const execFileAsync = promisify(execFile);
const GIT_ENV = { ...process.env, GIT_OPTIONAL_LOCKS: '0' };

async function git(args: string[], cwd: string): Promise<string> {
  const { stdout } = await execFileAsync('git', args, { cwd, maxBuffer: 512 * 1024 * 1024, env: GIT_ENV });
  return stdout;
}

/** The work tree's top folder, or an InputFailure naming the option that needed git. */
export async function gitTopLevel(cwd: string, option: string): Promise<string> {
  try {
    return (await git(['rev-parse', '--show-toplevel'], cwd)).trim();
  } catch {
    throw new InputFailure(option, 'missing', 'not inside a git work tree');
  }
}

export interface GitFileEntry {
  /** As git shows it: relative to the repository root, POSIX separators. */
  path: string;
  mode: string;
  /** Blob id of the new side; all zeros when the new side is the (unhashed) work tree file. */
  blob: string;
}

/** Regular files only: symlinks (120000) and submodules (160000) have no text of their own. */
const REGULAR_FILE_MODES = new Set(['100644', '100755']);

/** Parses `git diff --raw -z` output: `:old new oldsha newsha status\0path\0[path2\0]`. */
export function parseRawDiff(stdout: string): GitFileEntry[] {
  const parts = stdout.split('\0');
  const out: GitFileEntry[] = [];
  for (let i = 0; i < parts.length; i++) {
    const head = parts[i]!;
    if (!head.startsWith(':')) continue;
    const [, newMode, , newBlob, status] = head.slice(1).split(' ');
    // Copies and renames carry the old path first, then the new one.
    const twoPaths = status?.startsWith('R') || status?.startsWith('C');
    const path = twoPaths ? parts[i + 2]! : parts[i + 1]!;
    i += twoPaths ? 2 : 1;
    if (!newMode || !REGULAR_FILE_MODES.has(newMode)) continue;
    out.push({ path, mode: newMode, blob: newBlob ?? '' });
  }
  return out;
}

/** What is staged (added, copied, modified, renamed), limited to the pathspecs if any. */
export async function stagedFiles(cwd: string, pathspecs: string[]): Promise<GitFileEntry[]> {
  const out = await git(['diff', '--cached', '--raw', '-z', '--no-abbrev', '--diff-filter=ACMR', '--', ...pathspecs], cwd);
  return parseRawDiff(out);
}

/** Files changed between `rev` and the work tree, plus untracked files not ignored. */
export async function changedFiles(cwd: string, rev: string, pathspecs: string[]): Promise<string[]> {
  try {
    await git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], cwd);
  } catch {
    throw new InputFailure(`--changed ${rev}`, 'missing', 'unknown revision');
  }
  const [diff, untracked] = await Promise.all([
    git(['diff', '--raw', '-z', '--no-abbrev', '--diff-filter=ACMR', rev, '--', ...pathspecs], cwd),
    git(['ls-files', '-z', '--full-name', '--others', '--exclude-standard', '--', ...pathspecs], cwd),
  ]);
  const paths = parseRawDiff(diff).map((e) => e.path);
  for (const p of untracked.split('\0')) if (p) paths.push(p);
  return [...new Set(paths)].sort();
}

/**
 * Reads blobs through one `git cat-file --batch` process rather than a `git show :path` per file:
 * the same bytes (the index content), without a process per staged file.
 */
export async function* readBlobs(cwd: string, blobs: string[]): AsyncGenerator<{ blob: string; bytes: Buffer | null }> {
  if (blobs.length === 0) return;
  const child = spawn('git', ['cat-file', '--batch'], { cwd, env: GIT_ENV, stdio: ['pipe', 'pipe', 'ignore'] });
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  child.stdin.on('error', () => {});
  child.stdin.end(blobs.map((b) => `${b}\n`).join(''));
  // Chunks are joined only once enough bytes for the next record have arrived: a large blob
  // arriving in many chunks is copied once, not once per chunk.
  let chunks: Buffer[] = [];
  let buffered = 0;
  let needed = 0;
  let index = 0;
  for await (const chunk of child.stdout) {
    chunks.push(chunk as Buffer);
    buffered += (chunk as Buffer).length;
    if (buffered < needed) continue;
    let buffer = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, buffered);
    for (;;) {
      const eol = buffer.indexOf(10);
      if (eol < 0) {
        needed = buffer.length + 1;
        break;
      }
      const header = buffer.subarray(0, eol).toString('utf8');
      if (header.endsWith(' missing')) {
        yield { blob: blobs[index++]!, bytes: null };
        buffer = buffer.subarray(eol + 1);
        continue;
      }
      const size = Number(header.split(' ')[2]);
      const end = eol + 1 + size + 1;
      if (buffer.length < end) {
        needed = end;
        break;
      }
      const bytes = Buffer.from(buffer.subarray(eol + 1, end - 1));
      buffer = buffer.subarray(end);
      needed = 0;
      yield { blob: blobs[index++]!, bytes };
    }
    chunks = buffer.length > 0 ? [buffer] : [];
    buffered = buffer.length;
  }
  await exited;
}
