import { describe, expect, it } from 'vitest';
import { applySuppressions, parseSuppressions } from '../../src/findings/suppress.js';
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

  it('drops matched findings and reports unused suppressions', () => {
    const s = parseSuppressions('# authkit-ignore-next-line regex/redos-polynomial\nx\n# authkit-ignore-next-line jwt/expired\ny');
    const { kept, suppressed, unused } = applySuppressions('f.js', [finding(2), finding(2, 'jwt/alg-none'), finding(4, 'cron/x')], s);
    expect(suppressed.map((f) => f.ruleId)).toEqual(['regex/redos-polynomial']);
    expect(kept.map((f) => f.ruleId)).toEqual(['jwt/alg-none', 'cron/x']);
    expect(unused).toMatchObject([{ ruleId: 'meta/unused-suppression', line: 3, column: 3, file: 'f.js' }]);
  });
});
