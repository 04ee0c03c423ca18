import { isWordChar } from './chars.js';

// oxc's parser and serialiser recurse natively, and a stack overflow there is a segfault that no
// try/catch sees: on an 8 MB stack ~6,000 nested parentheses, ~20,000 chained ternaries or
// arrows and ~100,000 chained binary or unary operators kill the process. No real code comes near
// these limits, so files that might are refused before parsing, with a safety margin of 4-6x.
const MAX_BRACKET_DEPTH = 1000;
const MAX_CHAIN = { ternary: 3000, arrow: 3000, unary: 15_000, binary: 20_000, keyword: 5000 };
// Keyword operators nest like unary ones but cost more native stack: ~20,000 `new` or `typeof` crash.
const KEYWORD_OPERATORS = new Set(['new', 'typeof', 'void', 'delete', 'await', 'yield']);
// Statements nest too: `if (a) if (b) ...`, `L: L: ...`, `a = a = ...`, `class extends class ...` and else-if chains crash oxc
// at ~10,000 (found by the extraction fuzz test).
const STATEMENT_KEYWORDS = new Set(['if', 'while', 'for', 'with', 'do', 'class']);
const MAX_STATEMENT_CHAIN = 2000;

/**
 * A closed JSX tag (`<a/>`, or `<li>` up to its `</li>`) is one operand, not a chain: 20,000 flat
 * siblings were refused as "chained operators" (issue 25). The chain counters are saved at each `<`
 * that may open a tag and put back when the tag closes, so only elements still open (real nesting:
 * oxc overflows at some 15,000 nested elements) keep counting. Entries of `a < b` that never close
 * only make later restores count more, so they are safe; the oldest are dropped past this many.
 * A regex operand can fake a close (`a </x/> b`), but a file short enough to be parsed in-process
 * (16 KB, src/js/parse.ts) cannot hold a chain that crashes oxc, and a longer one is parsed in a
 * process of its own where a crash is an input error, not a lost run.
 */
const MAX_OPEN_TAGS = 4096;
const COUNTERS = 8;
// One buffer for every call (the scan is synchronous): a file of a few lines need not zero 128 KB.
const saved = new Int32Array(MAX_OPEN_TAGS * COUNTERS);

