// Finds the regexes in JS/TS source with oxc's native parser. Cost is what matters here (a scan
// may read 50,000 files), so each stage is cheaper than the next and the cheap ones decide most
// files: a textual pre-filter drops files in which no `/` can start a regex literal and no `RegExp`
// appears; oxc's JSON output is searched as a string for regex literals and `RegExp` before it is
// turned into objects; only then is the tree built and walked. Raw transfer, oxc's faster mode,
// needs Node 22 (ArrayBuffers over 4 GiB), and the package supports Node 20.
import { parseSync as parseSyncBinding } from 'oxc-parser/src-js/bindings';
import type { RegexUsage } from './types.js';

/** Bump when extraction output changes: it keys the per-file extraction cache. */
export const EXTRACTOR_VERSION = '4';

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
}

export interface ParseProblem {
  line: number;
  column: number;
  message: string;
}

export interface Extraction {
  regexes: ExtractedRegex[];
  /** Set when the parser reported a syntax error; whatever the parser still produced is returned. */
  parseError?: ParseProblem;
}

export const SOURCE_EXTENSIONS = ['.js', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts'];

export function isSourceFile(path: string): boolean {
  const dot = path.lastIndexOf('.');
  if (dot < 0) return false;
  const ext = path.slice(dot).toLowerCase();
  if (!SOURCE_EXTENSIONS.includes(ext)) return false;
  // Declaration files hold types only.
  return !/\.d\.[mc]?ts$/i.test(path);
}

// Keywords after which a `/` starts a regex literal rather than a division.
const REGEX_AFTER_WORD = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c > 127;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12 || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029;
}

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
      case 42: // *
      case 47: // /
      case 37: // %
      case 38: // &
      case 124: // |
      case 94: // ^
      case 60: // <
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

/** Maps UTF-16 offsets to 1-based line and column. Lines end at `\n`, as suppressions count them. */
export class LineIndex {
  private starts: number[] | null = null;
  constructor(private readonly text: string) {}

  position(offset: number): { line: number; column: number } {
    if (!this.starts) {
      const starts = [0];
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = starts;
    }
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }
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

interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

interface PathEntry {
  node: Node;
  /** The parent's member that holds this node ('callee', 'arguments', ...). */
  key: string;
  index: number;
}

const STRING_METHODS = new Set<RegexUsage>(['replace', 'replaceAll', 'match', 'matchAll', 'split', 'search']);
const REGEX_METHODS = new Set<RegexUsage>(['test', 'exec']);
// Wrappers that do not change which value an expression is.
const TRANSPARENT = new Set(['ParenthesizedExpression', 'TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'TSTypeAssertion', 'ChainExpression']);

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';
}

function unwrap(node: unknown): unknown {
  let current = node;
  while (isNode(current) && TRANSPARENT.has(current.type)) current = current.expression;
  return current;
}

/** The name a reference ends in: `re` for `re`, `this.re` and `obj.re`. */
function referenceName(node: unknown): string | undefined {
  const target = unwrap(node);
  if (!isNode(target)) return undefined;
  if (target.type === 'Identifier') return target.name as string;
  if (target.type === 'MemberExpression' && !target.computed && isNode(target.property)) return target.property.name as string | undefined;
  return undefined;
}

function keyName(key: unknown): string | undefined {
  if (!isNode(key)) return undefined;
  if (key.type === 'Identifier' || key.type === 'PrivateIdentifier') return key.name as string;
  if (key.type === 'Literal' && typeof key.value === 'string') return key.value;
  return undefined;
}

/** Names that describe what a node is: the declared, assigned or defined name. */
function nameOf(node: Node): string | undefined {
  switch (node.type) {
    case 'VariableDeclarator':
      return isNode(node.id) && node.id.type === 'Identifier' ? (node.id.name as string) : undefined;
    case 'Property':
    case 'PropertyDefinition':
    case 'MethodDefinition':
    case 'AccessorProperty':
    case 'TSPropertySignature':
      return keyName(node.key);
    case 'AssignmentExpression':
      return referenceName(node.left);
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'ClassDeclaration':
    case 'ClassExpression':
      return isNode(node.id) ? (node.id.name as string) : undefined;
    default:
      return undefined;
  }
}

/** The value of an expression built only from string constants, or undefined. */
function constantString(node: unknown, constants: Map<string, string | null>, depth = 0): string | undefined {
  const target = unwrap(node);
  if (!isNode(target) || depth > 64) return undefined;
  switch (target.type) {
    case 'Literal':
      return typeof target.value === 'string' ? target.value : undefined;
    case 'TemplateLiteral': {
      const quasis = target.quasis as Node[];
      if ((target.expressions as unknown[]).length > 0 || quasis.length !== 1) return undefined;
      const cooked = (quasis[0]!.value as { cooked: string | null }).cooked;
      return cooked ?? undefined;
    }
    case 'BinaryExpression': {
      if (target.operator !== '+') return undefined;
      const left = constantString(target.left, constants, depth + 1);
      if (left === undefined) return undefined;
      const right = constantString(target.right, constants, depth + 1);
      return right === undefined ? undefined : left + right;
    }
    case 'Identifier': {
      const value = constants.get(target.name as string);
      return value ?? undefined;
    }
    default:
      return undefined;
  }
}

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

/** Walks without recursion, so that deeply nested code cannot overflow the stack. */
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

  const path: PathEntry[] = [];
  const stack: { entry: PathEntry; depth: number }[] = [{ entry: { node: program, key: '', index: -1 }, depth: 0 }];
  while (stack.length > 0) {
    const { entry, depth } = stack.pop()!;
    path.length = depth;
    path.push(entry);
    const node = entry.node;

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

    for (const key in node) {
      const value = node[key];
      if (typeof value !== 'object' || value === null) continue;
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) {
          const child = value[i];
          if (isNode(child)) stack.push({ entry: { node: child, key, index: i }, depth: depth + 1 });
        }
      } else if (isNode(value)) {
        stack.push({ entry: { node: value, key, index: -1 }, depth: depth + 1 });
      }
    }
  }
  return { pending, usageByName, constants };
}

