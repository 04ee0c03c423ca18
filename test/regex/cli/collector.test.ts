import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditSources, createRegexScanner, looksAuthRelated } from '../../../src/regex/audit.js';

// Only invalid patterns and unparsable files here: the engine is not needed, so these stay fast.
const scratch = mkdtempSync(join(tmpdir(), 'authkit-regex-collector-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const options = { cwd: scratch, cache: false };

describe('the regex domain as authkit scan drives it', () => {
  it('collects per file and reports at finish, suppressions applied, auth-related first', async () => {
    const scanner = createRegexScanner(options);
    expect(scanner.domain).toBe('regex');
    expect(scanner.appliesSuppressions).toBe(true);
    expect(scanner.wants('src/a.ts', '')).toBe(true);
    expect(scanner.wants('README.md', '')).toBe(false);
    expect(scanner.add('src/util.js', "export const a = new RegExp('(');\n")).toEqual([]);
    scanner.add('src/session/cookie.js', "const SESSION = new RegExp('[');\n// authkit-ignore-next-line regex/invalid-pattern -- fixture\nconst b = new RegExp(')');\n");
    // A syntax error matters only where a regex may be: files without one are not even parsed.
    scanner.add('src/broken.ts', 'const r = /a/;\nconst x = (;\n');
    scanner.add('src/plain.ts', 'const x = (;\n');
    const findings = await scanner.finish();
    expect(findings.map((f) => [f.ruleId, f.file, f.line, f.column, f.data?.auth])).toEqual([
      ['regex/invalid-pattern', 'src/session/cookie.js', 1, 17, true],
      ['regex/unparsable-file', 'src/broken.ts', 2, 12, undefined],
      ['regex/invalid-pattern', 'src/util.js', 1, 18, false],
    ]);
    expect(scanner.outcome()?.stats).toMatchObject({ files: 4, regexes: 3, parsedFiles: 4 });
  });

  it('reports unused suppressions unless only auth findings are wanted', async () => {
    const text = '// authkit-ignore-next-line regex/redos-exponential -- stale\nconst ok = 1;\n';
    const all = await auditSources([{ display: 'a.js', text }], options);
    expect(all.findings.map((f) => f.ruleId)).toEqual(['meta/unused-suppression']);
    const authOnly = await auditSources([{ display: 'a.js', text }], { ...options, authOnly: true });
    expect(authOnly.findings).toEqual([]);
  });

  it('turns unreadable paths into input errors and goes on', async () => {
    const outcome = await auditSources(
      [
        { display: 'missing.js', path: join(scratch, 'missing.js') },
        { display: 'ok.json', text: '{"pattern": "(x"}' },
      ],
      options,
    );
    expect(outcome.errors).toEqual([{ file: 'missing.js', message: 'no such file or directory' }]);
    expect(outcome.findings.map((f) => [f.ruleId, f.file])).toEqual([['regex/invalid-pattern', 'ok.json']]);
  });

  it('decides auth relevance from paths and names', () => {
    expect(looksAuthRelated('src/login/form.ts', [])).toBe(true);
    expect(looksAuthRelated('src/util.ts', ['validateEmail'])).toBe(true);
    expect(looksAuthRelated('src/util.ts', ['JWT_RE'])).toBe(true);
    expect(looksAuthRelated('src/util.ts', ['slug', 'Parser'])).toBe(false);
  });
});
