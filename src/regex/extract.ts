// Finds the regexes in JS/TS source. Cost is what matters here (a scan may read 50,000 files), so
// each stage is cheaper than the next and the cheap ones decide most files: a textual pre-filter
// drops files in which no `/` can start a regex literal and no `RegExp` appears; oxc's JSON output
// is searched as a string for regex literals and `RegExp` before it is turned into objects; only
// then is the tree built and walked.
import { constantString, isNode, nameOf, type Node, type PathEntry, referenceName, TRANSPARENT, unwrap, walkWithPath } from '../js/ast.js';
import { isSpace, isWordChar } from '../js/chars.js';
import { type ParseProblem, parseSource } from '../js/parse.js';
import type { RegexUsage } from './types.js';

/** Bump when extraction output changes: it keys the per-file extraction cache. */
export const EXTRACTOR_VERSION = '6';

/**
 * Characters that the patterns built from constants (`RegExp(a + b)`) may add up to in one file,
 * beyond the file's own length: real code reuses a constant a few times, while a hostile file
 * multiplies it (see ExpansionBudget) into more memory and analysis than any literal could hold.
 */
const EXPANSION_ALLOWANCE = 1024 * 1024;

export type RegexKind = 'literal' | 'constructor' | 'data';

/** One regex as it appears at one place in one file. */
export interface ExtractedRegex {
  pattern: string;
  flags: string;
  kind: RegexKind;
  /** 1-based; column in UTF-16 code units, like ESLint and editors. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Methods the code calls with this regex, directly or through a same-file name. */
  usages: RegexUsage[];
  /** Names around the regex, nearest first: variable, property, function, class. */
  names: string[];
  /** Why V8 refuses to compile it, when it does. */
  invalid?: string;
  /** The flags argument of `RegExp(...)` was not a constant: the flags are a guess (''). */
  flagsUnknown?: boolean;
  /** Why the constant pattern of `RegExp(...)` was not built; `pattern` is then its source text, shortened. */
  notExpanded?: string;
}

export interface Extraction {
  regexes: ExtractedRegex[];
  /** Set when the parser reported a syntax error; whatever the parser still produced is returned. */
  parseError?: ParseProblem;
  /** True when the file was refused before parsing (nothing in it was checked). */
  refused?: boolean;
}

// Keywords after which a `/` starts a regex literal rather than a division.
const REGEX_AFTER_WORD = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

/**
 * False only when no regex can be in the file: no `RegExp`, and no `/` in a position where a
 * regex literal may begin (after an operator, a bracket, a keyword). Errs towards true: comments
 * and strings are not told apart from code.
 */
export function mayContainRegex(text: string): boolean {
  if (text.includes('RegExp')) return true;
  let at = text.indexOf('/');
  while (at >= 0) {
    const next = text.charCodeAt(at + 1);
    if (next === 47 /* / */ || next === 42 /* * */) {
      at = text.indexOf('/', at + 2);
      continue;
    }
    let back = at - 1;
    while (back >= 0 && isSpace(text.charCodeAt(back))) back--;
    if (back < 0) return true;
    const prev = text.charCodeAt(back);
    if (isWordChar(prev)) {
      let wordStart = back;
      while (wordStart > 0 && isWordChar(text.charCodeAt(wordStart - 1))) wordStart--;
      if (REGEX_AFTER_WORD.has(text.slice(wordStart, back + 1))) return true;
    } else if (!(prev === 46 /* . */ || prev === 34 /* " */ || prev === 39 /* ' */ || prev === 96 /* ` */ || prev === 93 /* ] */)) {
      // Operators, brackets, `)` (`if (x) /re/.test(y)`), `}` and line starts may precede a regex.
      return true;
    }
    at = text.indexOf('/', at + 1);
  }
  return false;
}

/** Compiling parses the pattern only; nothing is matched, so no input can make it backtrack. */
export function compileError(pattern: string, flags: string): string | undefined {
  try {
    new RegExp(pattern, flags);
    return undefined;
  } catch (error) {
    // V8 says "Invalid regular expression: /abc(/g: Unterminated group"; the pattern is shown elsewhere.
    const message = (error as Error).message;
    const prefix = `Invalid regular expression: /${pattern}/${flags}: `;
    return message.startsWith(prefix) ? message.slice(prefix.length) : message;
  }
}

