import { describe, expect, it } from 'vitest';
import { isCrontabPath, isSystemCrontabPath, looksLikeCrontab } from '../../src/cron/detect.js';
import { analyzeCrontab, lintCrontab } from '../../src/cron/lint.js';

type Case = [name: string, text: string, options: { kind?: 'system' | 'user'; target?: string; file?: string; trustedCommands?: string[] }, expected: [rule: string, line: number, column: number][]];

// Each case lists every finding of the rules it is about (exact line and column); other rules are ignored.
const CASES: Case[] = [
  ['missing-shell at line 1, bashism at the construct', '# x\n0 3 * * * [[ -f /srv/f ]] && /srv/run\n', {}, [['cron/missing-shell', 1, 1], ['cron/bashism-under-sh', 2, 11]]],
  ['SHELL=/bin/bash silences both', 'SHELL=/bin/bash\n0 3 * * * [[ -f /srv/f ]] && /srv/run\n', {}, []],
  ['SHELL set after the job does not count', '0 3 * * * [[ -f /srv/f ]]\nSHELL=/bin/bash\n', {}, [['cron/missing-shell', 1, 1], ['cron/bashism-under-sh', 1, 11]]],
  ['&> read as a bashism, not as background + truncation', '0 3 * * * /srv/run &> /tmp/log\n', {}, [['cron/bashism-under-sh', 1, 20], ['cron/missing-shell', 1, 1]]],
  ['--target rhel softens bashisms to warnings (checked below), still reports', '0 3 * * * source /srv/env\n', { target: 'rhel' }, [['cron/bashism-under-sh', 1, 11], ['cron/missing-shell', 1, 1]]],
  ['missing-path once, relative-binary per call', '*/5 * * * * node /srv/w.js\n0 1 * * * npx prisma migrate\n', {}, [['cron/missing-path', 1, 1], ['cron/relative-binary', 1, 13], ['cron/relative-binary', 2, 11]]],
  ['PATH set: bare names trusted', 'PATH=/usr/local/bin:/usr/bin:/bin\n*/5 * * * * composer -d /srv install\n', {}, []],
  ["PATH of system directories: a version manager's node is still not found", 'PATH=/usr/local/bin:/usr/bin:/bin\n*/5 * * * * node /srv/w.js\n', {}, [['cron/relative-binary', 2, 13]]],
  ["PATH with nvm's directory finds node", 'PATH=/home/u/.nvm/versions/node/v20.11.1/bin:/usr/bin:/bin\n*/5 * * * * node /srv/w.js\n', {}, []],
  ['trusted commands pass without PATH', '0 1 * * * php /srv/cron.php\n', { trustedCommands: ['php'] }, []],
  ['a function defined in the command is not looked up', '0 1 * * * f() { /bin/true; }; f\n', {}, []],
  ['PATH assigned in the command', '*/5 * * * * PATH=/opt/node/bin:/usr/bin node /srv/w.js\n', {}, []],
  ['profile sourced in the command', '*/5 * * * * . /etc/profile; node /srv/w.js\n', {}, []],
  ['wrappers are looked through', '0 1 * * * flock -n /tmp/l timeout -s KILL 30 nice -n 5 node /x.js\n', {}, [['cron/relative-binary', 1, 56], ['cron/missing-path', 1, 1]]],
  ['sbin tools: missing on Debian, found by cronie', '0 1 * * * logrotate /etc/lr.conf\n', { target: 'rhel' }, []],
  ['sbin tools on Debian', '0 1 * * * logrotate /etc/lr.conf\n', { target: 'debian' }, [['cron/relative-binary', 1, 11], ['cron/missing-path', 1, 1]]],
  ['cwd-relative command', '0 1 * * * bin/run --now\n', {}, [['cron/relative-binary', 1, 11]]],
  ['cwd-relative after cd is fine', '0 1 * * * cd /srv && bin/run --now\n', {}, []],
  ['builtins are not looked up', '0 1 * * * cd /srv && test -f x && echo ok > /tmp/o\n', {}, []],
  ['missing-home on ~ in a system crontab', '0 4 * * * root ~/bin/backup\n', { kind: 'system' }, [['cron/missing-home', 1, 16]]],
  ['missing-home on a relative redirect', '0 4 * * * root /usr/bin/report > out/r.txt\n', { kind: 'system' }, [['cron/missing-home', 1, 34]]],
  ['no missing-home in user crontabs', '0 4 * * * ~/bin/backup > out.txt\n', {}, []],
  ['HOME set', 'HOME=/srv\n0 4 * * * root ~/bin/backup\n', { kind: 'system' }, []],
  ['unescaped percent column', '0 0 * * * /bin/date +%F > /tmp/d\n', {}, [['cron/unescaped-percent', 1, 22]]],
  ['odd backslashes escape, even do not', '0 0 * * * /bin/date +\\%F\n0 0 * * * /bin/date +\\\\%F\n', {}, [['cron/unescaped-percent', 2, 24]]],
  ['quotes do not protect %', "0 0 * * * /bin/date '+%F'\n", {}, [['cron/unescaped-percent', 1, 23]]],
  ['invalid-schedule column inside the field', '0 1,2,99 * * * /bin/true\n', {}, [['cron/invalid-schedule', 1, 7]]],
  ['four time fields', '0 1 * * /bin/true\n', {}, [['cron/invalid-schedule', 1, 9]]],
  ['six time fields', '0 0 1 * * * /bin/true\n', {}, [['cron/invalid-schedule', 1, 11]]],
  ['missing user field', '0 1 * * * /bin/true\n', { kind: 'system' }, [['cron/missing-user-field', 1, 11]]],
  ['unknown user once per file', '0 1 * * * deploy /bin/true\n0 2 * * * deploy /bin/true\n', { kind: 'system' }, [['cron/unknown-user-not-checked', 1, 11]]],
  ['no trailing newline at the end of the last line', '0 1 * * * /bin/true', {}, [['cron/no-trailing-newline', 1, 20]]],
  ['CRLF once, at the first CR', '# a\n0 1 * * * /bin/true\r\n0 2 * * * /bin/true\r\n', {}, [['cron/crlf-line-endings', 2, 20]]],
  ['dotted cron.d name', '0 1 * * * root /bin/true\n', { file: 'etc/cron.d/my.job' }, [['cron/cron-d-filename', 1, 1]]],
  ['dom-dow-or at the day-of-month field', '0 9 1-7 * mon /bin/true\n', {}, [['cron/dom-dow-or', 1, 5]]],
  ['dom-dow-star-step at the star field', '0 9 1 * */2 /bin/true\n', {}, [['cron/dom-dow-star-step', 1, 9]]],
  ['output-not-redirected', 'MAILTO=""\n0 1 * * * /srv/job\n0 2 * * * /srv/job | /usr/bin/logger\n', {}, [['cron/output-not-redirected', 2, 11]]],
  ['every-minute-in-hour', '* 4 * * * /bin/true\n', {}, [['cron/every-minute-in-hour', 1, 1]]],
  ['impossible-date', '0 0 30 2 * /bin/true\n0 0 29 2 * /bin/true\n', {}, [['cron/impossible-date', 1, 5]]],
  ['impossible day but a weekday is ORed in', '0 0 31 2 mon /bin/true\n', {}, [['cron/dom-dow-or', 1, 5]]],
  ['nonportable ~ under any, fine under rhel', '5~10 * * * * /bin/true\n', {}, [['cron/nonportable-schedule', 1, 1]]],
  ['~ is a syntax error for Debian', '5~10 * * * * /bin/true\n', { target: 'debian' }, [['cron/invalid-schedule', 1, 1]]],
  ['wrapping day-of-week range', '0 9 * * fri-sun /bin/true\n', {}, [['cron/nonportable-schedule', 1, 9]]],
  ['env-var-expansion column', 'PATH=/opt/bin:$PATH\n', {}, [['cron/env-var-expansion', 1, 15]]],
  ['env-empty-value', 'MAILTO=\nFOO=""\n', {}, [['cron/env-empty-value', 1, 1]]],
  ['env-inline-comment column', 'MAILTO=a@b.c  # team\n', {}, [['cron/env-inline-comment', 1, 15]]],
  ['quoted value keeps its #', 'MAILTO="a@b.c # team"\n', {}, []],
  ['invalid line', 'hello world\n', {}, [['cron/invalid-line', 1, 1]]],
  ['shell syntax error', '0 1 * * * /bin/echo "open\n', {}, [['cron/invalid-line', 1, 21]]],
  ['user field in a user crontab', '0 1 * * * root /bin/true\n', {}, [['cron/user-field-in-user-crontab', 1, 11]]],
  ['CRON_TZ under Debian', 'CRON_TZ=UTC\n', { target: 'debian' }, [['cron/cron-tz-nonportable', 1, 1]]],
  ['CRON_TZ under cronie', 'CRON_TZ=UTC\n', { target: 'rhel' }, []],
  ['unescaped-percent not for BusyBox, which passes % to the shell', '0 0 * * * /bin/date +%F > /tmp/d\n', { target: 'busybox' }, []],
  ['no-trailing-newline not for BusyBox', '0 1 * * * /bin/true', { target: 'busybox' }, []],
  ['relative-binary despite PATH= under BusyBox, which ignores it', 'PATH=/usr/local/bin:/usr/bin:/bin\n0 1 * * * node /x.js\n', { target: 'busybox' }, [['cron/relative-binary', 2, 11], ['cron/missing-path', 1, 1]]],
  ['env line with = in a command is still a job', '0 1 * * * FOO=bar /bin/true\n', {}, []],
];

