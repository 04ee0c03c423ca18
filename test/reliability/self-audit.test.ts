import { describe, expect, it } from 'vitest';
import { ROOT, parseJson } from '../helpers/cli.js';
import { expectNoStackTrace, run } from './support.js';

// The project's own regexes pass its own audit (issue 7). `.ci/run` also runs
// `authkit scan src --fail-on info` after `npm test`, which adds tokens and suppressions.
describe("authkit's own source", () => {
  it('regex-audit src finds nothing (exit 0)', async () => {
    const r = await run(['regex-audit', 'src', '--json'], { cwd: ROOT, timeoutMs: 300_000 });
    expectNoStackTrace(r);
    const report = parseJson(r);
    expect(report.findings.map((f: { file: string; line: number; ruleId: string; message: string }) => `${f.file}:${f.line} ${f.ruleId} ${f.message}`)).toEqual([]);
    expect(report.errors).toEqual([]);
    expect(report.stats.regexes).toBeGreaterThan(100);
    expect(r.code).toBe(0);
  }, 300_000);
});
