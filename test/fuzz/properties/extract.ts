import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractFromSource } from '../../../src/regex/extract.js';
import { extractFromJson, extractFromYaml } from '../../../src/regex/extract-data.js';
import { TooDeeplyNested, scanPattern } from '../../../src/regex/pattern.js';
import { anyText, corpusFiles, fuzzParameters, hostile, mutated, withinBudget } from '../support.js';

const SOURCES = [
  ...corpusFiles('src', (name) => /\.(ts|js|mjs)$/.test(name)),
  ...corpusFiles('test/regex/cli/fixtures', (name) => /\.(ts|js|tsx|jsx)$/.test(name)),
].map((f) => f.text);
// Windows of 30 lines keep each case cheap; whole files come in a tenth of the cases.
const WINDOWS = SOURCES.flatMap((text) => {
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i += 20) out.push(lines.slice(i, i + 30).join('\n'));
  return out;
}).filter((w) => w.includes('/') || w.includes('RegExp'));

const UNTERMINATED = ['/abc', "'abc", '"abc', '`abc${', '/* never closed', 'new RegExp("(a+)+', 'x = /[/', 'const re = /(?<n>a)\\k<n', '<div>{/a/', 'if (/a/.test(s) {'];
const DEEP_UNIT = ['(', '[', '{', 'a ? b : ', 'x => ', '!', '-', '+ ', 'a.', '`${', '<a>', 'new ', 'f(', '/a/.test(', 'async () => ', 'typeof ', 'if (a) ', 'else if (a) x; ', 'L: ', 'a = ', 'while (a) ', 'for (;;) ', 'do ', 'class extends ', 'a, ', 'a || ', '...'];
const deep = fc
  .tuple(fc.constantFrom(...DEEP_UNIT), fc.integer({ min: 50, max: 30_000 }), fc.constantFrom('', '/(a+)+$/', 'new RegExp("x")'))
  .map(([unit, n, middle]) => unit.repeat(n) + middle);

const source = fc.oneof(
  { weight: 6, arbitrary: hostile(WINDOWS) },
  { weight: 1, arbitrary: mutated(SOURCES) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...WINDOWS), fc.constantFrom(...UNTERMINATED), anyText(40)).map(([w, u, t]) => `${w}\n${u}${t}`) },
  { weight: 2, arbitrary: deep },
);
const fileName = fc.constantFrom('a.js', 'a.ts', 'a.tsx', 'a.jsx', 'a.mjs', 'a.cjs', 'a.mts', 'a.cts');

const DATA_SEEDS = [
  '{"type":"object","properties":{"email":{"type":"string","pattern":"^[^@]+@[^@]+$"}}}',
  '{\n  // comment\n  "regex": "(a+)+$",\n  "list": [1, 2.5e3, true, null, {"pattern": "\\\\u0041"}],\n}',
  'openapi: 3.0.0\ncomponents:\n  schemas:\n    Token:\n      type: string\n      pattern: "^[A-Za-z0-9-_]+$"\n',
  'regex: &a "(x+x+)+y"\nother: *a\nlist:\n  - pattern: \'a|b\'\n  - {pattern: "c"}\n---\npattern: d\n',
];
const deepData = fc
  .tuple(fc.constantFrom('[', '{"pattern":"a","x":', '- ', '{a: ', '  '), fc.integer({ min: 50, max: 100_000 }))
  .map(([unit, n]) => `{"pattern":"(a+)+"}\n${unit.repeat(n)}`);
const dataText = fc.oneof({ weight: 6, arbitrary: hostile(DATA_SEEDS) }, { weight: 1, arbitrary: deepData });

const LAST_INPUT = join(tmpdir(), `authkit-fuzz-extract-last-input-${process.pid}`);
function recordInput(file: string, text: string): void {
  if (process.env.AUTHKIT_FUZZ_RECORD) writeFileSync(LAST_INPUT, `${file}\n${text}`);
}

export function defineExtractFuzz(numRuns: number, timeoutMs: number): void {
  const params = fuzzParameters(numRuns);
  describe(`source and data extraction under hostile input (${numRuns} cases each)`, () => {
    it('extractFromSource returns regexes or a parse problem, never throws, even deeply nested', () => {
      fc.assert(
        fc.property(source, fileName, (text, file) => {
          // oxc is native: a crash there kills the worker before fast-check can print the input.
          recordInput(file, text);
          const extraction = withinBudget('extractFromSource', () => extractFromSource(file, text));
          for (const r of extraction.regexes) {
            expect(r.line).toBeGreaterThanOrEqual(1);
            expect(r.column).toBeGreaterThanOrEqual(1);
          }
          if (extraction.parseError) expect(extraction.parseError.line).toBeGreaterThanOrEqual(1);
        }),
        params,
      );
    }, timeoutMs);

    it('JSON and YAML pattern extraction never throws', () => {
      fc.assert(
        fc.property(dataText, (text) => {
          withinBudget('extractFromJson', () => extractFromJson(text));
          withinBudget('extractFromYaml', () => extractFromYaml(text));
        }),
        params,
      );
    }, timeoutMs);

    it('the regex structure scanner takes every pattern V8 compiles, and rejects the rest with a SyntaxError', () => {
      const patternText = fc.oneof(
        fc.constantFrom('(a+)+$', '^(\\w+\\s?)*$', '(?<n>a)\\k<n>', '[\\]a-]', '(?=a)(?<!b)', 'a{1,99999999999}', '\\u{1F600}', '(?i:a)'),
        anyText(100),
      );
      fc.assert(
        fc.property(fc.oneof(mutated(['(a+)+$', '^(\\w+\\s?)*$', '(?<n>a)\\k<n>[x-y]{2,3}?']), patternText), fc.constantFrom('', 'u', 'v'), (pattern, flags) => {
          let compiles = true;
          try {
            new RegExp(pattern, flags);
          } catch {
            compiles = false;
          }
          withinBudget('scanPattern', () => {
            try {
              scanPattern(pattern, flags);
            } catch (error) {
              if (error instanceof TooDeeplyNested) return;
              if (compiles || !(error instanceof SyntaxError)) throw error;
            }
          });
        }),
        params,
      );
    }, timeoutMs);
  });
}
