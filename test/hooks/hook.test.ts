import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HOOK_MARKER, hookScript } from '../../src/hooks/install.js';
import { ROOT, parseJson, runCli } from '../helpers/cli.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const GIT_ENV = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };

function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'authkit-hook-'));
  dirs.push(dir);
  execFileSync('git', ['init', '-q'], { cwd: dir });
  return dir;
}

function git(cwd: string, ...args: string[]) {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV, NO_COLOR: '1', CI: '' } });
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
}

const VULNERABLE_JS = "// Display names picked at sign-up.\nconst DISPLAY_NAME = /^([a-zA-Z0-9]+\\s?)*$/;\nexport const isValidDisplayName = (name) => DISPLAY_NAME.test(name);\n";
const FIXED_JS = "// Display names picked at sign-up.\nconst DISPLAY_NAME = /^[a-zA-Z0-9]+(?:\\s[a-zA-Z0-9]+)*$/;\nexport const isValidDisplayName = (name) => DISPLAY_NAME.test(name);\n";
// A crontab whose job is cut short at the unescaped % (cron/unescaped-percent).
const BAD_CRONTAB = '0 2 * * * /usr/bin/pg_dump app > /var/backups/app-$(date +%F).sql\n';
const FIXED_CRONTAB = '0 2 * * * /usr/bin/pg_dump app > /var/backups/app-$(date +\\%F).sql\n';

describe('authkit hook install / uninstall', () => {
  it('installs idempotently, refuses a foreign hook without --force, uninstalls only its own', async () => {
    const dir = repo();
    const hookPath = join(dir, '.git/hooks/pre-commit');
    const first = await runCli(['hook', 'install'], { cwd: dir });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Installed .git/hooks/pre-commit');
    const script = readFileSync(hookPath, 'utf8');
    expect(script).toContain(HOOK_MARKER);
    expect(script).toContain('scan --staged');
    expect(script).not.toContain('npx');
    const again = parseJson(await runCli(['hook', 'install', '--json'], { cwd: dir }));
    expect(again.hook.outcome).toBe('unchanged');
    expect(readFileSync(hookPath, 'utf8')).toBe(script);

    expect((await runCli(['hook', 'uninstall'], { cwd: dir })).stdout).toContain('Removed');
    expect(existsSync(hookPath)).toBe(false);

    writeFileSync(hookPath, '#!/bin/sh\necho theirs\n', { mode: 0o755 });
    const refused = await runCli(['hook', 'install'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('not written by authkit');
    expect(readFileSync(hookPath, 'utf8')).toContain('theirs');
    const uninstallForeign = await runCli(['hook', 'uninstall'], { cwd: dir });
    expect(uninstallForeign.code).toBe(2);
    expect(readFileSync(hookPath, 'utf8')).toContain('theirs');

    const forced = parseJson(await runCli(['hook', 'install', '--force', '--json'], { cwd: dir }));
    expect(forced.hook.outcome).toBe('replaced');
    expect(readFileSync(`${hookPath}.authkit-backup`, 'utf8')).toContain('theirs');
    expect((await runCli(['hook', 'uninstall'], { cwd: dir })).stdout).toContain('put back');
    expect(readFileSync(hookPath, 'utf8')).toContain('theirs');
  });

  it('respects core.hooksPath', async () => {
    const dir = repo();
    execFileSync('git', ['config', 'core.hooksPath', '.githooks'], { cwd: dir });
    mkdirSync(join(dir, 'sub'));
    const r = await runCli(['hook', 'install'], { cwd: join(dir, 'sub') });
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, '.githooks/pre-commit'))).toBe(true);
    expect(existsSync(join(dir, '.git/hooks/pre-commit'))).toBe(false);
  });

  it('outside a git repository: exit 2, one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'authkit-nogit-'));
    dirs.push(dir);
    const r = await runCli(['hook', 'install'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('authkit: .: not inside a git work tree (run `git init` first)');
  });

  it('the hook prefers the repository install, then the installing authkit, then PATH; never the network', () => {
    const dir = repo();
    const hookFile = join(dir, 'hook.sh');
    const fakeBin = join(dir, 'fakebin');
    mkdirSync(fakeBin);
    writeFileSync(join(fakeBin, 'authkit'), '#!/bin/sh\necho "PATH authkit $*"\n', { mode: 0o755 });
    const run = () => spawnSync('sh', [hookFile], { cwd: dir, encoding: 'utf8', timeout: 120_000, env: { ...process.env, PATH: `${fakeBin}:/usr/bin:/bin` } });

    writeFileSync(hookFile, hookScript({ nodePath: '/nonexistent/node', cliPath: '/nonexistent/authkit.js' }));
    expect(run().stdout.trim()).toBe('PATH authkit scan --staged');

    const installer = join(dir, 'installer.js');
    writeFileSync(installer, 'console.log("installing authkit", process.argv.slice(2).join(" "))\n');
    writeFileSync(hookFile, hookScript({ nodePath: process.execPath, cliPath: installer }));
    expect(run().stdout.trim()).toBe('installing authkit scan --staged');

    mkdirSync(join(dir, 'node_modules/.bin'), { recursive: true });
    writeFileSync(join(dir, 'node_modules/.bin/authkit'), '#!/bin/sh\necho "repo authkit $*"\n', { mode: 0o755 });
    expect(run().stdout.trim()).toBe('repo authkit scan --staged');

    rmSync(join(dir, 'node_modules'), { recursive: true });
    writeFileSync(hookFile, hookScript({ nodePath: '/nonexistent/node', cliPath: '/nonexistent/authkit.js' }));
    const none = spawnSync('sh', [hookFile], { cwd: dir, encoding: 'utf8', timeout: 120_000, env: { ...process.env, PATH: '/usr/bin:/bin' } });
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('authkit not found');
    // A route that works today (the npm name authkit-cli answers 404 until it is published).
    expect(none.stderr).toContain('npm install --save-dev <authkit clone, tarball or git URL>');
  });

  it('end to end: staging a vulnerable regex makes `git commit` fail with the finding shown; the fix goes through', async () => {
    const dir = repo();
    expect((await runCli(['hook', 'install'], { cwd: dir })).code).toBe(0);
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src/signup.js'), VULNERABLE_JS);
    git(dir, 'add', 'src/signup.js');
    const refused = git(dir, 'commit', '-qm', 'validate display names');
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain('src/signup.js');
    expect(refused.output).toMatch(/2:\d+\s+error\s+Regex \S+ backtracks exponentially/);
    expect(refused.output).toContain('regex/redos-exponential');
    expect(git(dir, 'rev-parse', '--verify', '-q', 'HEAD').code).not.toBe(0);

    writeFileSync(join(dir, 'src/signup.js'), FIXED_JS);
    git(dir, 'add', 'src/signup.js');
    const accepted = git(dir, 'commit', '-qm', 'validate display names');
    expect(accepted.output.trim()).toBe('✔ no problems found in 1 input');
    expect(accepted.code).toBe(0);
  });

  it('end to end: a bad staged crontab is refused the same way, judged on the index and not the work tree', async () => {
    const dir = repo();
    expect((await runCli(['hook', 'install'], { cwd: dir })).code).toBe(0);
    writeFileSync(join(dir, 'README.md'), 'project\n');
    expect(git(dir, 'add', 'README.md').code).toBe(0);
    expect(git(dir, 'commit', '-qm', 'clean').code).toBe(0);

    writeFileSync(join(dir, 'backup.cron'), BAD_CRONTAB);
    git(dir, 'add', 'backup.cron');
    const refused = git(dir, 'commit', '-qm', 'add backup job');
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain('backup.cron');
    expect(refused.output).toContain('cron/unescaped-percent');
    expect(git(dir, 'log', '--oneline').output.trim().split('\n')).toHaveLength(1);

    // Fixed in the work tree but not staged: the index still holds the bad version.
    writeFileSync(join(dir, 'backup.cron'), FIXED_CRONTAB);
    expect(git(dir, 'commit', '-qm', 'add backup job').code).not.toBe(0);

    git(dir, 'add', 'backup.cron');
    const accepted = git(dir, 'commit', '-qm', 'add backup job');
    expect(accepted.output.trim()).toBe('✔ no problems found in 1 input');
    expect(accepted.code).toBe(0);
    expect(git(dir, 'log', '--oneline').output.trim().split('\n')).toHaveLength(2);
  });
});

