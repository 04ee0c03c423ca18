import { describe, expect, it } from 'vitest';
import { parseSuppressions, resolveDirectives } from '../../src/findings/suppress.js';
import type { Finding } from '../../src/findings/model.js';

const finding = (line: number, ruleId = 'regex/redos-polynomial'): Finding => ({ ruleId, severity: 'error', message: 'm', file: 'f.js', line, column: 1 });

describe('inline suppressions', () => {
  it('parses next-line and same-line directives in several comment syntaxes', () => {
    const text = [
      '// authkit-ignore-next-line regex/redos-polynomial -- trusted input',
      'const re = /(a+)+$/;',
      '0 * * * * node x.js # authkit-ignore cron/relative-binary, cron/missing-path',
      '/* authkit-ignore-next-line */',
      'const authkit_ignored = 1; // authkit-ignored is not a directive',
    ].join('\n');
    const s = parseSuppressions(text);
    expect(s).toEqual([
      { line: 1, column: 4, targetLine: 2, rules: ['regex/redos-polynomial'], reason: 'trusted input' },
      { line: 3, column: 23, targetLine: 3, rules: ['cron/relative-binary', 'cron/missing-path'], reason: undefined },
      { line: 4, column: 4, targetLine: 5, rules: null, reason: undefined },
    ]);
  });

  const owners: Record<string, string> = { 'regex/redos-polynomial': 'regex', 'jwt/alg-none': 'jwt', 'jwt/expired': 'jwt', 'cron/every-minute': 'cron' };
  const ownerOf = (id: string) => owners[id];

  it('sets matched findings aside with the reason and reports unused suppressions', () => {
    const s = parseSuppressions('# authkit-ignore-next-line regex/redos-polynomial -- input is bounded\nx\n# authkit-ignore-next-line jwt/expired\ny');
    const { kept, suppressed, unused } = resolveDirectives([finding(2), finding(2, 'jwt/alg-none'), finding(4, 'cron/every-minute')], [{ file: 'f.js', suppressions: s, domains: ['regex', 'jwt', 'cron'] }], ownerOf);
    expect(suppressed).toEqual([{ ...finding(2), suppression: { line: 1, column: 3, reason: 'input is bounded' } }]);
    expect(kept.map((f) => f.ruleId)).toEqual(['jwt/alg-none', 'cron/every-minute']);
    expect(unused).toMatchObject([{ ruleId: 'meta/unused-suppression', line: 3, column: 3, file: 'f.js' }]);
  });

  it('judges a directive stale only for the domains that read the file, and an unknown rule id always', () => {
    const s = parseSuppressions(['# authkit-ignore-next-line jwt/expired', 'x', '# authkit-ignore-next-line jwt/exipred', 'y', '# authkit-ignore-next-line', 'z'].join('\n'));
    const judged = (domains: string[], reportUnused?: boolean) =>
      resolveDirectives([], [{ file: 'f.js', suppressions: s, domains, ...(reportUnused === undefined ? {} : { reportUnused }) }], ownerOf).unused.map((u) => `${u.line} ${u.message}`);
    expect(judged(['regex'])).toEqual(['3 Suppression of jwt/exipred matched no finding; jwt/exipred is not a rule id (`authkit rules` lists them)', '5 Suppression of every rule matched no finding; remove it']);
    expect(judged(['jwt'])).toHaveLength(3);
    expect(judged(['jwt'], false)).toEqual([]);
    // Findings of files without directives pass untouched.
    expect(resolveDirectives([finding(1)], [{ file: 'other.js', suppressions: s, domains: ['jwt'] }], ownerOf).kept).toEqual([finding(1)]);
  });
});