// ---------------------------------------------------------------------------------------------
// The tree walk

const STRING_METHODS = new Set<RegexUsage>(['replace', 'replaceAll', 'match', 'matchAll', 'split', 'search']);
const REGEX_METHODS = new Set<RegexUsage>(['test', 'exec']);
interface Pending {
  node: Node;
  kind: RegexKind;
  pattern?: string;
  flags?: string;
  /** For `RegExp(...)`: resolved after the walk, when every const string is known. */
  args?: unknown[];
  binding?: string;
  direct?: RegexUsage;
  names: string[];
}

function isRegExpConstructor(node: Node): boolean {
  const callee = unwrap(node.callee);
  if (!isNode(callee)) return false;
  if (callee.type === 'Identifier') return callee.name === 'RegExp';
  // globalThis.RegExp, window.RegExp
  return callee.type === 'MemberExpression' && !callee.computed && isNode(callee.property) && callee.property.name === 'RegExp';
}

/** The regexes of one file, the methods called on each name, and its const strings. */
function walk(program: Node): { pending: Pending[]; usageByName: Map<string, Set<RegexUsage>>; constants: Map<string, string | null> } {
  const pending: Pending[] = [];
  const usageByName = new Map<string, Set<RegexUsage>>();
  const constants = new Map<string, string | null>();
  const addUsage = (name: string | undefined, usage: RegexUsage) => {
    if (!name) return;
    let set = usageByName.get(name);
    if (!set) usageByName.set(name, (set = new Set()));
    set.add(usage);
  };

  walkWithPath(program, (node, path) => {
    const depth = path.length - 1;
    switch (node.type) {
      case 'Literal':
        if (node.regex) {
          const { pattern, flags } = node.regex as { pattern: string; flags: string };
          pending.push({ node, kind: 'literal', pattern, flags, ...context(path) });
        }
        break;
      case 'NewExpression':
      case 'CallExpression':
        if (isRegExpConstructor(node)) {
          pending.push({ node, kind: 'constructor', args: node.arguments as unknown[], ...context(path) });
        }
        if (node.type === 'CallExpression') {
          const callee = unwrap(node.callee);
          if (isNode(callee) && callee.type === 'MemberExpression' && !callee.computed && isNode(callee.property)) {
            const method = callee.property.name as RegexUsage;
            if (REGEX_METHODS.has(method)) addUsage(referenceName(callee.object), method);
            else if (STRING_METHODS.has(method)) addUsage(referenceName((node.arguments as unknown[])[0]), method);
          }
        }
        break;
      case 'VariableDeclarator': {
        const parent = path[depth - 1]?.node;
        if (parent?.type === 'VariableDeclaration' && parent.kind === 'const' && isNode(node.id) && node.id.type === 'Identifier') {
          const name = node.id.name as string;
          const init = unwrap(node.init);
          // Only literal strings here: concatenations are resolved lazily through `constantString`.
          const value = isNode(init) ? constantString(init, new Map()) : undefined;
          // A name declared twice (in two scopes) with different values is not a constant to us.
          if (constants.has(name) && constants.get(name) !== value) constants.set(name, null);
          else constants.set(name, value ?? null);
        }
        break;
      }
    }
  });
  return { pending, usageByName, constants };
}

/** How the regex at the end of `path` is used and named, from its ancestors. */
function context(path: readonly PathEntry[]): { binding?: string; direct?: RegexUsage; names: string[] } {
  let i = path.length - 1;
  // Climb through wrappers: `(/re/).test(s)`, `/re/ as RegExp`.
  while (i > 0 && TRANSPARENT.has(path[i - 1]!.node.type)) i--;
  const self = path[i]!;
  const parent = path[i - 1];
  const grand = path[i - 2];
  let direct: RegexUsage | undefined;
  let binding: string | undefined;
  if (parent) {
    const p = parent.node;
    if (p.type === 'MemberExpression' && self.key === 'object' && !p.computed && isNode(p.property)) {
      const method = p.property.name as RegexUsage;
      if (REGEX_METHODS.has(method) && grand?.node.type === 'CallExpression' && parent.key === 'callee') direct = method;
    } else if (p.type === 'CallExpression' && self.key === 'arguments' && self.index === 0) {
      const callee = unwrap(p.callee);
      if (isNode(callee) && callee.type === 'MemberExpression' && !callee.computed && isNode(callee.property)) {
        const method = callee.property.name as RegexUsage;
        if (STRING_METHODS.has(method)) direct = method;
      }
    } else if (p.type === 'VariableDeclarator' && self.key === 'init') {
      binding = nameOf(p);
    } else if (p.type === 'AssignmentExpression' && self.key === 'right') {
      binding = nameOf(p);
    } else if ((p.type === 'Property' || p.type === 'PropertyDefinition') && self.key === 'value') {
      binding = nameOf(p);
    }
  }
  const names: string[] = [];
  for (let j = i - 1; j >= 0 && names.length < 4; j--) {
    const name = nameOf(path[j]!.node);
    if (name && !names.includes(name)) names.push(name);
  }
  return { binding, direct, names };
}

