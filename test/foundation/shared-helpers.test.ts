import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { collect, collectList, positiveInteger } from '../../src/cli/options.js';
import { jsonErrorLine } from '../../src/findings/json-error.js';

function parseError(text: string): unknown {
  try {
    JSON.parse(text);
  } catch (error) {
    return error;
  }
  throw new Error('expected a JSON error');
}

describe('one JSON error line for every JSON input', () => {
  it('names line and column, stays on one line and never quotes the text', () => {
    const text = '{\n  "secret": "hunter2",\n  "x": }\n';
    const line = jsonErrorLine(text, parseError(text));
    // Node 20 names no position for this error, newer V8 does.
    expect(line).toMatch(/^(at line 3, column 8: Unexpected token '\}'|\(Unexpected token '\}'\))$/);
    expect(line).not.toContain('\n');
    expect(line).not.toContain('hunter2');
  });

  it('says end of file for a truncated document', () => {
    expect(jsonErrorLine('{"a": ', parseError('{"a": '))).toMatch(/^at (end of file|line 1, column 7): Unexpected end of JSON input$/);
  });
});

describe('option parsers', () => {
  it('collect and collectList', () => {
    expect(collect('b', collect('a'))).toEqual(['a', 'b']);
    expect(collectList('c', collectList(' a, b ,'))).toEqual(['a', 'b', 'c']);
  });

  it('positiveInteger refuses zero, fractions, text and values over the maximum', () => {
    const parse = positiveInteger('--next', 1000);
    expect(parse('3')).toBe(3);
    for (const bad of ['0', '1.5', 'x', '1001']) expect(() => parse(bad)).toThrow(InvalidArgumentError);
    expect(() => positiveInteger('--budget')('-1')).toThrow('--budget must be a positive integer');
  });
});