describe('lintCrontab per rule (exact positions)', () => {
  for (const [name, text, options, expected] of CASES) {
    it(name, () => {
      const rules = new Set(expected.map(([rule]) => rule));
      const ruleOfName = /^(\S+?)[ ,]/.exec(name)?.[1];
      const findings = lintCrontab(options.file ?? 'crontab', text, { kind: options.kind, target: options.target, trustedCommands: options.trustedCommands });
      const watched = findings.filter((f) => rules.has(f.ruleId) || (ruleOfName && f.ruleId === `cron/${ruleOfName}`) || expected.length === 0);
      const shown = watched.map((f) => [f.ruleId, f.line, f.column]);
      expect(shown.sort()).toEqual([...expected].sort());
    });
  }

  it('softens bashisms to warnings for --target rhel, where /bin/sh is bash', () => {
    const [rhel] = lintCrontab('crontab', '0 3 * * * source /srv/env\n', { target: 'rhel' }).filter((f) => f.ruleId === 'cron/bashism-under-sh');
    const [debian] = lintCrontab('crontab', '0 3 * * * source /srv/env\n', { target: 'debian' }).filter((f) => f.ruleId === 'cron/bashism-under-sh');
    expect(rhel!.severity).toBe('warning');
    expect(debian!.severity).toBe('error');
    expect(debian!.data).toMatchObject({ shellcheck: 'SC3046' });
  });

  it('maps columns through escaped percents and multi-byte text', () => {
    const text = '0 1 * * * /bin/echo "é \\% ü" && ./run\n';
    const [f] = lintCrontab('crontab', text).filter((x) => x.ruleId === 'cron/relative-binary');
    expect(text.split('\n')[0]!.slice(f!.column - 1, f!.column + 4)).toBe('./run');
  });

  it('keeps the environment in effect per job', () => {
    const a = analyzeCrontab('crontab', 'A=1\n0 1 * * * /bin/true\nA="2"\n0 2 * * * /bin/true\n');
    expect(a.parsed.jobs.map((j) => j.env.get('A')?.value)).toEqual(['1', '2']);
  });

  it('reads schedules in plain English', () => {
    const a = analyzeCrontab('crontab', '*/10 * * * * /x\n30 2 * * 1-5 /x\n0 0 1 1 * /x\n@reboot /x\n0 9 1 * 1 /x\n');
    expect(a.jobs.map((j) => j.reading)).toEqual([
      'every 10 minutes',
      'at 02:30 on Monday through Friday',
      'at 00:00 on day 1 of the month in January',
      'once, when cron starts (at boot)',
      'at 09:00 on day 1 of the month or on Monday',
    ]);
  });
});

