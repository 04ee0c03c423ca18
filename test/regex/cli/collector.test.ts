import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { looksAuthRelated } from '../../../src/regex/report.js';
import { parseJson, runCli } from '../../helpers/cli.js';

// Only invalid patterns and unparsable files here: the engine is not needed, so these stay fast.
// They run the real wiring (the CLI, and scan's domains), not a test-only entry point.
const scratch = mkdtempSync(join(tmpdir(), 'authkit-regex-collector-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const env = { AUTHKIT_CACHE_DIR: join(scratch, '.cache') };

function tree(name: string, files: Record<string, string>): string {
  const root = join(scratch, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('the regex domain', () => {
  it('collects per file and reports at the end, suppressions applied, auth-related first (regex-audit and scan alike)', async () => {
    const root = tree('collect', {
      'src/util.js': "export const a = new RegExp('(');\n",
      'src/session/cookie.js': "const SESSION = new RegExp('[');\n// authkit-ignore-next-line regex/invalid-pattern -- fixture\nconst b = new RegExp(')');\n",
      // A file that does not parse is an input error whether or not a regex may be in it, in every
      // command alike (a regex-audit that skipped plain.ts called it clean where session-audit did not).
      'src/broken.ts': 'const r = /a/;\nconst x = (;\n',
      'src/plain.ts': 'const x = (;\n',
      'README.md': 'not a source\n',
    });
    const expected = [
      ['regex/invalid-pattern', 'src/session/cookie.js', 1, 17, true],
      ['regex/invalid-pattern', 'src/util.js', 1, 18, false],
    ];
    const unparsed = [
      { file: 'src/broken.ts', message: 'cannot parse (Unexpected token at line 2); checked what parsed' },
      { file: 'src/plain.ts', message: 'cannot parse (Unexpected token at line 1); checked what parsed' },
    ];
    const audit = await runCli(['regex-audit', '.', '--json'], { cwd: root, env });
    expect(audit.code).toBe(2);
    const auditJson = parseJson(audit);
    expect(auditJson.findings.map((f: any) => [f.ruleId, f.file, f.line, f.column, f.data?.auth])).toEqual(expected);
    expect(auditJson.errors).toEqual(unparsed);
    expect(auditJson.stats).toMatchObject({ files: 4, regexes: 3, parsedFiles: 4 });
    const scan = await runCli(['scan', '.', '--json'], { cwd: root, env });
    expect(scan.code).toBe(2);
    const scanJson = parseJson(scan);
    const regexFindings = scanJson.findings.filter((f: any) => f.ruleId.startsWith('regex/')).map((f: any) => [f.ruleId, f.file, f.line, f.column]);
    expect(regexFindings.sort()).toEqual(expected.map((e) => e.slice(0, 4)).sort());
    expect(scanJson.errors).toEqual(unparsed);
    const session = await runCli(['session-audit', '.', '--json'], { cwd: root, env });
    expect(session.code).toBe(2);
    expect(parseJson(session).errors).toEqual(unparsed);
  });

  it('reports a constant pattern too long to build as not proven safe, never as clean', async () => {
    // 2,048 uses of a 600-character constant expand past the file's budget (see extract.test.ts).
    const sum = (n: number): string => (n === 1 ? 'a' : `(${sum(n >> 1)}+${sum(n - (n >> 1))})`);
    const root = tree('expansion', { 'src/big.js': `const a = '${'x'.repeat(600)}';\nexport const r = new RegExp(${sum(2048)});\n` });
    // Named, not found in a folder: one line this long looks minified, and walks pass those over.
    const result = await runCli(['regex-audit', 'src/big.js', '--format', 'json'], { cwd: root, env });
    const findings = parseJson(result).findings;
    expect(findings.map((f: { ruleId: string; file: string; line: number }) => [f.ruleId, f.file, f.line])).toEqual([['regex/analysis-incomplete', 'src/big.js', 2]]);
    expect(findings[0].message).toMatch(/could not be proven safe: its pattern is built from constants that expand past \d+ characters/);
  });

  it('reports unused suppressions unless only auth findings are wanted', async () => {
    const root = tree('unused', { 'a.js': '// authkit-ignore-next-line regex/redos-exponential -- stale\nconst ok = 1;\n' });
    const all = parseJson(await runCli(['regex-audit', 'a.js', '--json'], { cwd: root, env }));
    expect(all.findings.map((f: any) => f.ruleId)).toEqual(['meta/unused-suppression']);
    const authOnly = parseJson(await runCli(['regex-audit', 'a.js', '--auth-only', '--json'], { cwd: root, env }));
    expect(authOnly.findings).toEqual([]);
  });

  it('turns unreadable paths into input errors and goes on', async () => {
    const root = tree('errors', { 'ok.json': '{"pattern": "(x"}' });
    const r = await runCli(['regex-audit', 'missing.js', 'ok.json', '--json'], { cwd: root, env });
    expect(r.code).toBe(2);
    const report = parseJson(r);
    expect(report.errors).toEqual([{ file: 'missing.js', message: 'no such file or directory' }]);
    expect(report.findings.map((f: any) => [f.ruleId, f.file])).toEqual([['regex/invalid-pattern', 'ok.json']]);
  });

  it('decides auth relevance from paths and names', () => {
    expect(looksAuthRelated('src/login/form.ts', [])).toBe(true);
    expect(looksAuthRelated('src/util.ts', ['validateEmail'])).toBe(true);
    expect(looksAuthRelated('src/util.ts', ['JWT_RE'])).toBe(true);
    expect(looksAuthRelated('src/util.ts', ['slug', 'Parser'])).toBe(false);
  });
});
