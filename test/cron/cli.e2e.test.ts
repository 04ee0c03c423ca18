import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseJson, runCli } from '../helpers/cli.js';
import { sarifErrors } from '../helpers/sarif.js';

// Spawns the built CLI (npm test builds first; run `npm run build` before `npx vitest run test/cron`).
let dir: string;
const path = (...parts: string[]) => join(dir, ...parts);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'authkit-cron-'));
  mkdirSync(path('etc', 'cron.d'), { recursive: true });
  writeFileSync(path('etc', 'crontab'), 'SHELL=/bin/sh\nPATH=/usr/bin:/bin\n17 * * * * root cd / && run-parts --report /etc/cron.hourly\n');
  writeFileSync(path('etc', 'cron.d', 'backup'), '0 4 * * * /usr/local/bin/backup\n'); // no user field
  writeFileSync(path('etc', 'cron.d', 'rotate.cron'), '0 5 * * * root /usr/sbin/logrotate /etc/logrotate.conf\n'); // dotted name
  writeFileSync(path('etc', 'cron.d', '.placeholder'), '# keep dpkg from removing the directory\n');
  writeFileSync(path('clean.crontab'), 'MAILTO=ops@example.com\n*/10 * * * * /usr/local/bin/poll > /var/log/poll.log 2>&1\n');
  writeFileSync(path('warn.crontab'), '* 3 * * * /usr/local/bin/nightly\n');
  writeFileSync(path('binary.cron'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]));
});