describe('paths and content detection for authkit scan', () => {
  it('tells system from user crontabs by path', () => {
    expect(isSystemCrontabPath('/etc/crontab')).toBe(true);
    expect(isSystemCrontabPath('rootfs/etc/crontab')).toBe(true);
    expect(isSystemCrontabPath('deploy/cron.d/backup')).toBe(true);
    expect(isSystemCrontabPath('crontab')).toBe(false);
    expect(isSystemCrontabPath('etc/crontabs/root')).toBe(false);
  });

  it('names crontab files', () => {
    for (const p of ['crontab', 'ops/crontab', 'jobs.cron', 'x/jobs.crontab', 'etc/cron.d/php', 'a/cron.d/b.txt']) expect(isCrontabPath(p), p).toBe(true);
    for (const p of ['crontab.md', 'cron.js', 'src/cron/lint.ts', 'cron.d', 'README']) expect(isCrontabPath(p), p).toBe(false);
  });

  it('recognises crontab content conservatively', () => {
    expect(looksLikeCrontab('MAILTO=x\n# jobs\n*/5 * * * * /x\n@daily /y\n')).toBe(true);
    expect(looksLikeCrontab('0 1 * * * /x\n')).toBe(false); // one line is not enough
    expect(looksLikeCrontab('*/5 * * * * /x\n0 1 * * * /y\nconst a = 1;\n')).toBe(false);
    expect(looksLikeCrontab('1 2 3 4 5 6\n7 8 9 10 11 12\n')).toBe(false); // numbers, not schedules
    expect(looksLikeCrontab('# title\n\nSome prose.\n')).toBe(false);
    expect(looksLikeCrontab('')).toBe(false);
  });
});

