// The in-process ambiguity analysis (src/regex/ambiguity/) on its own: the classic cases of the
// literature, the search model, flags, assertions, back-references and lookaheads. Whether the
// attacks it builds are slow in V8 is the engine tests' and the corpus's business.
import { describe, expect, it } from 'vitest';
import { analyzeAmbiguity } from '../../../src/regex/ambiguity/index.js';

const search = { search: true };
const status = (pattern: string, flags = '', options = search) => analyzeAmbiguity(pattern, flags, options).status;

/** The attack the analysis proposes, pumped `n` times. */
function attack(pattern: string, flags: string, n: number): string {
  const result = analyzeAmbiguity(pattern, flags, search);
  if (result.status !== 'exponential' && result.status !== 'polynomial') throw new Error(`no attack: ${result.status}`);
  return result.shape.pumps.map(({ prefix, pump }) => prefix + pump.repeat(n)).join('') + result.shape.suffix;
}

describe('exponential ambiguity (EDA)', () => {
  it.each([['^(a+)+$'], ['^(a|a)*$'], ['^(\\w+\\s?)*$'], ['^([a-z]+)*x$'], ['(x+x+)+y'], ['^(a|aa)+$']])('finds %s', (pattern) => {
    expect(status(pattern)).toBe('exponential');
  });

  it('builds an attack on which every path fails: the real pattern does not match it', () => {
    for (const pattern of ['^(a+)+$', '^(\\w+\\s?)*$', '^([a-z]+)*x$']) {
      // Two pumps: enough to show the failure, far too few to be slow.
      const input = attack(pattern, '', 2);
      expect(new RegExp(pattern).test(input), `${pattern} on ${JSON.stringify(input)}`).toBe(false);
    }
  });

  it('points the hotspot at the nested repetition', () => {
    const result = analyzeAmbiguity('^(\\w+\\s?)*$', '', search);
    expect(result.status === 'exponential' && result.hotspot).toEqual([{ start: 2, end: 4 }]);
  });
});

describe('polynomial ambiguity (IDA)', () => {
  it('counts the search from every start position: \\s+$ is quadratic, anchored it is linear', () => {
    expect(analyzeAmbiguity('\\s+$', '', search)).toMatchObject({ status: 'polynomial', degree: 2 });
    expect(status('^\\s+$')).toBe('linear');
    // A sticky regex is tried at lastIndex only.
    expect(status('\\s+$', 'y', { search: false })).toBe('linear');
  });

  it('gives the degree of a chain of loops', () => {
    expect(analyzeAmbiguity('.*.*.*x', '', search)).toMatchObject({ status: 'polynomial', degree: 4 });
    expect(analyzeAmbiguity('^.*a.*a.*b$', '', search)).toMatchObject({ status: 'polynomial', degree: 3 });
  });

  it('pumps characters that keep every path failing (( rather than (a)', () => {
    const pattern = "(?:[^?!.,:;*_'\"~()&]+|\\([^)]*\\)|&(?![a-zA-Z0-9]+;$)|[?!.,:;*_'\"~)]+(?!$))+";
    const result = analyzeAmbiguity(pattern, '', search);
    expect(result).toMatchObject({ status: 'polynomial', failing: true });
    expect(new RegExp(pattern).exec(attack(pattern, '', 50))?.index ?? -1).not.toBe(0);
  });
});

describe('linear patterns', () => {
  it.each([
    ['^a+$'],
    ['^(ab|a)*c$'],
    ['^[a-z0-9]+(\\.[a-z0-9]+)*$'],
    ['^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?$'],
    ['^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$'],
    ['Bearer ([A-Za-z0-9._~+/-]+=*)'],
    ['\\bfoo\\b'],
  ])('clears %s', (pattern) => {
    expect(status(pattern)).toBe('linear');
  });
});

describe('what the automaton keeps of the pattern', () => {
  it('keeps bounded repeats as one path per count (a{0,3} is not a?a?a?)', () => {
    // "aa" splits three ways over a?a?a?, once over a{0,3}: repeated, only the first explodes.
    expect(status('^(?:a{0,3}x)*$')).toBe('linear');
    expect(status('^(?:a?a?a?x)*$')).toBe('exponential');
  });

  it('folds case under i and reads code points under u and v', () => {
    expect(status('^(a|A)+$')).toBe('linear');
    expect(status('^(a|A)+$', 'i')).toBe('exponential');
    expect(status('^(\\u{1F600}|\\u{1F600})+$', 'u')).toBe('exponential');
    expect(status('^([\\p{L}--[a-z]]|\\p{Lu})+$', 'v')).toBe('exponential');
  });

  it('reads one-character lookbehinds exactly: \\b and ^ under m keep a search from starting mid-word or mid-line', () => {
    expect(analyzeAmbiguity('\\b\\w+\\b', '', search)).toEqual({ status: 'linear', approximations: [] });
    expect(analyzeAmbiguity('^ +$', 'gm', search)).toEqual({ status: 'linear', approximations: [] });
    // Without the anchor the same loop is rescanned from every position.
    expect(status(' +$', 'm')).toBe('polynomial');
    expect(status('(?<=\\s)\\w+x')).toBe('linear');
    expect(status('(?<![a-z])\\d+x')).toBe('polynomial');
  });

  it('copies a back-reference\'s group (never fewer paths than the reference) and records it', () => {
    const result = analyzeAmbiguity('^(a+)\\1*$', '', search);
    expect(result).toMatchObject({ status: 'exponential', approximations: ['backreference'] });
  });

  it('analyses a lookahead\'s own cost: evaluated at every position its scan is an attack candidate', () => {
    const result = analyzeAmbiguity('(?!\\s*\\])(?:\\\\[\\s\\S]|[^\\[\\]\\\\]){1,999}', '', search);
    expect(result.status).toBe('polynomial');
    if (result.status !== 'polynomial') return;
    // The body must match after its scan for the negative lookahead to fail the pattern.
    expect([result.shape, ...result.alternatives.map((a) => a.shape)].some((shape) => shape.pumps[0]!.pump === ' ' && shape.suffix === ']')).toBe(true);
  });

  it('hands a repeating lookbehind to the fallback, with the reason', () => {
    expect(analyzeAmbiguity('(?<=a+)b', '', search)).toEqual({ status: 'unsupported', reason: 'a lookbehind contains a repetition' });
  });
});
