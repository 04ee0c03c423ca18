// Inline directives are applied once, by the findings pipeline, for every command: the same file
// gives the same suppressed findings, reasons and stale directives from its own command and from
// scan, in every format. Through the built CLI, on real files.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson, runCli } from '../helpers/cli.js';

// Built from parts so that scanning this repository does not read the fixtures below as directives.
const IGNORE = ['authkit', 'ignore'].join('-');
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const NONE_TOKEN = `${b64({ alg: 'none' })}.${b64({ sub: 'x', iat: 1_700_000_000 })}.`;

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'authkit-suppress-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const CRONTAB = [
  'SHELL=/bin/sh',
  'PATH=/usr/bin:/bin',
  `# ${IGNORE}-next-line cron/relative-binary -- ./backup is shipped beside the crontab`,
  '0 1 * * * root ./backup',
  `# ${IGNORE}-next-line cron/dom-dow-or -- stale: nothing to silence here`,
  '0 3 * * * root /bin/true',
  `# ${IGNORE}-next-line regex/redos-exponential -- another domain's rule: not cron-lint's to judge`,
  '0 4 * * * root /bin/true',
  '',
].join('\n');

const SOURCE = [
  `// ${IGNORE}-next-line regex/redos-exponential -- input capped at 20 characters upstream`,
  'export const re = /^(a+)+$/;',
  `// ${IGNORE}-next-line session/token-in-web-storage -- stale`,
  'export const x = 1;',
  '',
].join('\n');

const located = (findings: { ruleId: string; line: number }[]) => findings.map((f) => `${f.line} ${f.ruleId}`).sort();

describe('inline directives, applied by the pipeline', () => {
  it('cron-lint: suppressed findings keep their reason (JSON, SARIF, summary); stale ones are reported once', async () => {
    const dir = folder({ crontab: CRONTAB });
    const json = parseJson(await runCli(['cron-lint', 'crontab', '--system', '--json'], { cwd: dir }));
    expect(located(json.suppressed)).toEqual(['4 cron/relative-binary']);
    expect(json.suppressed[0].suppression).toEqual({ line: 3, column: 3, reason: './backup is shipped beside the crontab' });
    expect(located(json.findings.filter((f: { ruleId: string }) => f.ruleId === 'meta/unused-suppression'))).toEqual(['5 meta/unused-suppression']);
    expect(json.summary.suppressed).toBe(1);

    const sarif = JSON.parse((await runCli(['cron-lint', 'crontab', '--system', '--format', 'sarif'], { cwd: dir })).stdout);
    const silenced = sarif.runs[0].results.filter((r: { suppressions?: unknown }) => r.suppressions);
    expect(silenced.map((r: { ruleId: string }) => r.ruleId)).toEqual(['cron/relative-binary']);
    expect(silenced[0].suppressions).toEqual([{ kind: 'inSource', justification: './backup is shipped beside the crontab' }]);

    const stylish = await runCli(['cron-lint', 'crontab', '--system'], { cwd: dir });
    expect(stylish.stdout).toContain('1 suppressed inline');
    expect(stylish.stdout).not.toContain('./backup is a relative');
  });

  it('scan reports the same suppressed and stale directives as each domain\'s own command', async () => {
    const dir = folder({ crontab: CRONTAB, 'app.js': SOURCE });
    const scan = parseJson(await runCli(['scan', '.', '--json'], { cwd: dir }));
    const cron = parseJson(await runCli(['cron-lint', 'crontab', '--json'], { cwd: dir }));
    const regex = parseJson(await runCli(['regex-audit', 'app.js', '--json'], { cwd: dir }));
    const session = parseJson(await runCli(['session-audit', 'app.js', '--json'], { cwd: dir }));
    const of = (report: { suppressed?: { file: string; ruleId: string; line: number }[] }, file: string) => located((report.suppressed ?? []).filter((f) => f.file === file));
    const stale = (report: { findings: { file: string; ruleId: string; line: number }[] }, file: string) =>
      located(report.findings.filter((f) => f.file === file && f.ruleId === 'meta/unused-suppression'));
    expect(of(scan, 'crontab')).toEqual(of(cron, 'crontab'));
    expect(of(scan, 'app.js')).toEqual(['2 regex/redos-exponential']);
    expect(of(regex, 'app.js')).toEqual(['2 regex/redos-exponential']);
    expect(stale(scan, 'crontab')).toEqual(stale(cron, 'crontab'));
    // The session directive is stale for session-audit and for scan; regex-audit does not judge it.
    expect(stale(session, 'app.js')).toEqual(['3 meta/unused-suppression']);
    expect(stale(scan, 'app.js')).toEqual(['3 meta/unused-suppression']);
    expect(stale(regex, 'app.js')).toEqual([]);
    // The verdict block of regex-audit is drawn after the pipeline: nothing about a silenced pattern.
    const text = await runCli(['regex-audit', 'app.js'], { cwd: dir });
    expect(text.stdout).not.toContain('exponential backtracking');
    expect(text.stdout).toContain('1 suppressed inline');
  });

  it('a directive naming a rule id nobody declared is stale, with the reason', async () => {
    const dir = folder({ crontab: `# ${IGNORE}-next-line cron/relative-binnary\n0 1 * * * /bin/true\n` });
    const json = parseJson(await runCli(['cron-lint', 'crontab', '--user', '--json'], { cwd: dir }));
    const stale = json.findings.find((f: { ruleId: string }) => f.ruleId === 'meta/unused-suppression');
    expect(stale.message).toContain('cron/relative-binnary is not a rule id');
  });

  it('decode: directives in a file silence a token\'s findings; text is drawn from what is left', async () => {
    const dir = folder({ 'tokens.txt': `# ${IGNORE}-next-line jwt/alg-none -- a test fixture\n${NONE_TOKEN}\n` });
    const json = parseJson(await runCli(['decode', '--file', 'tokens.txt', '--json'], { cwd: dir }));
    expect(located(json.suppressed)).toEqual(['2 jwt/alg-none']);
    expect(json.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('jwt/missing-exp');

    // Every rule of the token turned off in the config: the block says so instead of ending mid-air.
    const off = folder({ 'authkit.config.json': JSON.stringify({ rules: { 'jwt/alg-none': 'off', 'jwt/missing-exp': 'off' } }) });
    const stylish = await runCli(['decode', NONE_TOKEN], { cwd: off });
    expect(stylish.code).toBe(0);
    expect(stylish.stdout).toContain('No risk findings');
  });

  it('baseline records what scan reports: suppressed findings are not recorded', async () => {
    const dir = folder({ crontab: CRONTAB });
    const written = parseJson(await runCli(['baseline', '.', '-o', 'base.json', '--json'], { cwd: dir }));
    const scan = parseJson(await runCli(['scan', '.', '--json'], { cwd: dir }));
    expect(written.baseline.recorded).toBe(scan.findings.length);
    const again = parseJson(await runCli(['scan', '.', '--baseline', 'base.json', '--json'], { cwd: dir }));
    expect(again.findings).toEqual([]);
  });
});
