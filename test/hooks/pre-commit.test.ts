import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GIT_IDENTITY, run, snapshotRepo, userEnv } from './snapshot.js';

const cleanup: string[] = [];
afterAll(() => {
  for (const d of cleanup) rmSync(d, { recursive: true, force: true });
});

// pre-commit is a system tool: a developer's machine may lack it, so the test says so and skips;
// .ci/run installs it and sets AUTHKIT_REQUIRE_SYSTEM_TOOLS=1, which turns a missing one into a failure.
const probe = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
const required = process.env.AUTHKIT_REQUIRE_SYSTEM_TOOLS === '1';
const runnable = !probe.error || required;
if (!runnable) {
  process.stderr.write('\nSKIPPED: pre-commit is not installed, so the real pre-commit hook test does not run (apt-get install -y pre-commit; CI requires it).\n\n');
}

describe.skipIf(!runnable)('a real pre-commit run with authkit as a `repo:` hook', () => {
  it('pre-commit is installed (CI installs Debian\'s package and requires it)', () => {
    expect(probe.error?.message, 'pre-commit is not installed: apt-get install -y pre-commit').toBeUndefined();
    expect(probe.stdout).toMatch(/^pre-commit \d+\.\d+/);
  });

  it('installs the hooks from git, refuses a bad commit with the finding shown, lets the fix through', async () => {
    const { dir: hookRepo, rev } = snapshotRepo();
    const project = mkdtempSync(join(tmpdir(), 'authkit-precommit-'));
    const home = mkdtempSync(join(tmpdir(), 'authkit-precommit-home-'));
    cleanup.push(hookRepo, project, home);
    const env = userEnv({ ...GIT_IDENTITY, PRE_COMMIT_HOME: home, CI: '' });
    const git = (...args: string[]) => run('git', args, { cwd: project, env });

    await git('init', '-q');
    writeFileSync(
      join(project, '.pre-commit-config.yaml'),
      `repos:
  - repo: ${hookRepo}
    rev: ${rev}
    hooks:
      - id: authkit-scan
      - id: authkit-regex-audit
      - id: authkit-cron-lint
`,
    );
    writeFileSync(join(project, 'README.md'), 'project\n');
    expect((await run('pre-commit', ['install'], { cwd: project, env })).code).toBe(0);
    await git('add', '.');
    const first = await git('commit', '-qm', 'init');
    expect(first.output).toMatch(/authkit scan\.+Passed/);
    expect(first.code).toBe(0);

    // Each hook gets only its files: the crontab goes to cron-lint, the JS file to regex-audit.
    writeFileSync(join(project, 'backup.cron'), '0 2 * * * pg_dump app > /var/backups/app-$(date +%F).sql\n');
    writeFileSync(join(project, 'signup.js'), 'export const DISPLAY_NAME = /^([a-zA-Z0-9]+\\s?)*$/;\n');
    await git('add', 'backup.cron', 'signup.js');
    const refused = await git('commit', '-qm', 'add backup job');
    expect(refused.output).toMatch(/authkit scan\.+Failed/);
    expect(refused.output).toMatch(/authkit regex-audit\.+Failed/);
    expect(refused.output).toMatch(/authkit cron-lint\.+Failed/);
    expect(refused.output).toContain('cron/unescaped-percent');
    expect(refused.output).toContain('regex/redos-exponential');
    expect(refused.code).not.toBe(0);

    writeFileSync(join(project, 'backup.cron'), '0 2 * * * pg_dump app > /var/backups/app-$(date +\\%F).sql\n');
    writeFileSync(join(project, 'signup.js'), 'export const DISPLAY_NAME = /^[a-zA-Z0-9]+(?:\\s[a-zA-Z0-9]+)*$/;\n');
    await git('add', 'backup.cron', 'signup.js');
    const accepted = await git('commit', '-qm', 'add backup job');
    expect(accepted.output).toMatch(/authkit scan\.+Passed/);
    expect(accepted.output).toMatch(/authkit regex-audit\.+Passed/);
    expect(accepted.output).toMatch(/authkit cron-lint\.+Passed/);
    expect(accepted.code).toBe(0);
  }, 300_000);
});
