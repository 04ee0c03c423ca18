import { describe, expect, it } from 'vitest';
import { walkWithPath } from '../../src/js/ast.js';
import { parseSource } from '../../src/js/parse.js';

describe('the shared JS/TS parse', () => {
  it('keeps the syntax error of a .js file that fails both as JSX and as plain JS', () => {
    // oxc's result members hand their value over once; the JSX retry once lost the first error.
    const parsed = parseSource('a.js', 'const ok = 1;\nfunction (');
    expect(parsed.parseError).toMatchObject({ line: 2 });
    expect(parsed.refused).toBe(false);
  });

  it('gives comments with offsets and builds the tree on demand', () => {
    const text = '// authkit-ignore-next-line\nconst token = localStorage.getItem("t"); /* note */';
    const parsed = parseSource('b.ts', text);
    expect(parsed.comments.map((c) => [c.type, text.slice(c.start, c.end)])).toEqual([
      ['Line', '// authkit-ignore-next-line'],
      ['Block', '/* note */'],
    ]);
    const members: string[] = [];
    walkWithPath(parsed.program(), (node, path) => {
      if (node.type === 'MemberExpression') members.push(`${path.length}:${(node.property as { name: string }).name}`);
    });
    expect(members).toEqual(['5:getItem']);
  });

  it('parses the same text for two domains once', () => {
    const text = 'export const a = /x/;';
    expect(parseSource('c.mjs', text)).toBe(parseSource('c.mjs', text));
    expect(parseSource('c.mjs', `${text} `)).not.toBe(parseSource('c.mjs', text));
  });

  it('refuses, without parsing, nesting that would crash the native parser', () => {
    const parsed = parseSource('d.js', `x = ${'('.repeat(5000)}1${')'.repeat(5000)}`);
    expect(parsed.refused).toBe(true);
    expect(parsed.parseError?.message).toMatch(/^not parsed: brackets nested deeper/);
    expect(parsed.program().type).toBe('Program');
  });
});

describe('the parser process', () => {
  it('is stopped at its CPU or memory limit on a shape oxc parses in quadratic time, and the next file parses', () => {
    const hostile = `${`<D\\\u{7b955}${' '.repeat(19)}`.repeat(2000)};x = /a/`;
    const refused = parseSource('slow.ts', hostile);
    expect(refused.refused).toBe(true);
    expect(refused.parseError?.message).toMatch(/^not parsed: the parser used more than ([\d.]+ s|\d+ MB) on it$/);
    // A fresh parser process takes over.
    const next = parseSource('next.ts', 'const a: number = 1;');
    expect(next.refused).toBe(false);
    expect(next.parseError).toBeUndefined();
  });
});
