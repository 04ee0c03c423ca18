import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixCrontab, unifiedDiff } from '../../src/cron/fix.js';
import { analyzeCrontab, lintCrontab } from '../../src/cron/lint.js';
import { nextRuns } from '../../src/cron/next.js';

function fix(text: string, options: { kind?: 'system' | 'user'; target?: string } = {}) {
  return fixCrontab(text, analyzeCrontab('crontab', text, options));
}

describe('--fix', () => {
  it('escapes % formats, strips CR, adds headers and the final newline', () => {
    const text = '# jobs\r\n0 0 * * * tar czf /b/$(date +%F).tgz /w\r\n0 1 * * * [[ -f /f ]] && composer -d /x install';
    const result = fix(text);
    expect(result.text).toBe(
      '# jobs\nSHELL=/bin/bash\nPATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n0 0 * * * tar czf /b/$(date +\\%F).tgz /w\n0 1 * * * [[ -f /f ]] && composer -d /x install\n',
    );
    expect(result.applied).toEqual(['stripped CR from 2 lines', 'escaped % on line 2', 'added SHELL= and PATH=', 'added the final newline']);
    const after = lintCrontab('crontab', result.text).map((f) => f.ruleId);
    for (const rule of ['cron/unescaped-percent', 'cron/crlf-line-endings', 'cron/no-trailing-newline', 'cron/missing-shell', 'cron/missing-path', 'cron/bashism-under-sh', 'cron/relative-binary']) {
      expect(after).not.toContain(rule);
    }
  });

  it("does not pretend a PATH line finds a version manager's node: it says to write the absolute path", () => {
    const result = fix('0 1 * * * node /x.js\n');
    expect(result.changed).toBe(false);
    expect(result.advice).toEqual([expect.stringMatching(/^node \(line 1\) comes from a version manager, which no PATH line finds: write the installed version's absolute path/)]);
    const mixed = fix('0 1 * * * node /x.js\n0 2 * * * wp cron event run --due-now\n');
    expect(mixed.applied).toEqual(['added PATH=']);
    expect(lintCrontab('crontab', mixed.text).map((f) => [f.ruleId, f.line])).toEqual([['cron/relative-binary', 2]]);
  });

  it('leaves a % that feeds stdin alone', () => {
    const text = '0 5 * * * /usr/bin/mail -s daily ops%Report attached%\n';
    expect(fix(text).changed).toBe(false);
  });

  it('is idempotent', () => {
    const once = fix('0 0 * * * /bin/date +%F\r\n').text;
    expect(fix(once).changed).toBe(false);
  });

  it('finds each line to escape in one pass over the jobs, not one search per line', () => {
    // The hunt for issue 25 found a search of every job per fixable line: 64,000 jobs of
    // `date +%F` took 8 s. 2,000 lines stay fast either way; the count of job reads tells.
    const text = '0 0 * * * date +%F\n'.repeat(2000);
    const analysis = analyzeCrontab('crontab', text);
    let reads = 0;
    const counted = analysis.parsed.jobs.map((job) => ({
      command: job.command,
      get line() {
        reads++;
        return job.line;
      },
    }));
    const result = fixCrontab(text, { ...analysis, parsed: { ...analysis.parsed, jobs: counted as unknown as typeof analysis.parsed.jobs } });
    expect(result.text).toBe('0 0 * * * date +\\%F\n'.repeat(2000));
    expect(reads).toBeLessThanOrEqual(2000);
    // Its message names the first lines only: every one of 64,000 made a 400 KB line.
    expect(result.applied).toContain('escaped % on 2000 lines, lines 1, 2, 3, 4, 5, ...');
  });

  it('prints a unified diff with context and the no-newline marker', () => {
    const diff = unifiedDiff('a\nb\nc\nd\ne\nf\ng\nh', 'a\nb\nc\nd\ne\nf\ng\nh\n', 'a/x', 'b/x');
    expect(diff).toBe('--- a/x\n+++ b/x\n@@ -5,4 +5,4 @@\n e\n f\n g\n-h\n\\ No newline at end of file\n+h\n');
    const insert = unifiedDiff('# c\n0 1 * * * x\n', '# c\nSHELL=/bin/bash\n0 1 * * * x\n', 'a/x', 'b/x');
    expect(insert).toBe('--- a/x\n+++ b/x\n@@ -1,2 +1,3 @@\n # c\n+SHELL=/bin/bash\n 0 1 * * * x\n');
    expect(unifiedDiff('same\n', 'same\n', 'a', 'b')).toBe('');
  });
});

describe('--next', () => {
  const from = new Date('2026-03-02T10:00:00Z'); // a Monday
  const job = (schedule: string, extra: Record<string, unknown> = {}) => ({ ...analyzeCrontab('crontab', `${schedule} /x\n`).jobs[0]!, ...extra });

  it('lists the next runs in the given zone', () => {
    expect(nextRuns(job('30 9 * * 1-5'), 3, from, 'UTC')!.local).toEqual(['2026-03-03 09:30', '2026-03-04 09:30', '2026-03-05 09:30']);
    expect(nextRuns(job('@hourly'), 2, from, 'UTC')!.runs).toEqual(['2026-03-02T11:00:00.000Z', '2026-03-02T12:00:00.000Z']);
  });

  it('honours CRON_TZ when the target does', () => {
    const analysis = analyzeCrontab('crontab', 'CRON_TZ=Europe/Paris\n0 9 * * * /x\n', { target: 'rhel' });
    const runs = nextRuns(analysis.jobs[0]!, 1, from, 'UTC')!;
    expect(runs.timeZone).toBe('Europe/Paris');
    expect(runs.runs).toEqual(['2026-03-03T08:00:00.000Z']);
    const debian = analyzeCrontab('crontab', 'CRON_TZ=Europe/Paris\n0 9 * * * /x\n', { target: 'debian' });
    expect(nextRuns(debian.jobs[0]!, 1, from, 'UTC')!.runs).toEqual(['2026-03-03T09:00:00.000Z']);
  });

  it('ANDs the day fields when one starts with * as vixie cron does', () => {
    // */2 is days 1,3,5...; Mondays in March 2026 are 2, 9, 16, 23, 30: only 9 and 23 are odd.
    expect(nextRuns(job('0 0 */2 * 1'), 2, new Date('2026-03-01T00:00:00Z'), 'UTC')!.local).toEqual(['2026-03-09 00:00', '2026-03-23 00:00']);
  });

  it('has no runs for @reboot, impossible dates or invalid schedules', () => {
    expect(nextRuns(job('@reboot'), 3, from, 'UTC')).toBeNull();
    expect(nextRuns(job('0 0 31 2 *'), 3, from, 'UTC')?.runs ?? []).toEqual([]);
    expect(nextRuns(job('0 0 ? * *'), 3, from, 'UTC')).toBeNull();
  });
});

describe('crontab parsing never throws', () => {
  const pieces = ['0', '*', '*/5', '1-5', '@daily', '@reboot', 'root', 'PATH=', '$PATH', '%', '\\%', '"', "'", '[[', ']]', '&>', '<<<', '$(', ')', '`', '{1..3}', '~', '#', '\r', '\t', ' ', '\n', '=', 'é', '\u0000', ';', '|', '&&', 'x'.repeat(300)];
  it('on random lines built from crontab and shell tokens', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), fc.constantFrom('system', 'user'), fc.constantFrom('debian', 'rhel', 'busybox', 'any'), (parts, kind, target) => {
        const text = parts.join('');
        const analysis = analyzeCrontab('etc/cron.d/x', text, { kind: kind as 'system' | 'user', target });
        for (const f of analysis.findings) {
          expect(f.line).toBeGreaterThanOrEqual(1);
          expect(f.column).toBeGreaterThanOrEqual(1);
          expect(f.message).not.toMatch(/\.$/);
        }
        fixCrontab(text, analysis);
      }),
      { numRuns: 300 },
    );
  });

  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        lintCrontab('crontab', text);
      }),
      { numRuns: 300 },
    );
  });
});