describe('authkit cron-lint (built CLI)', () => {
  it('lints a system crontab and every file of a cron.d folder, skipping hidden files', async () => {
    const result = await runCli(['cron-lint', path('etc', 'crontab'), path('etc', 'cron.d'), '--json'], { cwd: dir });
    expect(result.code).toBe(1);
    const report = parseJson(result);
    expect(report.files.map((f: { file: string; kind: string }) => [f.file, f.kind])).toEqual([
      ['etc/crontab', 'system'],
      ['etc/cron.d/backup', 'system'],
      ['etc/cron.d/rotate.cron', 'system'],
    ]);
    expect(report.findings.map((f: { file: string; ruleId: string; line: number; column: number }) => [f.file, f.ruleId, f.line, f.column])).toEqual([
      ['etc/cron.d/backup', 'cron/missing-user-field', 1, 11],
      ['etc/cron.d/rotate.cron', 'cron/cron-d-filename', 1, 1],
    ]);
    expect(result.stderr).toBe('');
  });

  it('given a folder, lints only what scan takes for a crontab or workflow and counts what it passed over; a named file is linted anyway', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'authkit-cron-repo-'));
    mkdirSync(join(repo, 'deploy'));
    mkdirSync(join(repo, '.github', 'workflows'), { recursive: true });
    writeFileSync(join(repo, 'app.js'), 'const a = 1; // * * * * * not a job\n');
    writeFileSync(join(repo, 'style.css'), 'body { color: red }\n');
    writeFileSync(join(repo, 'README.md'), '# Title\n\nSome text\n');
    writeFileSync(join(repo, 'notes.txt'), 'hello\n');
    writeFileSync(join(repo, 'deploy', 'crontab'), '0 3 * * * /usr/bin/backup\n');
    writeFileSync(join(repo, 'backup'), '0 1 * * * /bin/a\n0 2 * * * /bin/b\n'); // a crontab by content
    writeFileSync(join(repo, '.github', 'workflows', 'nightly.yml'), 'on:\n  schedule:\n    - cron: "17 0 * * *"\njobs: {}\n');
    try {
      const tree = await runCli(['cron-lint', '.', '--json'], { cwd: repo });
      expect(tree.code, tree.stderr).toBe(0);
      const report = parseJson(tree);
      expect(report.files.map((f: { file: string }) => f.file)).toEqual(['.github/workflows/nightly.yml', 'backup', 'deploy/crontab']);
      expect(report.findings).toEqual([]);
      expect(report.passedOver).toBe(4);
      const note = 'passed over 4 files in the folders given that are not a crontab, workflow or CronJob manifest (by name or content); name a file to lint it anyway';
      expect(report.notes).toEqual([{ message: note }]);
      const stylish = await runCli(['cron-lint', '.'], { cwd: repo });
      expect(stylish.stderr).toBe(`authkit: note: ${note}\n`);
      const named = parseJson(await runCli(['cron-lint', '.', 'notes.txt', '--json'], { cwd: repo }));
      expect(named.findings.map((f: { file: string; ruleId: string }) => `${f.file} ${f.ruleId}`)).toEqual(['notes.txt cron/invalid-line']);
      expect(named.passedOver).toBe(3);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  it('reads a user crontab from standard input, with plain-English readings', async () => {
    const result = await runCli(['cron-lint', '-'], { input: '0 3 * * 1-5 /usr/bin/find /tmp -mtime +7 -delete\n0 0 * * * tar czf /b/$(date +%F).tgz /w\n' });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('- (user crontab, 2 jobs)');
    expect(result.stdout).toContain('at 03:00 on Monday through Friday');
    expect(result.stdout).toMatch(/2:30 +error +Unescaped % ends the command here.*cron\/unescaped-percent/);
  });

  it('--system and --user override the path', async () => {
    const [systemRun, userRun, both] = await Promise.all([
      runCli(['cron-lint', '--system', '--json', path('clean.crontab')]),
      runCli(['cron-lint', '--user', '--json', path('etc', 'crontab')]),
      runCli(['cron-lint', '--user', '--system', path('clean.crontab')]),
    ]);
    const asSystem = parseJson(systemRun);
    expect(asSystem.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('cron/missing-user-field');
    const asUser = parseJson(userRun);
    expect(asUser.files[0].kind).toBe('user');
    expect(asUser.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('cron/user-field-in-user-crontab');
    expect(both.code).toBe(2);
    expect(both.stderr.trim().split('\n')).toEqual(['authkit: --system and --user cannot be combined']);
  });

  it('--next prints the next runs (JSON and human)', async () => {
    const [jsonRun, human, zero] = await Promise.all([
      runCli(['cron-lint', '--next', '3', '--json', path('clean.crontab')], { env: { TZ: 'UTC' } }),
      runCli(['cron-lint', '--next', '2', path('clean.crontab')], { env: { TZ: 'UTC' } }),
      runCli(['cron-lint', '--next', '0', path('clean.crontab')]),
    ]);
    const json = parseJson(jsonRun);
    const job = json.files[0].jobs[0];
    expect(job.reading).toBe('every 10 minutes');
    expect(job.next.timeZone).toBe('UTC');
    expect(job.next.runs).toHaveLength(3);
    const minutes = job.next.runs.map((r: string) => new Date(r).getUTCMinutes() % 10);
    expect(minutes).toEqual([0, 0, 0]);
    expect(human.stdout).toMatch(/next \(UTC\): \d{4}-\d\d-\d\d \d\d:\d0, \d{4}-\d\d-\d\d \d\d:\d0/);
    expect(zero.code).toBe(2);
  });

  it('--fix rewrites the file and prints the diff; --dry-run only prints it', async () => {
    const original = '0 0 * * * tar czf /b/$(date +%F).tgz /w\r\n0 1 * * * [[ -f /f ]] && /srv/run';
    writeFileSync(path('fixme.crontab'), original);
    const dry = await runCli(['cron-lint', '--fix', '--dry-run', path('fixme.crontab')], { cwd: dir });
    expect(dry.stdout).toContain('would fix fixme.crontab');
    expect(dry.stdout).toContain('--- a/fixme.crontab\n+++ b/fixme.crontab\n');
    expect(dry.stdout).toContain('+0 0 * * * tar czf /b/$(date +\\%F).tgz /w');
    expect(readFileSync(path('fixme.crontab'), 'utf8')).toBe(original);
    expect(dry.code).toBe(1);

    const fixed = await runCli(['cron-lint', '--fix', '--json', path('fixme.crontab')], { cwd: dir });
    const report = parseJson(fixed);
    expect(report.files[0].fix.written).toBe(true);
    expect(report.files[0].fix.diff).toContain('+SHELL=/bin/bash');
    expect(readFileSync(path('fixme.crontab'), 'utf8')).toBe('SHELL=/bin/bash\n0 0 * * * tar czf /b/$(date +\\%F).tgz /w\n0 1 * * * [[ -f /f ]] && /srv/run\n');
    expect(report.findings).toEqual([]);
    expect(fixed.code).toBe(0);
    expect((await runCli(['cron-lint', '--dry-run', path('fixme.crontab')])).code).toBe(2);
  });

  it('renders every format; SARIF validates and puts file-level findings at line 1', async () => {
    const args = ['cron-lint', path('etc', 'cron.d'), path('warn.crontab')];
    const [sarifRun, github, stylish] = await Promise.all([
      runCli([...args, '--format', 'sarif'], { cwd: dir }),
      runCli([...args, '--format', 'github'], { cwd: dir }),
      runCli(args, { cwd: dir }),
    ]);
    const sarif = JSON.parse(sarifRun.stdout);
    expect(sarifErrors(sarif)).toEqual([]);
    const fileLevel = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'cron/cron-d-filename');
    expect(fileLevel.locations[0].physicalLocation.region.startLine).toBe(1);
    expect(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toContain('cron/dom-dow-star-step');
    expect(github.stdout).toMatch(/^::error file=etc\/cron.d\/backup,line=1,/m);
    expect(github.stdout).toMatch(/^::warning file=warn.crontab,line=1,/m);
    expect(stylish.stdout).toContain('✖ 3 problems (2 errors, 1 warning, 0 info)');
  });

  it('exit status: 0 clean, 0 for warnings, 1 with --fail-on warning', async () => {
    const [clean, warn, strict] = await Promise.all([
      runCli(['cron-lint', path('clean.crontab')]),
      runCli(['cron-lint', path('warn.crontab')]),
      runCli(['cron-lint', '--fail-on', 'warning', path('warn.crontab')]),
    ]);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('every 10 minutes');
    expect(warn.code).toBe(0);
    expect(strict.code).toBe(1);
  });

  it('bad input: one line per problem, exit 2, the other inputs still linted', async () => {
    const result = await runCli(['cron-lint', '--json', path('missing.crontab'), path('binary.cron'), `${path('clean.crontab')}/`, path('warn.crontab')], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      `authkit: ${path('missing.crontab')}: no such file or directory`,
      'authkit: binary.cron: binary file (contains NUL bytes)',
      `authkit: ${path('clean.crontab')}/: is not a directory (trailing slash on a file)`,
    ]);
    const report = parseJson(result);
    expect(report.files.map((f: { file: string }) => f.file)).toEqual(['warn.crontab']);
    expect(report.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['cron/every-minute-in-hour']);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('nothing on standard input is an input error (a closed pipe), an empty crontab file is clean', async () => {
    const result = await runCli(['cron-lint', '-'], { input: '' });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('authkit: -: empty input (nothing on standard input)\n');
    const dir = mkdtempSync(join(tmpdir(), 'authkit-cron-empty-'));
    writeFileSync(join(dir, 'crontab'), '');
    const file = await runCli(['cron-lint', 'crontab'], { cwd: dir });
    rmSync(dir, { recursive: true, force: true });
    expect(file.code).toBe(0);
    expect(file.stdout).toBe('✔ no problems found in 1 input\n');
  });

  it('usage errors and help', async () => {
    const [none, badTarget, help] = await Promise.all([
      runCli(['cron-lint']),
      runCli(['cron-lint', '--target', 'solaris', path('clean.crontab')]),
      runCli(['cron-lint', '--help']),
    ]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('give one or more crontab files');
    expect(badTarget.code).toBe(2);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Examples:');
    expect(help.stdout).toContain('crontab -l | authkit cron-lint -');
  });
});

describe('authkit cron-lint with authkit.config.json', () => {
  it('takes the target from cron.target unless --target is given', async () => {
    const project = mkdtempSync(join(tmpdir(), 'authkit-cron-config-'));
    writeFileSync(join(project, 'authkit.config.json'), JSON.stringify({ cron: { target: 'rhel' } }));
    writeFileSync(join(project, 'jobs.crontab'), 'CRON_TZ=Europe/Paris\n0 7 * * * /usr/local/bin/digest\n');
    const fromConfig = parseJson(await runCli(['cron-lint', '--json', 'jobs.crontab'], { cwd: project }));
    expect(fromConfig.target).toBe('rhel');
    expect(fromConfig.findings).toEqual([]);
    const explicit = parseJson(await runCli(['cron-lint', '--json', '--target', 'debian', 'jobs.crontab'], { cwd: project }));
    expect(explicit.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['cron/cron-tz-nonportable']);
  });
});

describe('schedule mistakes cron accepts or misreads', () => {
  it('a job whose minute starts with - is an invalid schedule naming the field and its range, not an invalid line', async () => {
    const r = await runCli(['cron-lint', '-', '--json'], { input: 'SHELL=/bin/sh\nPATH=/usr/bin:/bin\n-5 * * * * /bin/true\n' });
    const [finding] = parseJson(r).findings;
    expect(finding).toMatchObject({ ruleId: 'cron/invalid-schedule', line: 3, column: 1, severity: 'error' });
    expect(finding.message).toContain("Invalid minute field '-5': a negative value; the minute field takes 0-59");
  });

  it('a step longer than its range runs once at the start: a warning that the step has no effect', async () => {
    const r = await runCli(['cron-lint', '-', '--json'], { input: 'SHELL=/bin/sh\nPATH=/usr/bin:/bin\n10-20/15 * * * * /bin/true\n0 9 * * mon-wed/4 /bin/true\n*/60 * * * * /bin/true\n*/15 * * * * /bin/true\n' });
    const findings = parseJson(r).findings.map((f: { line: number; severity: string; message: string }) => [f.line, f.severity, f.message]);
    expect(findings).toEqual([
      [3, 'warning', "minute field '10-20/15': step 15 is longer than the range 10-20, so the job runs only at 10: the step has no effect"],
      [4, 'warning', "day of week field 'mon-wed/4': step 4 is longer than the range 1-3, so the job runs only at 1: the step has no effect"],
      [5, 'warning', "minute field '*/60': step 60 is longer than the range 0-59, so the job runs only at 0: the step has no effect"],
    ]);
    expect(r.code).toBe(0);
  });
});

describe('one finding does not hide the others on its line', () => {
  it('an unescaped % is reported, and the command as meant (the % escaped) is checked too', async () => {
    const r = await runCli(['cron-lint', '-', '--json'], { input: 'SHELL=/bin/sh\nPATH=/usr/bin:/bin\n*/5 * * * * sleep $(( RANDOM % 30 )); /usr/bin/php -f /srv/cron.php\n' });
    const rules = parseJson(r).findings.map((f: { ruleId: string; column: number; message: string }) => [f.ruleId, f.column]);
    expect(rules).toEqual(
      expect.arrayContaining([
        ['cron/bashism-under-sh', 23],
        ['cron/unescaped-percent', 30],
      ]),
    );
    expect(rules).toHaveLength(2);
  });

  it('after the user field of a system line in a user crontab, the rest of the line is still checked', async () => {
    const r = await runCli(['cron-lint', '-', '--json'], { input: 'SHELL=/bin/sh\nPATH=/usr/bin:/bin\n0 1 * * * root [[ -f /tmp/x ]] && /bin/true\n' });
    expect(parseJson(r).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['cron/user-field-in-user-crontab', 'cron/bashism-under-sh']);
  });
});
