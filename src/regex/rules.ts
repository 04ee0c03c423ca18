import type { RuleMeta } from '../findings/model.js';

const CWE = 'CWE-1333 (Inefficient Regular Expression Complexity)';
const HOW =
  'authkit proves it: recheck (automaton and fuzz checkers) proposes an attack string, and the real pattern runs on it, with the method the code uses, in a worker thread that is killed at a hard time limit. See docs/regex-engine.md.';

/** Public rule ids: users write them in configs and suppression comments. Never rename. */
export const REGEX_RULES = [
  {
    id: 'regex/redos-exponential',
    severity: 'error',
    security: true,
    description: 'The regex backtracks exponentially: a short input stalls the event loop',
    help: `${CWE}. A repetition nested inside another repetition (or alternatives that overlap under a quantifier) lets a backtracking engine such as V8's irregexp split a failing input in 2^n ways, so about 30 characters hang a Node.js process at 100% CPU. ${HOW} Fix: make the repeated parts match disjoint text (\`(?:\\w+\\s)*\\w+\` instead of \`(\\w+\\s?)*\`), remove the nested quantifier, or validate with a parser instead of a regex.`,
    examples: {
      valid: [{ code: '/^\\w+(?:\\s\\w+)*$/.test(name)', note: 'each space is mandatory between words: one way to split any input' }],
      invalid: [
        { code: '/^(\\w+\\s?)*$/.test(name)', note: "'a'.repeat(30) + '!' takes seconds" },
        { code: '/^([a-z0-9]+\\.?)+@example\\.com$/.test(email)' },
      ],
    },
  },
  {
    id: 'regex/redos-polynomial',
    severity: 'error',
    security: true,
    description: 'The regex backtracks polynomially (quadratic or worse) on large inputs',
    help: `${CWE}. Two adjacent repetitions that can match the same characters, or an unanchored pattern that rescans the rest of the input from every start position, cost O(n^2) or more: tens of kilobytes (a form field, a JSON body, a header) stall the event loop for seconds. With the g flag, replace/match/matchAll/split restart the search after every match, so \`/^\\s*|\\s*$/g\` is quadratic under replace although one match is linear. Reported as an error when a real run within --max-input took at least --budget, as a warning when the analysis found it but no run was slow within the limit. ${HOW} Fix: make adjacent repetitions mutually exclusive (\`[^-]+-\` instead of \`.+-\`), anchor the pattern, use String.prototype.trim() instead of trimming regexes, or cap the input length before matching.`,
    examples: {
      valid: [{ code: "str.trim()" }, { code: "header.split(',').map((part) => part.trim())" }],
      invalid: [
        { code: "str.replace(/^\\s*|\\s*$/g, '')", note: 'quadratic under the g flag' },
        { code: "header.split(/\\s*,\\s*/)", note: 'a long run of spaces without a comma' },
        { code: "/^([^-]+)-([^?]+)([?\\S*]*)$/.exec(sri)" },
      ],
    },
  },
  {
    id: 'regex/analysis-incomplete',
    severity: 'warning',
    security: true,
    description: 'The regex could not be analysed within the time limit: it is not known to be safe',
    help: `${CWE}. The analysis (recheck) timed out, or the pattern uses a feature it cannot model and fuzzing was not conclusive; no attack was confirmed either. authkit never reports such a pattern as safe. Simplify the pattern (split it into several regexes, remove back-references or large bounded repeats), raise the analysis time limit, or cap the input length before matching; then suppress the finding with a reason if it is reviewed.`,
    examples: {
      valid: [{ code: '/^[a-z]+$/.test(s)' }],
      invalid: [{ code: 'new RegExp(hugeGeneratedAlternation)', note: 'when the analysis times out' }],
    },
  },
  {
    id: 'regex/invalid-pattern',
    severity: 'error',
    description: 'A string passed to RegExp does not compile: the constructor throws at run time',
    help: 'new RegExp(source, flags) throws a SyntaxError when the source or the flags are not valid ECMAScript (ECMA-262, section 22.2): an unterminated group or class, a dangling quantifier, an unknown or repeated flag, or an escape that the u/v flags reject. In a validator this turns into a 500 error or a check that never runs. Fix the pattern; escape user input with a helper before building a RegExp from it.',
    examples: {
      valid: [{ code: "new RegExp('^[a-z]+$', 'i')" }],
      invalid: [{ code: "new RegExp('abc(')" }, { code: "new RegExp('a', 'gg')", note: 'repeated flag' }],
    },
  },
] as const satisfies readonly RuleMeta[];

export type RegexRuleId = (typeof REGEX_RULES)[number]['id'];
