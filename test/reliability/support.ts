import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import { BIN, type CliResult, ROOT } from '../helpers/cli.js';

export const NO_NETWORK = join(ROOT, 'test/helpers/no-network.cjs');

/** A scratch folder any user can read: the unreadable-file cases run the CLI as `nobody`. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `authkit-${prefix}-`));
  chmodSync(dir, 0o755);
  return dir;
}

/** A scratch folder for the whole test file, removed after its tests: the folder and a path maker. */
export function scratchFolder(prefix: string): { dir: string; f: (name: string) => string } {
  const dir = scratchDir(prefix);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return { dir, f: (name) => join(dir, name) };
}

/**
 * Root reads a chmod 000 file anyway, so under root (CI containers, this machine) the CLI runs as
 * `nobody` through setpriv or runuser, where permissions are enforced for real. A non-root user
 * needs no wrapper. Returns null only when neither tool exists; the tests then fail loudly.
 */
export function unprivilegedPrefix(): string[] | null {
  if (process.getuid?.() !== 0) return [];
  if (spawnSync('setpriv', ['--version']).status === 0) return ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--'];
  if (spawnSync('runuser', ['--version']).status === 0) return ['runuser', '-u', 'nobody', '--'];
  return null;
}

export interface RunOptions {
  input?: string | Buffer;
  /** 'devnull': stdin is /dev/null; 'closed': file descriptor 0 is not open at all. */
  stdin?: 'pipe' | 'devnull' | 'closed';
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  nodeArgs?: string[];
  prefix?: string[];
  timeoutMs?: number;
  /** Called once the process is running, with its pid. */
  onSpawn?: (pid: number) => void;
}

/** Spawns the built CLI (optionally as another user, or with fd 0 closed) and collects everything. */
export function run(args: string[], options: RunOptions = {}): Promise<CliResult & { ms: number; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, CI: undefined, AUTHKIT_DEBUG: undefined, ...options.env };
    for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
    const nodeCommand = [process.execPath, ...(options.nodeArgs ?? []), BIN, ...args];
    let argv = [...(options.prefix ?? []), ...nodeCommand];
    if (options.stdin === 'closed') argv = ['sh', '-c', 'exec "$@" 0<&-', 'sh', ...argv];
    const started = performance.now();
    const child = spawn(argv[0]!, argv.slice(1), {
      cwd: options.cwd ?? ROOT,
      env,
      stdio: [options.stdin === 'devnull' || options.stdin === 'closed' ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 90_000);
    child.on('error', reject);
    child.on('spawn', () => options.onSpawn?.(child.pid!));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: performance.now() - started });
    });
    if (child.stdin) {
      child.stdin.on('error', () => {});
      child.stdin.end(options.input ?? '');
    }
  });
}

// V8's frames: four spaces, `at`, one space, then a name or a location (`    at run (file.js:1:2)`).
const STACK_FRAME = /^ {4}at \S.*(:\d+:\d+\)?|\(native\)|<anonymous>\)?)$/m;

/** The CLI never shows a user a stack trace, a Node.js crash banner or an uncaught error dump. */
export function expectNoStackTrace(result: { stderr: string; stdout: string; code: number | null; signal?: NodeJS.Signals | null }): void {
  for (const stream of [result.stderr, result.stdout]) {
    expect(stream).not.toMatch(STACK_FRAME);
    expect(stream).not.toMatch(/^Node\.js v\d+/m);
    expect(stream).not.toMatch(/node:internal|Uncaught|^\w*Error: /m);
  }
  expect(result.signal ?? null).toBeNull();
  expect([0, 1, 2]).toContain(result.code);
}

/** Every stderr line is `authkit: ...` (one line per problem), and these paths each have one. */
export function expectOneLineErrors(stderr: string, expected: Record<string, RegExp>): void {
  const lines = stderr.split('\n').filter((l) => l.length > 0);
  for (const line of lines) expect(line).toMatch(/^authkit: /);
  for (const [path, problem] of Object.entries(expected)) {
    const mine = lines.filter((l) => l.startsWith(`authkit: ${path}: `));
    expect(mine, `one error line for ${path} in:\n${stderr}`).toHaveLength(1);
    expect(mine[0]).toMatch(problem);
  }
}

/** Pids of every live process whose parent is `pid`, read from /proc. */
export function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name is in parentheses and may contain spaces: fields start after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === pid) out.push(Number(entry));
    } catch {
      // the process ended while /proc was being read
    }
  }
  return out;
}

/** True while `pid` is a running (not zombie) process that started at `startTime` (clock ticks). */
export function isAlive(pid: number, startTime: string): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[0] !== 'Z' && fields[19] === startTime;
  } catch {
    return false;
  }
}

export function startTimeOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}