describe('.pre-commit-hooks.yaml', () => {
  it('declares node hooks for scan, regex-audit and cron-lint that select the right files', async () => {
    const { parse } = await import('yaml');
    const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; files?: string; types?: string[] }[];
    expect(hooks.map((h) => [h.id, h.entry, h.language])).toEqual([
      ['authkit-scan', 'authkit scan', 'node'],
      ['authkit-regex-audit', 'authkit regex-audit', 'node'],
      ['authkit-cron-lint', 'authkit cron-lint', 'node'],
    ]);
    // pre-commit matches `files` with Python's re.search; these patterns mean the same in JS.
    const selects = (id: string, path: string) => new RegExp(hooks.find((h) => h.id === id)!.files ?? '').test(path);
    const paths = ['src/auth.ts', 'lib/x.mjs', 'a.cts', 'openapi.yaml', 'conf.yml', 'package.json', 'crontab', 'etc/cron.d/backup', 'jobs/nightly.cron', 'x.crontab', 'README.md', 'crontab.md', 'cron.d/sub/x'];
    expect(paths.filter((p) => selects('authkit-regex-audit', p))).toEqual(['src/auth.ts', 'lib/x.mjs', 'a.cts', 'openapi.yaml', 'conf.yml', 'package.json']);
    expect(paths.filter((p) => selects('authkit-cron-lint', p))).toEqual(['crontab', 'etc/cron.d/backup', 'jobs/nightly.cron', 'x.crontab']);
    expect(hooks.find((h) => h.id === 'authkit-scan')!.types).toEqual(['text']);
  });
});
