import { describe, expect, it } from 'vitest';
import { isSourceFile } from '../../../src/js/files.js';
import { excessiveNesting } from '../../../src/js/nesting.js';
import { extractFromSource, mayContainRegex } from '../../../src/regex/extract.js';

const only = (file: string, text: string) => extractFromSource(file, text).regexes;
/** 1-based line and UTF-16 column of the first occurrence of `needle`. */
function at(text: string, needle: string): { line: number; column: number } {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`${needle} not in text`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

describe('regex literals', () => {
  it('finds a literal with its flags and exact position', () => {
    const text = 'const a = 1;\nconst re = /^(\\w+\\s?)*$/gi;\n';
    const [re] = only('a.js', text);
    expect(re).toMatchObject({ pattern: '^(\\w+\\s?)*$', flags: 'gi', kind: 'literal', ...at(text, '/^'), names: ['re'] });
    expect(re!.endColumn).toBe(at(text, '/^').column + '/^(\\w+\\s?)*$/gi'.length);
  });

  it('counts columns in UTF-16 code units after multi-byte characters', () => {
    const text = 'const s = "héllo wörld 😀"; const r = /x+y/;\r\nconst t = "日本"; const u = /z/;';
    const [r, u] = only('a.js', text);
    expect(r).toMatchObject({ line: 1, column: text.indexOf('/x+y/') + 1 });
    expect(u).toMatchObject({ line: 2, column: 'const t = "日本"; const u = '.length + 1 });
  });

  it('does not mistake division or comments for regexes', () => {
    expect(only('a.js', 'const x = a / b / c; // not /a regex/\n/* /nor this/ */')).toEqual([]);
  });
});

describe('RegExp constructor', () => {
  it('reads string, template and concatenated constant patterns with literal flags', () => {
    const text = [
      "new RegExp('a+b', 'g');",
      'RegExp(`c*d`);',
      "const base = 'e' + `f`;",
      "const re = new RegExp(base + '+', 'i');",
    ].join('\n');
    const found = only('a.js', text).map((r) => [r.pattern, r.flags, r.kind, r.line, r.column]);
    expect(found).toEqual([
      ['a+b', 'g', 'constructor', 1, 1],
      ['c*d', '', 'constructor', 2, 1],
      ['ef+', 'i', 'constructor', 4, 12],
    ]);
  });

  it('skips patterns it cannot know and marks unknown flags', () => {
    const found = only('a.js', "new RegExp(userInput); RegExp(`a${x}`); new RegExp('q', flags);");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ pattern: 'q', flags: '', flagsUnknown: true });
  });

  it('builds constant patterns up to a budget per file, and marks the rest as not built', () => {
    // Found by the issue 25 hunt: a name stands for its whole value at each use, so a balanced sum
    // of 2,048 uses of a 1,000-character constant (10 KB of source) built a 2 MB pattern, and 130 KB
    // of source more than V8's longest string. Unguarded, this case still takes milliseconds.
    const sum = (n: number): string => (n === 1 ? 'a' : `(${sum(n >> 1)}+${sum(n - (n >> 1))})`);
    const text = `const a = '${'x'.repeat(1000)}';\nconst big = new RegExp(${sum(2048)});\nconst ok = new RegExp(a + a, 'i');\n`;
    const [big, ok] = only('a.js', text);
    expect(big!.notExpanded).toMatch(/^its pattern is built from constants that expand past \d+ characters in this file/);
    expect(big!.pattern).toBe(`${sum(2048).slice(0, 60)}…`);
    expect(ok).toMatchObject({ pattern: 'x'.repeat(2000), flags: 'i', line: 3 });
    expect(ok!.notExpanded).toBeUndefined();
  });

  it('reports a pattern that does not compile', () => {
    const [re] = only('a.js', "const r = new RegExp('abc(');");
    expect(re!.invalid).toMatch(/Unterminated group/);
    expect(only('a.js', "new RegExp('a', 'gg')")[0]!.invalid).toMatch(/flags/);
  });
});

