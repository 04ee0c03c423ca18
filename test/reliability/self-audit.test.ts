import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, parseJson } from '../helpers/cli.js';
import { makeToken } from '../jwt/helpers.js';
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

describe('suppressions across domains', () => {
  it("a suppression naming another domain's rule is not called stale by regex-audit, cron-lint or decode", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'authkit-suppress-'));
    try {
      writeFileSync(join(dir, 'a.js'), '// authkit-ignore-next-line jwt/token-in-source -- fixture\nconst re = /^a$/;\n// authkit-ignore-next-line regex/redos-polynomial -- stale\nconst b = 1;\n');
      writeFileSync(join(dir, 'tok.txt'), `# authkit-ignore-next-line regex/redos-polynomial -- another domain's\nAuthorization: Bearer ${makeToken({ alg: 'HS256' }, { sub: '1' }, 'k')}\n`);
      writeFileSync(join(dir, 'jobs.crontab'), '# authkit-ignore-next-line jwt/token-in-source -- fixture\n0 * * * * /usr/bin/true\n');
      const [regex, cron, decode] = await Promise.all([
        run(['regex-audit', 'a.js', '--json', '--no-cache'], { cwd: dir }),
        run(['cron-lint', 'jobs.crontab', '--json'], { cwd: dir }),
        run(['decode', '--file', 'tok.txt', '--json', '--weak-secret-limit', '0'], { cwd: dir }),
      ]);
      const stale = (r: { stdout: string }) => parseJson(r as never).findings.filter((f: { ruleId: string }) => f.ruleId === 'meta/unused-suppression').map((f: { line: number }) => f.line);
      expect(stale(regex)).toEqual([3]); // its own stale one is still reported
      expect(stale(cron)).toEqual([]);
      expect(parseJson(decode).tokens).toHaveLength(1);
      expect(stale(decode)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
