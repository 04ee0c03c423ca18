import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { provablyLinear } from '../../../src/regex/linear.js';

describe('provablyLinear', () => {
  it.each([
    ['^\\d+\\.\\d+\\.\\d+$', ''],
    ['^[a-z]+-[0-9]+$', 'i'],
    ['\\n.*\\n', ''],
    ['\\n[ \\t]*\\n[ \\t]*$', ''],
    ['^ {0,3}((?:-[\\t ]*){3,}|(?:_[ \\t]*){3,})(?:\\n+|$)', ''],
    ['&#(?:(\\d{1,7})|[Xx]([A-Fa-f0-9]{1,6}));', 'g'],
    ['^rgb\\(\\s*([+-]?(?:\\d*\\.)?\\d+)%\\s*\\)$', ''],
    ['Bearer ', ''],
    ['(?<year>\\d{4})-(?<month>\\d{2})', 'u'],
    ['^(?=a)b+$', ''],
  ])('proves /%s/%s linear', (pattern, flags) => {
    expect(provablyLinear(pattern, flags)).toBe(true);
  });

  it.each([
    // rescanned from every start position: quadratic searches
    ['\\s+$', ''],
    ['^\\s*|\\s*$', 'g'],
    ['a[a-z]+1', ''],
    ['x\\d+-.*1', ''],
    ['\\s*,\\s*', ''],
    // ambiguous loops within one attempt
    ['^(\\w+\\s?)*$', ''],
    ['(a+)+', ''],
    ['\\d+\\d+x', ''],
    ['^(?:a|b|ab)+$', ''],
    ['^a*b?a*c$', ''],
    ['^(?:a+)?(?:a+)?$', ''],
    ['^[a-z]+A+$', 'i'],
    // ^ does not anchor under m
    ['^\\s+$', 'm'],
    // not modelled: left to the analyser
    ['^(a)\\1+$', ''],
    ['^[\\p{L}]+$', 'u'],
    ['^[a&&b]+$', 'v'],
  ])('does not prove /%s/%s linear', (pattern, flags) => {
    expect(provablyLinear(pattern, flags)).toBe(false);
  });

  it('proves no vulnerable advisory pattern of the accuracy corpus linear', () => {
    const corpus = JSON.parse(readFileSync(new URL('../corpus/advisories.json', import.meta.url), 'utf8')) as {
      entries: { id: string; kind: string; pattern: string; flags?: string }[];
    };
    const proven = corpus.entries.filter((e) => e.kind !== 'safe' && provablyLinear(e.pattern, e.flags ?? '')).map((e) => e.id);
    expect(proven).toEqual([]);
  });
});

describe('provablyLinear with lookarounds', () => {
  it('treats loop-free lookarounds as constant-cost assertions', () => {
    expect(provablyLinear('<(?! )[^<>]*?>', '')).toBe(true);
    expect(provablyLinear('\\n {0,3}((?:=+|-+)[ \\t]*)(?=\\n|$)', 'g')).toBe(true);
  });

  it('does not prove lookarounds with loops inside (each evaluation can rescan the input)', () => {
    expect(provablyLinear('a+(?=b+c)', '')).toBe(false);
    expect(provablyLinear('(?=\\w+x)a', '')).toBe(false);
    expect(provablyLinear('(?<=a+)b', '')).toBe(false);
  });
});
