import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { run, snapshotRepo, userEnv } from './snapshot.js';

const cleanup: string[] = [];
afterAll(() => {
  for (const d of cleanup) rmSync(d, { recursive: true, force: true });
});

describe('installing from git the way pre-commit >= 4.6.1 does', () => {
  it('`npm install --install-links -g git+file://<clone>` gives a working authkit (prepare without devDependencies, npm/cli#8440)', async () => {
    const { dir: clone } = snapshotRepo();
    const prefix = mkdtempSync(join(tmpdir(), 'authkit-prefix-'));
    const work = mkdtempSync(join(tmpdir(), 'authkit-work-'));
    cleanup.push(clone, prefix, work);

    const install = await run('npm', ['install', '--install-links', '-g', `git+file://${clone}`, '--prefix', prefix, '--no-audit', '--no-fund'], {
      cwd: work,
      timeoutMs: 220_000,
    });
    expect(install.output).not.toMatch(/npm error/);
    expect(install.code).toBe(0);

    const authkit = join(prefix, 'bin', 'authkit');
    const version = await run(authkit, ['--version'], { cwd: work, env: userEnv({ PATH: '/usr/bin:/bin' }) });
    const { version: expected } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(version.output.trim()).toBe(expected);
    expect(version.code).toBe(0);

    writeFileSync(join(work, 'backup.cron'), '0 2 * * * pg_dump app > /var/backups/app-$(date +%F).sql\n');
    const scan = await run(authkit, ['scan', '--format', 'json'], { cwd: work });
    expect(scan.code).toBe(1);
    const report = JSON.parse(scan.output);
    expect(report.findings.map((f: { ruleId: string; file: string }) => `${f.file} ${f.ruleId}`)).toContain('backup.cron cron/unescaped-percent');
  }, 300_000);
});
