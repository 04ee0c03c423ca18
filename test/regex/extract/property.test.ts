import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractFromJson, extractFromYaml } from '../../../src/regex/extract-data.js';
import { extractFromSource } from '../../../src/regex/extract.js';

const SEED = [
  "import x from './x.js';",
  'const EMAIL = /^[^@\\s]+@[^@\\s]+$/i;',
  "export function clean(s: string) { return s.replace(/\\s+/g, ' ').split(new RegExp(`,\\\\s*`)); }",
  'const t = `a ${b / 2} c`; const d = a / b / /re/.source.length;',
  "if (ok) /x/.test(y); else z = RegExp('a' + 'b', 'g');",
  'const el = <div title="/not/">{/yes/.exec(s)}</div>;',
  '/* /comment/ */ // /comment/',
  'const s = "é😀/"; const r = /ü+/u;',
].join('\n');

const lineOf = (text: string, line: number) => text.split('\n')[line - 1] ?? '';

/** Random edits of real code: deletions, insertions of syntax characters, duplications. */
const mutated = fc
  .array(
    fc.record({ at: fc.nat(), len: fc.nat({ max: 12 }), insert: fc.constantFrom('', '/', '(', ')', '{', '`', "'", '"', '\\', '*/', '/*', '\n', '\u2028', 'RegExp(', '\u0000', '😀') }),
    { maxLength: 6 },
  )
  .map((edits) => {
    let text = SEED;
    for (const { at, len, insert } of edits) {
      const pos = at % (text.length + 1);
      text = text.slice(0, pos) + insert + text.slice(pos + len);
    }
    return text;
  });

describe('extraction never throws and keeps positions inside the text', () => {
  for (const file of ['a.js', 'a.tsx']) {
    it(`mutated ${file}`, () => {
      fc.assert(
        fc.property(mutated, (text) => {
          const { regexes, parseError } = extractFromSource(file, text);
          const lines = text.split('\n').length;
          if (parseError) expect(parseError.line).toBeLessThanOrEqual(lines);
          for (const r of regexes) {
            expect(r.line).toBeGreaterThanOrEqual(1);
            expect(r.line).toBeLessThanOrEqual(lines);
            if (r.kind === 'literal') expect(lineOf(text, r.line)[r.column - 1]).toBe('/');
          }
        }),
        { numRuns: 300, seed: 42 },
      );
    });
  }

  it('random strings as JSON and YAML', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', ':', ',', '\\', 'u', 'pattern', 'regex', ' ', '\n', '-', '#', 'a', '/', '*') , maxLength: 80 }), (text) => {
        for (const result of [extractFromJson(text), extractFromYaml(text)]) {
          for (const r of result.regexes) expect(r.line).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});
