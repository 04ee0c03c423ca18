import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeToken } from '../jwt/helpers.js';
import { expectNoStackTrace, run, scratchFolder } from './support.js';

// Issue 25 item 1: stat() says 0 bytes for /dev/zero and a FIFO, so a size check alone let them be
// read without end (13.7 GB for `verify --key /dev/zero`) or block forever (a FIFO without a writer).
// Each path option and explicit file argument gets both, next to a good input where the command has
// room for one: one error line, exit 2, and the good input still reported. The timeout only turns a
// hang into a failure; nothing here measures time.

const SECRET = 'a-long-enough-secret-for-the-fixture-0001';
const TOKEN = makeToken({ alg: 'HS256', typ: 'JWT' }, { sub: 'bounded', iat: 1767225000, exp: 1767225600 }, SECRET);
const HANG = { timeoutMs: 30_000 };

const { dir, f } = scratchFolder('unbounded-read');

beforeAll(() => {
  execFileSync('mkfifo', [f('fifo')]);
  writeFileSync(f('token.txt'), `${TOKEN}\n`);
  writeFileSync(f('good.cron'), 'MAILTO=""\n*/5 * * * * cd /srv && ./run.sh\n');
  writeFileSync(f('good.js'), 'const r = await fetch("/login");\nconst { access_token } = await r.json();\nlocalStorage.setItem("t", access_token);\n');
  writeFileSync(f('secret.txt'), `${SECRET}\n`);
  // A .gitignore that is a FIFO inside a walked folder: the walk must not wait for a writer.
  mkdirSync(f('tree'));
  execFileSync('mkfifo', [f('tree/.gitignore')]);
  writeFileSync(f('tree/token.txt'), `${TOKEN}\n`);
});

const SPECIALS = [
  ['/dev/zero', /is a character device, expected a regular file$/],
  ['fifo', /is a named pipe, expected a regular file$/],
] as const;

function expectRefused(result: Awaited<ReturnType<typeof run>>, path: string, problem: RegExp): void {
  expectNoStackTrace(result);
  expect(result.code, result.stderr).toBe(2);
  const lines = result.stderr.split('\n').filter((l) => l.startsWith(`authkit: ${path}: `));
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(problem);
}

describe.each(SPECIALS)('a path that is not a regular file: %s', (special, problem) => {
  const path = special === 'fifo' ? 'fifo' : special;

  it('verify --key', async () => {
    expectRefused(await run(['verify', TOKEN, '--key', path], { cwd: dir, ...HANG }), path, problem);
  });

  it('verify --secret-file', async () => {
    expectRefused(await run(['verify', TOKEN, '--secret-file', path], { cwd: dir, ...HANG }), path, problem);
  });

  it('decode --file, next to a good file that is still decoded', async () => {
    const result = await run(['decode', '--file', path, '--file', 'token.txt'], { cwd: dir, ...HANG });
    expectRefused(result, path, problem);
    expect(result.stdout).toContain('token.txt:1:1');
  });

  it('decode --secrets-list', async () => {
    expectRefused(await run(['decode', TOKEN, '--secrets-list', path], { cwd: dir, ...HANG }), path, problem);
  });

  it('scan --baseline', async () => {
    expectRefused(await run(['scan', 'token.txt', '--baseline', path], { cwd: dir, ...HANG }), path, problem);
  });

  it('-c/--config', async () => {
    expectRefused(await run(['-c', path, 'decode', TOKEN], { cwd: dir, ...HANG }), path, problem);
  });

  it('session-audit with an explicit path, next to a source that is still audited', async () => {
    const result = await run(['session-audit', path, 'good.js', '--format', 'json'], { cwd: dir, ...HANG });
    expectRefused(result, path, problem);
    expect(JSON.parse(result.stdout).findings.some((x: { file: string }) => x.file === 'good.js')).toBe(true);
  });

  it('cron-lint with an explicit path, next to a crontab that is still linted', async () => {
    const result = await run(['cron-lint', path, 'good.cron', '--format', 'json'], { cwd: dir, ...HANG });
    expectRefused(result, path, problem);
    expect(result.stdout).toContain('good.cron');
  });

  it('scan with an explicit path, next to a file that is still scanned', async () => {
    const result = await run(['scan', path, 'token.txt', '--format', 'json'], { cwd: dir, ...HANG });
    expectRefused(result, path, problem);
    expect(result.stdout).toContain('token.txt');
  });
});

it('a walked folder whose .gitignore is a FIFO is still scanned', async () => {
  const result = await run(['scan', 'tree', '--format', 'json'], { cwd: dir, ...HANG });
  expectNoStackTrace(result);
  expect(result.stdout).toContain('tree/token.txt');
});

it.each([['decode', '-'], ['cron-lint', '-'], ['scan', '-'], ['session-audit', '-'], ['regex-audit', '-'], ['verify', '-', '--secret-file', 'secret.txt']])(
  'standard input keeps its limit: %s %s reading /dev/zero stops at 50 MiB with one line',
  async (...args) => {
    // /dev/zero never ends: the read must stop at the limit, not when memory runs out.
    const result = await run(args, { cwd: dir, prefix: ['sh', '-c', 'exec "$@" < /dev/zero', 'sh'], ...HANG });
    expectRefused(result, '-', /^authkit: -: standard input is over the 50\.0 MiB limit$/);
  },
);
