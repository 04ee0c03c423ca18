import { describe, expect, it } from 'vitest';
import { exitCodeFor } from '../../src/findings/exit-code.js';
import type { CommandResult, Finding, RenderContext } from '../../src/findings/model.js';
import { makePainter } from '../../src/cli/color.js';
import { REPORTERS } from '../../src/reporters/index.js';
import { sarifErrors } from '../helpers/sarif.js';

const ctx: RenderContext = { color: false, paint: await makePainter(false), cwd: '/repo', quiet: false, failOn: 'error', toolVersion: '9.9.9' };
const findings: Finding[] = [
  { ruleId: 'jwt/alg-none', severity: 'error', message: 'Token is unsigned', file: 'a/b.ts', line: 3, column: 7, data: { alg: 'none' }, fingerprint: 'abc' },
  { ruleId: 'cron/missing-path', severity: 'warning', message: 'No PATH, line 2', file: 'etc/crontab', line: 2, column: 1 },
  { ruleId: 'regex/analysis-incomplete', severity: 'info', message: 'Gave up: 50% done, "quoted", comma, colon:', file: '-', line: 1, column: 1 },
];
const result: CommandResult = {
  command: 'scan',
  findings,
  errors: [],
  rules: [{ id: 'jwt/alg-none', severity: 'error', description: 'Unsigned token', help: 'RFC 8725 section 3.1', security: true }],
};

describe('exit codes', () => {
  it('is 0 when nothing reaches --fail-on, 1 when something does, 2 on unusable input', () => {
    expect(exitCodeFor({ findings: [], errors: [] }, 'error')).toBe(0);
    expect(exitCodeFor({ findings: findings.slice(1), errors: [] }, 'error')).toBe(0);
    expect(exitCodeFor({ findings: findings.slice(1), errors: [] }, 'warning')).toBe(1);
    expect(exitCodeFor({ findings: findings.slice(2), errors: [] }, 'warning')).toBe(0);
    expect(exitCodeFor({ findings: findings.slice(2), errors: [] }, 'info')).toBe(1);
    expect(exitCodeFor({ findings, errors: [] }, 'error')).toBe(1);
    expect(exitCodeFor({ findings: [], errors: [], failed: true }, 'error')).toBe(1);
    expect(exitCodeFor({ findings, errors: [{ file: 'x', message: 'missing' }] }, 'error')).toBe(2);
  });
});

describe('reporters', () => {
  it('stylish groups by file with line:col, severity, message and rule', () => {
    const out = REPORTERS.stylish(result, ctx);
    expect(out).toContain('a/b.ts\n  3:7  error  Token is unsigned  jwt/alg-none');
    expect(out).toContain('✖ 3 problems (1 error, 1 warning, 1 info)');
    expect(REPORTERS.stylish({ ...result, findings: [] }, ctx)).toContain('no problems found');
  });

  it('json is a versioned envelope with findings and a summary', () => {
    const out = JSON.parse(REPORTERS.json(result, ctx));
    expect(out.schemaVersion).toBe(1);
    expect(out.tool).toEqual({ name: 'authkit', version: '9.9.9' });
    expect(out.findings).toHaveLength(3);
    expect(out.summary).toMatchObject({ error: 1, warning: 1, info: 1, total: 3 });
  });

  it('sarif validates against the 2.1.0 schema, with rules metadata, and results: [] when clean', () => {
    const log = JSON.parse(REPORTERS.sarif(result, ctx));
    expect(sarifErrors(log)).toEqual([]);
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((r: any) => r.id)).toEqual(['jwt/alg-none', 'cron/missing-path', 'regex/analysis-incomplete']);
    expect(run.tool.driver.rules[0].properties['security-severity']).toBe('8.0');
    expect(run.results[0].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'a/b.ts', uriBaseId: '%SRCROOT%' },
      region: { startLine: 3, startColumn: 7 },
    });
    expect(run.results[2].locations).toBeUndefined();
    expect(run.automationDetails.id).toBe('authkit/scan/');
    const clean = JSON.parse(REPORTERS.sarif({ ...result, findings: [] }, ctx));
    expect(sarifErrors(clean)).toEqual([]);
    expect(clean.runs[0].results).toEqual([]);
  });

  it('sarif schema check is not vacuous', () => {
    expect(sarifErrors({ version: '2.1.0', runs: [{ results: [] }] }).length).toBeGreaterThan(0);
  });

  it('github annotations escape their properties and data', () => {
    const out = REPORTERS.github(result, ctx).split('\n');
    expect(out[0]).toBe('::error file=a/b.ts,line=3,col=7,title=jwt/alg-none::Token is unsigned');
    expect(out[2]).toBe('::notice line=1,col=1,title=regex/analysis-incomplete::Gave up: 50%25 done, "quoted", comma, colon:');
  });
});
