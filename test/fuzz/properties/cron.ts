import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixCrontab, unifiedDiff } from '../../../src/cron/fix.js';
import { looksLikeCrontab } from '../../../src/cron/detect.js';
import { analyzeCrontab } from '../../../src/cron/lint.js';
import { nextRuns } from '../../../src/cron/next.js';
import { parseField, FIELDS } from '../../../src/cron/schedule.js';
import { analyzeCommand } from '../../../src/cron/shell.js';
import { TARGET_NAMES } from '../../../src/cron/targets.js';
import { anyText, corpusFiles, fuzzParameters, hostile, mutated, nastyChar, withinBudget } from '../support.js';

const CORPUS = corpusFiles('test/cron/corpus', (name) => !name.endsWith('.md') && !name.endsWith('.json'));
const CORPUS_TEXTS = CORPUS.map((f) => f.text);
// Whole files are costly (mvdan-sh reads each complex command in a few ms); most cases mutate a
// window of a few real lines, so that the long run reaches 100,000 cases in reasonable time.
const CORPUS_WINDOWS = CORPUS_TEXTS.flatMap((text) => {
  const lines = text.split('\n');
  const windows: string[] = [];
  for (let i = 0; i < lines.length; i += 3) windows.push(`${lines.slice(i, i + 4).join('\n')}\n`);
  return windows;
});
const NAMES = ['crontab', 'etc/crontab', 'etc/cron.d/job', 'jobs.cron', '-'];

const timeField = fc.oneof(
  fc.constantFrom('*', '*/5', '0', '59', '1-5', 'mon-fri', 'jan', '*/0', '0-', '-1', '1,2,,3', '7', '60', '32', 'L', 'W', '?', '#', '99999999999999999999', '1-5/2', '*/*'),
  fc.string({ unit: fc.constantFrom(...'0123456789*/-,abcdefghijklmnopqrstuvwxyz?#LW'.split('')), maxLength: 12 }),
);
const command = fc.oneof(
  fc.constantFrom('/usr/bin/true', 'cd /srv && ./run.sh >/dev/null 2>&1', 'date +%Y-%m-%d', 'echo $((1+2)) | tee -a log', 'bash -lc "x"', '[[ -f x ]] && y', 'sudo -u www-data php artisan schedule:run'),
  anyText(200),
  fc.integer({ min: 1_000, max: 20_000 }).map((n) => `echo ${'a'.repeat(n)} | "${'b'.repeat(n)}`),
  fc.integer({ min: 100, max: 5_000 }).map((n) => `${'$('.repeat(n)}x${')'.repeat(n)}`),
);
const line = fc.oneof(
  fc.tuple(fc.array(timeField, { minLength: 0, maxLength: 7 }), command).map(([fields, cmd]) => `${fields.join(' ')} ${cmd}`),
  fc.tuple(fc.constantFrom('@reboot', '@daily', '@hourly', '@yearly', '@every', '@'), command).map(([k, cmd]) => `${k} ${cmd}`),
  fc.tuple(fc.constantFrom('SHELL', 'PATH', 'MAILTO', 'CRON_TZ', 'TZ', 'HOME', '1X', ''), anyText(60)).map(([k, v]) => `${k}=${v}`),
  fc.constantFrom('# authkit-ignore-next-line cron/every-minute -- ok', '* * * * * root x # authkit-ignore', ''),
  anyText(120),
);
const lineEnd = fc.constantFrom('\n', '\r\n', '\r', '\0', '');
const randomCrontab = fc.array(fc.tuple(line, lineEnd), { maxLength: 8 }).map((lines) => lines.map(([l, e]) => l + e).join(''));
const crontab = fc.oneof(
  { weight: 8, arbitrary: hostile(CORPUS_WINDOWS) },
  { weight: 4, arbitrary: randomCrontab },
  { weight: 1, arbitrary: mutated(CORPUS_TEXTS) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...CORPUS_WINDOWS), fc.integer({ min: 10_000, max: 300_000 })).map(([t, n]) => `${t}\n# ${'x'.repeat(n)}\n* * * * * /bin/${'y'.repeat(n / 10)}\n`) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...CORPUS_WINDOWS), nastyChar).map(([t, c]) => t.split('\n').join(`${c}\n`)) },
);

export function defineCronFuzz(numRuns: number, timeoutMs: number): void {
  const params = fuzzParameters(numRuns);
  describe(`crontab parsing under hostile input (${numRuns} cases each)`, () => {
    it(`the corpus has crontabs to mutate (${CORPUS.length} files)`, () => {
      expect(CORPUS.length).toBeGreaterThan(20);
    });

    it('analyzeCrontab returns findings for any text, every target, and --fix and --next keep working', () => {
      fc.assert(
        fc.property(crontab, fc.constantFrom(...NAMES), fc.constantFrom(...TARGET_NAMES), (text, file, target) => {
          const analysis = withinBudget('analyzeCrontab', () => analyzeCrontab(file, text, { target }));
          for (const f of analysis.findings) {
            expect(f.line).toBeGreaterThanOrEqual(1);
            expect(f.column).toBeGreaterThanOrEqual(1);
            expect(f.message).not.toContain('\n');
          }
          const fixed = withinBudget('fixCrontab', () => fixCrontab(text, analysis));
          withinBudget('unifiedDiff', () => unifiedDiff(text, fixed.text, 'a', 'b'));
          for (const job of analysis.jobs.slice(0, 3)) withinBudget('nextRuns', () => nextRuns(job, 3, new Date(Date.UTC(2026, 0, 1)), 'UTC'));
          withinBudget('looksLikeCrontab', () => looksLikeCrontab(text));
        }),
        params,
      );
    }, timeoutMs);

    it('schedule fields and shell commands parse without throwing', () => {
      fc.assert(
        fc.property(timeField, fc.nat(FIELDS.length - 1), command, (field, index, cmd) => {
          withinBudget('parseField', () => parseField(field, FIELDS[index]!));
          withinBudget('analyzeCommand', () => analyzeCommand(cmd));
        }),
        params,
      );
    }, timeoutMs);
  });
}
