import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseJson, runCli } from '../helpers/cli.js';

// Spawns the built CLI: run `npm run build` before `npx vitest run test/cron`.
const FIXTURES = new URL('./fixtures/yaml/', import.meta.url).pathname;
let dir: string;

interface Row {
  ruleId: string;
  line: number;
  column: number;
  message: string;
  severity: string;
}
// The reporter orders findings by severity first: compare in file order.
const table = (findings: Row[]) => findings.map((f) => [f.ruleId, f.line, f.column] as const).sort((a, b) => a[1] - b[1] || a[2] - b[2]);

beforeAll(() => {
  // A copy, so that scan walks a tree of its own.
  dir = mkdtempSync(join(tmpdir(), 'authkit-cron-yaml-'));
  cpSync(FIXTURES, dir, { recursive: true });
});

describe('cron-lint on schedules in YAML (built CLI)', () => {
  it('GitHub Actions: five POSIX fields in UTC, at most every 5 minutes, not at minute 0', async () => {
    const result = await runCli(['cron-lint', '--json', '.github/workflows/nightly.yml'], { cwd: dir });
    const report = parseJson(result);
    expect(report.files[0]).toMatchObject({ file: '.github/workflows/nightly.yml', kind: 'github-actions' });
    expect(table(report.findings)).toEqual([
      ['cron/actions-too-frequent', 5, 14],
      ['cron/actions-top-of-hour', 6, 14],
      ['cron/actions-utc', 7, 17],
      ['cron/invalid-schedule', 8, 14],
      ['cron/impossible-date', 9, 18],
    ]);
    const byRule = Object.fromEntries(report.findings.map((f: Row) => [f.ruleId, f.message]));
    expect(byRule['cron/invalid-schedule']).toBe("GitHub Actions accepts only POSIX five-field schedules: @daily is not supported (write '0 0 * * *')");
    expect(byRule['cron/actions-utc']).toContain('GitHub Actions reads schedules in UTC (09:00 UTC is 04:00 in New York in winter');
    expect(byRule['cron/impossible-date']).toBe('Day 30 never occurs in month 2: the job never runs');
    expect(result.code).toBe(1);
  });

  it('Kubernetes: every CronJob of a multi-document file, spec.timeZone, the deadline traps', async () => {
    const result = await runCli(['cron-lint', '--json', 'k8s/jobs.yaml', '--next', '1'], { cwd: dir });
    const report = parseJson(result);
    expect(report.files[0].kind).toBe('kubernetes');
    expect(report.files[0].jobs.map((j: { line: number; reading: string }) => [j.line, j.reading])).toEqual([
      [7, 'at 07:00 every day'],
      [16, 'at 00:00 on day 1 of the month or on Monday'],
      [26, 'at minute 0 of every hour'],
    ]);
    expect(report.files[0].jobs[2].next.timeZone).toBe('Europe/Paris');
    expect(table(report.findings)).toEqual([
      ['cron/k8s-time-zone', 7, 14],
      ['cron/k8s-missed-schedules', 8, 22],
      ['cron/dom-dow-or', 16, 18],
      ['cron/k8s-time-zone', 17, 13],
      ['cron/k8s-missed-schedules', 18, 28],
    ]);
    expect(report.findings.find((f: Row) => f.line === 7).message).toBe('CRON_TZ=Europe/Paris inside spec.schedule is not supported: the API server rejects the CronJob; set spec.timeZone: Europe/Paris instead');
    expect(report.findings.find((f: Row) => f.line === 8).severity).toBe('info');
  });

  it('a file that is not YAML, or holds no workflow or CronJob, is a one-line error (exit 2) and the rest is still linted', async () => {
    const result = await runCli(['cron-lint', '--json', 'broken.yml', 'settings.yaml', 'k8s/jobs.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^authkit: broken\.yml: not valid YAML \(line \d+, column \d+: .+\)$/),
      'authkit: settings.yaml: is neither a GitHub Actions workflow nor a Kubernetes CronJob manifest',
    ]);
    expect(parseJson(result).findings).toHaveLength(5);
  });

  it('a workflow nested deeper than the YAML parser can go is refused before parsing (exit 2)', async () => {
    // The issue 25 hunt: three such files aborted cron-lint on Node 20 (see src/files/yaml-nesting.ts).
    writeFileSync(join(dir, 'nested.yml'), `on:\n  schedule:\n    - cron: "0 0 * * *"\n${'a: "x"'.repeat(600)}\n`);
    const result = await runCli(['cron-lint', '--json', 'nested.yml', 'k8s/jobs.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('authkit: nested.yml: not parsed: YAML nested deeper than 500 levels');
    expect(parseJson(result).findings).toHaveLength(5);
  });

  it('scan finds workflows and CronJobs by path and content, and SARIF points at the schedule string', async () => {
    const result = await runCli(['scan', '--format', 'sarif', '.'], { cwd: dir });
    const sarif = JSON.parse(result.stdout);
    const cron = sarif.runs[0].results
      .filter((r: { ruleId: string }) => r.ruleId.startsWith('cron/'))
      .map((r: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }) => {
        const { artifactLocation, region } = r.locations[0]!.physicalLocation;
        return [artifactLocation.uri, r.ruleId, region.startLine, region.startColumn];
      });
    expect(cron).toContainEqual(['.github/workflows/nightly.yml', 'cron/actions-too-frequent', 5, 14]);
    expect(cron).toContainEqual(['k8s/jobs.yaml', 'cron/k8s-time-zone', 7, 14]);
    expect(cron.filter((c: string[]) => c[0] === 'broken.yml' || c[0] === 'settings.yaml')).toEqual([]);
  });
});
