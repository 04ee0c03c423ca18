import { describe, expect, it } from 'vitest';
import { extractFromJson, extractFromYaml, isDataFile } from '../../../src/regex/extract-data.js';

describe('JSON', () => {
  it('finds strings under "pattern" and "regex" keys with their position, decoded', () => {
    const text = [
      '{',
      '  "type": "object",',
      '  "properties": {',
      '    "email": { "type": "string", "pattern": "^([a-z0-9]+\\\\.?)+@x\\\\.com$" },',
      '    "name": { "regex": "\\u005Ea+$", "description": "pattern regex" }',
      '  },',
      '  "patternProperties": { "^x-": {} },',
      '  "pattern": ["not", "a string value"]',
      '}',
    ].join('\n');
    const { regexes, parseError } = extractFromJson(text);
    expect(parseError).toBeUndefined();
    expect(regexes.map((r) => [r.pattern, r.line, r.column, r.names])).toEqual([
      ['^([a-z0-9]+\\.?)+@x\\.com$', 4, 45, ['pattern']],
      ['^a+$', 5, 24, ['regex']],
    ]);
  });

  it('tolerates comments and trailing commas (tsconfig-style JSON)', () => {
    const { regexes, parseError } = extractFromJson('// c\n{ /* x */ "pattern": "a*b", }\n');
    expect(parseError).toBeUndefined();
    expect(regexes).toMatchObject([{ pattern: 'a*b', line: 2, column: 22 }]);
  });

  it('reports malformed JSON with a position and keeps what came before', () => {
    const { regexes, parseError } = extractFromJson('{ "pattern": "a+",\n  "b": [1, 2\n');
    expect(regexes).toHaveLength(1);
    expect(parseError?.message).toMatch(/invalid JSON/);
    expect(extractFromJson('{"pattern": "unterminated').parseError?.message).toMatch(/unterminated string/);
  });

  it('survives very deep nesting', () => {
    const deep = `${'['.repeat(200_000)}{"pattern":"x"}${']'.repeat(200_000)}`;
    expect(extractFromJson(deep).regexes).toHaveLength(1);
  });

  it('marks patterns that do not compile', () => {
    expect(extractFromJson('{"pattern": "(a"}').regexes[0]!.invalid).toMatch(/Unterminated group/);
  });
});

describe('YAML', () => {
  it('finds pattern and regex values in every document (OpenAPI style)', () => {
    const text = [
      'openapi: 3.0.0',
      'components:',
      '  schemas:',
      '    Login:',
      '      properties:',
      '        username:',
      '          type: string',
      "          pattern: '^(\\w+\\s?)*$'",
      '        token:',
      '          pattern: "^[A-Za-z0-9-_]+\\\\.[A-Za-z0-9-_]+$"',
      '---',
      'rules:',
      '  - regex: ^a+b$',
      '    name: pattern',
    ].join('\n');
    const { regexes, parseError } = extractFromYaml(text);
    expect(parseError).toBeUndefined();
    expect(regexes.map((r) => [r.pattern, r.line, r.column])).toEqual([
      ['^(\\w+\\s?)*$', 8, 20],
      ['^[A-Za-z0-9-_]+\\.[A-Za-z0-9-_]+$', 10, 20],
      ['^a+b$', 13, 12],
    ]);
  });

  it('reads quoted and flow-style keys, and skips files that only mention the words', () => {
    expect(extractFromYaml("a: {pattern: '^x+$'}\n'regex': b*c\n").regexes.map((r) => r.pattern)).toEqual(['^x+$', 'b*c']);
    expect(extractFromYaml('packages:\n  path-to-regexp: 1.0.0\n  name: pattern\n').regexes).toEqual([]);
  });

  it('reports invalid YAML', () => {
    expect(extractFromYaml('pattern: [a\nb: {').parseError?.message).toMatch(/invalid YAML/);
  });

  it('refuses block mappings nested deeper than the parser can go, on one line or by indentation', () => {
    // Found by the issue 25 hunt: yaml recurses per level and catches its stack overflow, but on
    // Node 20 a regex compiled at that depth aborts the process; three files of `a: "x"` repeated
    // 4,000 times aborted scan. 600 levels parse in milliseconds even without the guard.
    const refused = /^not parsed: YAML nested deeper than 500 levels$/;
    expect(extractFromYaml(`regex: a\n${'a: "x"'.repeat(600)}\n`).parseError?.message).toMatch(refused);
    const indented = Array.from({ length: 600 }, (_, i) => `${' '.repeat(i)}k:`).join('\n');
    expect(extractFromYaml(`regex: a\n${indented}\n`).parseError?.message).toMatch(refused);
    expect(extractFromYaml(`regex: a\n${'? '.repeat(600)}\n`).parseError?.message).toMatch(refused);
    // Real nesting passes: 40 levels by indentation count 81 here.
    const nested = Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}a:`).join('\n');
    expect(extractFromYaml(`${nested}\n${'  '.repeat(40)}pattern: "^a+$"\n`)).toMatchObject({ regexes: [{ pattern: '^a+$' }] });
  });

  it('tells data files by extension', () => {
    expect([isDataFile('a.json'), isDataFile('b.YML'), isDataFile('c.yaml'), isDataFile('d.js')]).toEqual(['json', 'yaml', 'yaml', null]);
  });
});