/** Why a file is too deeply nested to parse safely, or undefined. Over-counts: strings are not skipped. */
export function excessiveNesting(text: string): string | undefined {
  let depth = 0;
  let ternary = 0;
  let arrow = 0;
  let unaryRun = 0;
  let binary = 0;
  let keywordRun = 0;
  let statementRun = 0;
  let labelRun = 0;
  let assignRun = 0;
  let parens = 0;
  // else-if chains nest however they are braced: `else`s are counted per bracket level.
  const elses: number[] = [0];
  let openTags = 0;
  let inClosingTag = false;
  const saveCounters = (): void => {
    if (openTags === MAX_OPEN_TAGS) {
      saved.copyWithin(0, (MAX_OPEN_TAGS / 2) * COUNTERS);
      openTags = MAX_OPEN_TAGS / 2;
    }
    const at = openTags++ * COUNTERS;
    saved[at] = ternary;
    saved[at + 1] = arrow;
    saved[at + 2] = unaryRun;
    saved[at + 3] = binary;
    saved[at + 4] = keywordRun;
    saved[at + 5] = statementRun;
    saved[at + 6] = labelRun;
    saved[at + 7] = assignRun;
  };
  /** False when no tag is open to close: the characters then count as operators. */
  const restoreCounters = (): boolean => {
    if (openTags === 0) return false;
    const at = --openTags * COUNTERS;
    ternary = saved[at]!;
    arrow = saved[at + 1]!;
    unaryRun = saved[at + 2]!;
    binary = saved[at + 3]!;
    keywordRun = saved[at + 4]!;
    statementRun = saved[at + 5]!;
    labelRun = saved[at + 6]!;
    assignRun = saved[at + 7]!;
    return true;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isWordChar(c)) {
      let end = i + 1;
      while (end < text.length && isWordChar(text.charCodeAt(end))) end++;
      // n, t, v, d, a, y: the first letters of the keyword operators, to spare a slice per word.
      if (end - i <= 6 && (c === 110 || c === 116 || c === 118 || c === 100 || c === 97 || c === 121) && KEYWORD_OPERATORS.has(text.slice(i, end))) {
        if (++keywordRun > MAX_CHAIN.keyword) return `more than ${MAX_CHAIN.keyword} chained ${text.slice(i, end)} operators`;
      } else keywordRun = 0;
      if (end - i <= 5 && (c === 105 || c === 119 || c === 102 || c === 100 || c === 99) && STATEMENT_KEYWORDS.has(text.slice(i, end))) {
        if (++statementRun > MAX_STATEMENT_CHAIN) return `more than ${MAX_STATEMENT_CHAIN} nested ${text.slice(i, end)} statements`;
      } else if (end - i === 4 && text.startsWith('else', i)) {
        elses[depth] = (elses[depth] ?? 0) + 1;
        if (elses[depth]! > MAX_STATEMENT_CHAIN) return `more than ${MAX_STATEMENT_CHAIN} chained else branches`;
      }
      unaryRun = 0;
      i = end - 1;
      continue;
    }
    switch (c) {
      case 40: // (
      case 91: // [
      case 123: // {
        if (++depth > MAX_BRACKET_DEPTH) return `brackets nested deeper than ${MAX_BRACKET_DEPTH} levels`;
        elses[depth] = 0;
        if (c === 40) parens++;
        else if (c === 123) statementRun = labelRun = assignRun = 0;
        unaryRun = 0;
        break;
      case 41:
      case 93:
      case 125:
        if (depth > 0) depth--;
        if (c === 41 && parens > 0) parens--;
        else if (c === 125) statementRun = labelRun = assignRun = 0;
        unaryRun = 0;
        break;
      case 59: // ; ends every chain
      case 44: // ,
        ternary = arrow = unaryRun = binary = 0;
        labelRun = assignRun = 0;
        // `for (;;) for (;;) x` nests: only a `;` outside parentheses ends a statement.
        if (c === 59 && parens === 0) statementRun = 0;
        break;
      case 58: // : of labels (a `?` before it makes it a conditional's)
        if (ternary === 0 && ++labelRun > MAX_STATEMENT_CHAIN) return `more than ${MAX_STATEMENT_CHAIN} chained labels`;
        break;
      case 61: {
        // = and compound assignments, not ==, =>, <=, >=, !=
        const next = text.charCodeAt(i + 1);
        const prev = text.charCodeAt(i - 1);
        if (next !== 61 && next !== 62 && prev !== 61 && prev !== 33 && prev !== 60 && prev !== 62 && ++assignRun > MAX_STATEMENT_CHAIN) {
          return `more than ${MAX_STATEMENT_CHAIN} chained assignments`;
        }
        break;
      }
      case 63: // ?
        if (++ternary > MAX_CHAIN.ternary) return `more than ${MAX_CHAIN.ternary} chained conditional operators`;
        break;
      case 62: // > of =>
        if (inClosingTag) {
          inClosingTag = false;
          break;
        }
        if (text.charCodeAt(i - 1) === 61 && ++arrow > MAX_CHAIN.arrow) return `more than ${MAX_CHAIN.arrow} chained arrow functions`;
        if (++binary > MAX_CHAIN.binary) return `more than ${MAX_CHAIN.binary} chained operators`;
        break;
      case 33: // !
      case 126: // ~
      case 43: // +
      case 45: // -
        if (++unaryRun > MAX_CHAIN.unary) return `more than ${MAX_CHAIN.unary} chained unary operators`;
        if (++binary > MAX_CHAIN.binary) return `more than ${MAX_CHAIN.binary} chained operators`;
        break;
      case 60: {
        // < of a JSX tag: `</` closes one, `<` before a name or `>` may open one.
        const next = text.charCodeAt(i + 1);
        if (next === 47 && restoreCounters()) {
          inClosingTag = true;
          i++;
          break;
        }
        if (isWordChar(next) || next === 62) saveCounters();
        if (++binary > MAX_CHAIN.binary) return `more than ${MAX_CHAIN.binary} chained operators`;
        unaryRun = 0;
        break;
      }
      case 47: // / of `/>` closes a tag
        if (text.charCodeAt(i + 1) === 62 && restoreCounters()) {
          i++;
          break;
        }
        if (++binary > MAX_CHAIN.binary) return `more than ${MAX_CHAIN.binary} chained operators`;
        unaryRun = 0;
        break;
      case 42: // *
      case 37: // %
      case 38: // &
      case 124: // |
      case 94: // ^
      case 46: // . (member chains nest too)
        if (++binary > MAX_CHAIN.binary) return `more than ${MAX_CHAIN.binary} chained operators`;
        unaryRun = 0;
        break;
      case 32:
      case 9:
      case 10:
      case 13:
        break;
      default:
        unaryRun = 0;
    }
  }
  return undefined;
}
