import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseJson, runCli } from '../helpers/cli.js';

// Spawns the built CLI: run `npm run build` before `npx vitest run test/cron`.
let dir: string;
const path = (name: string) => join(dir, name);

interface Row {
  ruleId: string;
  line: number;
  column: number;
  message: string;
}
const rows = (stdout: string): Row[] => parseJson({ stdout, stderr: '', code: 0 }).findings;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'authkit-cron-path-'));
  // The issue-21 cases: tools that pass in a login shell and are "command not found" under cron.
  writeFileSync(
    path('bare.crontab'),
    [
      '*/5 * * * * php /var/www/artisan schedule:run',
      '0 1 * * * python /srv/backup.py',
      '0 2 * * * openssl rand -hex 16 > /tmp/k',
      '0 3 * * * node /srv/app/job.js',
      '0 4 * * * wp cron event run --due-now --path=/var/www',
      '0 5 * * * godaddy-dns -c /etc/gd.json',
      '0 6 * * * find /tmp -mtime +7 -delete; gzip -9 /var/log/x.log; tar czf /b.tgz /w',
      '0 7 * * * f() { /bin/true; }; f',
      '',
    ].join('\n'),
  );
  writeFileSync(path('with-path.crontab'), 'PATH=/usr/local/bin:/usr/bin:/bin\n*/5 * * * * php /var/www/artisan schedule:run\n0 5 * * * godaddy-dns -c /etc/gd.json\n');
  writeFileSync(path('bash.crontab'), '0 1 * * * bash /srv/run.sh\n');
});

describe('bare command names follow the guide (issue 21)', () => {
  it('reports every name outside the base system, saying what is known about it', async () => {
    const result = await runCli(['cron-lint', '--format', 'json', path('bare.crontab')]);
    expect(result.code).toBe(0); // warnings only: the default --fail-on is error
    const found = rows(result.stdout);
    const relative = found.filter((f) => f.ruleId === 'cron/relative-binary');
    expect(relative.map((f) => [f.line, f.column])).toEqual([[1, 13], [2, 11], [3, 11], [4, 11], [5, 11], [6, 11]]);
    expect(relative[1]!.message).toContain('python is not installed as /usr/bin/python on Debian 12 or RHEL 9');
    expect(relative[2]!.message).toContain('openssl is a separate package on Alpine');
    expect(relative[3]!.message).toContain('node from nvm/volta lives outside any system PATH');
    expect(relative[5]!.message).toBe("'godaddy-dns' is not part of a base system; cron's PATH is /usr/bin:/bin");
    const missing = found.filter((f) => f.ruleId === 'cron/missing-path');
    expect(missing).toHaveLength(1);
    expect(missing[0]!.message).toContain('php, python, openssl, node, wp, godaddy-dns');
  });

  it('takes a PATH line as the author saying where the tools are', async () => {
    const result = await runCli(['cron-lint', '--format', 'json', path('with-path.crontab')]);
    expect(rows(result.stdout)).toEqual([]);
    expect(result.code).toBe(0);
  });

  it('knows bash is base on Debian and RHEL but not Alpine', async () => {
    const [debian, any] = await Promise.all([
      runCli(['cron-lint', '--format', 'json', '--target', 'debian', path('bash.crontab')]),
      runCli(['cron-lint', '--format', 'json', path('bash.crontab')]),
    ]);
    expect(rows(debian.stdout)).toEqual([]);
    const relative = rows(any.stdout).find((f) => f.ruleId === 'cron/relative-binary');
    expect(relative?.message).toBe("'bash' is part of the base system on Debian and RHEL but not on Alpine; cron's PATH is /usr/bin:/bin");
  });
});
