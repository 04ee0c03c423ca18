import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseJson, runCli } from '../helpers/cli.js';

// Spawns the built CLI: run `npm run build` before `npx vitest run test/cron`.
let dir: string;
const path = (...parts: string[]) => join(dir, ...parts);

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
  writeFileSync(path('node.crontab'), '0 1 * * * node /srv/job.js\n0 2 * * * wp cron event run --due-now\n');
  mkdirSync(path('team'));
  writeFileSync(path('team/authkit.config.json'), JSON.stringify({ cron: { trustedCommands: ['php', 'wp'] } }));
  writeFileSync(path('team/php.crontab'), '*/5 * * * * php /var/www/artisan schedule:run\n0 5 * * * wp cron event run --due-now\n0 6 * * * godaddy-dns -c /etc/gd.json\n');
  mkdirSync(path('broken'));
  writeFileSync(path('broken/authkit.config.json'), JSON.stringify({ cron: { trustedCommands: ['/usr/bin/php'] } }));
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

  it('cron.trustedCommands in the config and --trust on the command line silence the names listed', async () => {
    const [config, both] = await Promise.all([
      runCli(['cron-lint', '--format', 'json', 'php.crontab'], { cwd: path('team') }),
      runCli(['cron-lint', '--format', 'json', '--trust', 'godaddy-dns', 'php.crontab'], { cwd: path('team') }),
    ]);
    expect(rows(config.stdout).map((f) => [f.ruleId, f.line])).toEqual([['cron/relative-binary', 3], ['cron/missing-path', 1]]);
    expect(rows(both.stdout)).toEqual([]);
    const commaList = await runCli(['cron-lint', '--format', 'json', '--trust', 'php,wp', '--trust', 'godaddy-dns', path('team', 'php.crontab')]);
    expect(rows(commaList.stdout)).toEqual([]);
  });

  it('a trustedCommands entry with a slash is a one-line config error, exit 2', async () => {
    const result = await runCli(['cron-lint', path('bash.crontab')], { cwd: path('broken') });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/authkit\.config\.json: cron\.trustedCommands: expected an array of command names without \/ or spaces/)]);
  });

  it('--fix adds PATH for wp but says to write the absolute path of nvm\'s node, and the finding stays', async () => {
    const result = await runCli(['cron-lint', '--fix', path('node.crontab')]);
    expect(readFileSync(path('node.crontab'), 'utf8')).toBe('PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n0 1 * * * node /srv/job.js\n0 2 * * * wp cron event run --due-now\n');
    expect(result.stdout).toContain('added PATH=');
    expect(result.stdout).toMatch(/not fixed in .*node\.crontab: node \(line 1\) comes from a version manager, which no PATH line finds: write the installed version's absolute path, spelled out/);
    expect(result.stdout).toMatch(/2:11 +warning +'node' is left to PATH=\/usr\/local\/sbin.*cron\/relative-binary/);
    expect(result.stdout).not.toContain("'wp'");
  });
});