/** Every regex literal and constant `RegExp(...)` in one JS/TS file. Never throws on bad input. */
export function extractFromSource(file: string, text: string): Extraction {
  // Parsed even when no regex can be in it: a file that does not parse is an input error in every
  // command, and a regex-audit that skipped it said "no problems found" where session-audit said
  // "cannot parse". The parse is native and cheap; building the tree is what the checks below avoid.
  const parsed = parseSource(file, text);
  const { json, parseError } = parsed;
  if (parsed.refused) return { regexes: [], parseError: parseError!, refused: true };
  if (!mayContainRegex(text)) return parseError ? { regexes: [], parseError } : { regexes: [] };
  // Regex literals serialise as `"regex":{`, and a `RegExp` reference as its name; a file with
  // neither has nothing to find, and building its tree would be the most expensive step.
  if (!json.includes('"regex":{') && !json.includes('"RegExp"')) return parseError ? { regexes: [], parseError } : { regexes: [] };
  const lines = parsed.lines;
  const { pending, usageByName, constants } = walk(parsed.program());

  const regexes: ExtractedRegex[] = [];
  const budget = { left: text.length + EXPANSION_ALLOWANCE, exceeded: false };
  for (const item of pending) {
    let pattern = item.pattern;
    let flags = item.flags ?? '';
    let flagsUnknown = false;
    let notExpanded: string | undefined;
    if (item.kind === 'constructor') {
      const args = item.args ?? [];
      if (args.length === 0 || args.length > 2) continue;
      budget.exceeded = false;
      pattern = constantString(args[0], constants, 0, budget);
      const f = args.length === 2 && pattern !== undefined ? constantString(args[1], constants, 0, budget) : undefined;
      if (budget.exceeded) {
        // Not built, but not dropped either: a constant pattern left unexamined must be reported as such.
        const arg = args[0] as Node;
        const source = text.slice(arg.start, Math.min(arg.end, arg.start + 60));
        pattern = arg.end - arg.start > 60 ? `${source}…` : source;
        flags = '';
        notExpanded = `its pattern is built from constants that expand past ${text.length + EXPANSION_ALLOWANCE} characters in this file, so it was not built or analysed`;
      } else {
        if (pattern === undefined) continue;
        budget.left -= pattern.length + (f?.length ?? 0);
        if (args.length === 2) {
          if (f === undefined) flagsUnknown = true;
          else flags = f;
        }
      }
    }
    if (pattern === undefined) continue;
    const usages = new Set<RegexUsage>();
    if (item.direct) usages.add(item.direct);
    if (item.binding) for (const usage of usageByName.get(item.binding) ?? []) usages.add(usage);
    const start = lines.position(item.node.start);
    const end = lines.position(item.node.end);
    const invalid = notExpanded ? undefined : compileError(pattern, flags);
    regexes.push({
      pattern,
      flags,
      kind: item.kind,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      usages: [...usages].sort(),
      names: item.binding && !item.names.includes(item.binding) ? [item.binding, ...item.names] : item.names,
      ...(invalid ? { invalid } : {}),
      ...(flagsUnknown ? { flagsUnknown } : {}),
      ...(notExpanded ? { notExpanded } : {}),
    });
  }
  regexes.sort((a, b) => a.line - b.line || a.column - b.column);
  return parseError ? { regexes, parseError } : { regexes };
}