describe('usage detection', () => {
  it('records the method called directly on the regex', () => {
    const text = [
      '/a/.test(s);',
      '(/b/).exec(s);',
      "s.replace(/c/g, '');",
      "s.replaceAll(/d/g, '');",
      's.match(/e/);',
      's?.matchAll(/f/g);',
      's.split(/g/);',
      's.search(/h/);',
      'foo(/i/);',
    ].join('\n');
    expect(only('a.js', text).map((r) => [r.pattern, r.usages])).toEqual([
      ['a', ['test']],
      ['b', ['exec']],
      ['c', ['replace']],
      ['d', ['replaceAll']],
      ['e', ['match']],
      ['f', ['matchAll']],
      ['g', ['split']],
      ['h', ['search']],
      ['i', []],
    ]);
  });

  it('follows a same-file name to its uses', () => {
    const text = [
      'const TRIM = /^\\s*|\\s*$/g;',
      'const SEP = new RegExp("\\\\s*,\\\\s*");',
      'class V { email = /^[^@]+@[^@]+$/; check(s) { return this.email.test(s) } }',
      "export const clean = (s) => s.replace(TRIM, '').split(SEP);",
      'if (TRIM.test(x)) {}',
    ].join('\n');
    const found = only('a.ts', text);
    expect(found.map((r) => [r.pattern, r.usages])).toEqual([
      ['^\\s*|\\s*$', ['replace', 'test']],
      ['\\s*,\\s*', ['split']],
      ['^[^@]+@[^@]+$', ['test']],
    ]);
    expect(found[2]!.names).toEqual(['email', 'V']);
  });
});

describe('languages', () => {
  it('parses TypeScript with types, generics and casts', () => {
    const text = 'function f<T>(s: string): boolean { return (/^a+$/ as RegExp).test(s) }\nconst g = <T,>(x: T) => x;';
    expect(only('a.ts', text)).toMatchObject([{ pattern: '^a+$', usages: ['test'], names: ['f'] }]);
  });

  it('parses JSX and TSX', () => {
    expect(only('a.jsx', 'const el = <input pattern="x" onChange={(e) => /^\\d+$/.test(e.target.value)} />;')).toMatchObject([{ pattern: '^\\d+$', line: 1 }]);
    expect(only('a.tsx', 'const C = (p: { s: string }) => <div>{p.s.replace(/&/g, "")}</div>;')).toMatchObject([{ pattern: '&', usages: ['replace'] }]);
  });

  it('reads .js files that are JSX or plain scripts', () => {
    expect(only('a.js', 'const x = <b>{/c/.source}</b>;')).toHaveLength(1);
    expect(only('a.cjs', 'module.exports = { re: /^x$/ }; with (o) { y }')).toHaveLength(1);
    expect(only('a.mts', 'export const re: RegExp = /m/;')).toHaveLength(1);
    expect(only('a.cts', 'const r: RegExp = /n/; export = r;')).toHaveLength(1);
  });

  it('knows which files it reads', () => {
    expect(['a.js', 'b.TSX', 'c.mts', 'd.cjs'].every(isSourceFile)).toBe(true);
    expect(['a.d.ts', 'b.json', 'c.md', 'Makefile'].some(isSourceFile)).toBe(false);
  });
});

describe('bad input', () => {
  it('names the syntax error of a file that does not parse, and does not throw', () => {
    const result = extractFromSource('a.js', 'const ok = 1;\nconst re = /a+/;\nfunction (');
    expect(result.parseError).toMatchObject({ line: 3 });
    expect(result.parseError!.message.length).toBeGreaterThan(0);
  });

  it('refuses nesting deep enough to overflow the native parser', () => {
    const deep = `x = ${'('.repeat(50_000)}/a/${')'.repeat(50_000)}`;
    expect(extractFromSource('a.js', deep).parseError?.message).toMatch(/nested deeper/);
    expect(excessiveNesting(`x = ${'a ? b : '.repeat(10_000)}c`)).toMatch(/conditional/);
    expect(excessiveNesting(`x = ${'!'.repeat(100_000)}a`)).toMatch(/unary/);
    expect(excessiveNesting('const a = [[[1]]]; f(g(h(1)));')).toBeUndefined();
  });

  it('pre-filters files in which no regex can start', () => {
    expect(mayContainRegex("const x = a / b; // see http://x/y\nimport y from './y/z';")).toBe(false);
    expect(mayContainRegex('x = s.split(/,/)')).toBe(true);
    expect(mayContainRegex('return /a/.test(s)')).toBe(true);
    expect(mayContainRegex('if (ok) /a/.exec(s)')).toBe(true);
    expect(mayContainRegex('const R = RegExp')).toBe(true);
  });
});