describe('plain-English readings of steps', () => {
  it('names day steps', () => {
    const a = analyzeCrontab('crontab', '0 0 */2 * * /x\n0 0 */3 * 1 /x\n0 */6 * * * /x\n');
    expect(a.jobs.map((j) => j.reading)).toEqual([
      'at 00:00 on every 2nd day of the month',
      'at 00:00 on every 3rd day of the month if it is also Monday',
      'at 00:00, 06:00, 12:00 and 18:00 every day',
    ]);
  });
});

describe('hostile sizes', () => {
  it('hands at most MAX_PARSED_CHARACTERS of complex commands to mvdan-sh per file and says how many it skipped', async () => {
    const { MAX_PARSED_CHARACTERS } = await import('../../src/cron/lint.js');
    const command = (i: number) => `/bin/echo $(/bin/date) ${String(i).padStart(60, '0')} > /tmp/out`;
    const fitting = Math.floor(MAX_PARSED_CHARACTERS / command(0).length);
    const lines = Array.from({ length: fitting + 5 }, (_, i) => `0 1 * * * ${command(i)}`);
    const analysis = analyzeCrontab('crontab', `${lines.join('\n')}\n`);
    expect(analysis.shellSkipped).toBe(5);
    expect(analysis.jobs).toHaveLength(fitting + 5);
    // Plain commands take the scanner and never count against the budget.
    const plain = Array.from({ length: 2000 }, (_, i) => `0 1 * * * /bin/echo ${i} > /tmp/out`);
    expect(analyzeCrontab('crontab', `${plain.join('\n')}\n`).shellSkipped).toBe(0);
  });

  it('stays fast on a 1 MB command line', () => {
    const analysis = analyzeCrontab('crontab', `0 1 * * * /bin/echo $(date) ${'w '.repeat(500_000)}\n`);
    expect(analysis.shellSkipped).toBe(1);
  });
});