/** How the regex at the end of `path` is used and named, from its ancestors. */
function context(path: PathEntry[]): { binding?: string; direct?: RegexUsage; names: string[] } {
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

// ---------------------------------------------------------------------------------------------

interface OxcError {
  message: string;
  labels: { start: number; end: number }[];
}

interface NativeParseResult {
  program: string;
  errors: OxcError[];
}

function languageOf(file: string): 'js' | 'jsx' | 'ts' | 'tsx' {
  const ext = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
  if (ext === 'ts' || ext === 'mts' || ext === 'cts') return 'ts';
  if (ext === 'tsx') return 'tsx';
  return 'jsx';
}

function sourceTypeOf(file: string): 'module' | 'commonjs' | 'unambiguous' {
  const ext = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
  if (ext === 'mjs' || ext === 'mts') return 'module';
  if (ext === 'cjs' || ext === 'cts') return 'commonjs';
  return 'unambiguous';
}

/** Every regex literal and constant `RegExp(...)` in one JS/TS file. Never throws on bad input. */
export function extractFromSource(file: string, text: string): Extraction {
  if (!mayContainRegex(text)) return { regexes: [] };
  const tooDeep = excessiveNesting(text);
  if (tooDeep) return { regexes: [], parseError: { line: 1, column: 1, message: `not parsed: ${tooDeep}` } };
  const lang = languageOf(file);
  let result = parseSyncBinding(file, text, { lang, sourceType: sourceTypeOf(file), preserveParens: true }) as unknown as NativeParseResult;
  let json = result.program;
  let errors = result.errors;
  // .js files may hold JSX or not; `<T>x` casts and `a < b > c` read differently. Plain JS first
  // failing with JSX on is rare, so only then is the other reading tried.
  if (errors.length > 0 && lang === 'jsx') {
    const retry = parseSyncBinding(file, text, { lang: 'js', sourceType: sourceTypeOf(file), preserveParens: true }) as unknown as NativeParseResult;
    if (retry.errors.length === 0) {
      json = retry.program;
      errors = retry.errors;
    }
  }
  const lines = new LineIndex(text);
  let parseError: ParseProblem | undefined;
  if (errors.length > 0) {
    const first = errors[0]!;
    const at = lines.position(first.labels[0]?.start ?? 0);
    parseError = { ...at, message: first.message };
  }
  // Regex literals serialise as `"regex":{`, and a `RegExp` reference as its name; a file with
  // neither has nothing to find, and building its tree would be the most expensive step.
  if (!json.includes('"regex":{') && !json.includes('"RegExp"')) return parseError ? { regexes: [], parseError } : { regexes: [] };
  const { node: program, fixes } = JSON.parse(json) as { node: Node; fixes: unknown };
  void fixes;
  const { pending, usageByName, constants } = walk(program);

  const regexes: ExtractedRegex[] = [];
  for (const item of pending) {
    let pattern = item.pattern;
    let flags = item.flags ?? '';
    let flagsUnknown = false;
    if (item.kind === 'constructor') {
      const args = item.args ?? [];
      if (args.length === 0 || args.length > 2) continue;
      pattern = constantString(args[0], constants);
      if (pattern === undefined) continue;
      if (args.length === 2) {
        const f = constantString(args[1], constants);
        if (f === undefined) flagsUnknown = true;
        else flags = f;
      }
    }
    if (pattern === undefined) continue;
    const usages = new Set<RegexUsage>();
    if (item.direct) usages.add(item.direct);
    if (item.binding) for (const usage of usageByName.get(item.binding) ?? []) usages.add(usage);
    const start = lines.position(item.node.start);
    const end = lines.position(item.node.end);
    const invalid = compileError(pattern, flags);
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
    });
  }
  regexes.sort((a, b) => a.line - b.line || a.column - b.column);
  return parseError ? { regexes, parseError } : { regexes };
}
