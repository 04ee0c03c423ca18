/**
 * What a cron command does, read from a real shell syntax tree (mvdan-sh, the GopherJS build of
 * mvdan/sh). The command is parsed as bash to learn what the author meant, and as POSIX sh to learn
 * what dash would refuse; the walk over the bash tree names each bash-only construct (ShellCheck's
 * SC3xxx family). mvdan-sh takes a few hundred milliseconds to initialise, so it is required
 * lazily, on the first command that needs it.
 */
import { createRequire } from 'node:module';
import { SHELL_BUILTINS, WRAPPERS } from './commands.js';

/* mvdan-sh has no types: these are the few members of its GopherJS objects that the walk reads. */
// biome-ignore lint: untyped GopherJS objects
type Node = any;

let syntaxApi: Node | undefined;

function syntax(): Node {
  if (!syntaxApi) syntaxApi = createRequire(import.meta.url)('mvdan-sh').syntax;
  return syntaxApi;
}

/** True once mvdan-sh is in memory (for tests and the benchmark). */
export function shellParserLoaded(): boolean {
  return syntaxApi !== undefined;
}

export interface Bashism {
  /** Short name of the construct: `[[ ]]`, `&>`, `source`... */
  construct: string;
  /** ShellCheck's code for it, when it has one. */
  shellcheck?: string;
  /** 0-based index in the analysed command. */
  offset: number;
}

export interface CommandUse {
  name: string;
  offset: number;
  /** A `cd` ran earlier in the same command line: relative paths are relative to that. */
  afterCd: boolean;
  /** Reached through a wrapper such as nice, flock or timeout. */
  wrappedBy?: string;
}

export interface PathUse {
  text: string;
  offset: number;
  kind: 'argument' | 'redirect';
}

export interface ShellFacts {
  parseError?: { message: string; offset: number };
  commands: CommandUse[];
  bashisms: Bashism[];
  /** `~` or `$HOME` uses. */
  homeRefs: { text: string; offset: number }[];
  /** Arguments starting with ./ or ../ and redirect targets that are not absolute. */
  relativePaths: PathUse[];
  /** Output goes somewhere: a redirect of stdout/stderr or a pipe. */
  outputHandled: boolean;
  /** The command sets PATH itself, or sources a profile or runs a login shell that may. */
  setsPath: boolean;
}

const BASH_ONLY_VARIABLES = new Set(['RANDOM', 'SECONDS', 'BASH_SOURCE', 'BASH_VERSION', 'PIPESTATUS', 'EPOCHSECONDS', 'EPOCHREALTIME', 'FUNCNAME', 'BASHPID', 'HOSTNAME', 'EUID', 'UID']);
const BASH_ONLY_BUILTINS = new Set(['shopt', 'pushd', 'popd', 'dirs', 'mapfile', 'readarray', 'disown', 'declare', 'typeset', 'enable', 'builtin', 'caller', 'complete', 'compgen']);

/** Byte offsets (Go strings) to JS string indices, for commands with non-ASCII text. */
function offsetMapper(source: string): (byteOffset: number) => number {
  let ascii = true;
  for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) > 0x7f) ascii = false;
  if (ascii) return (b) => b;
  const byteToIndex: number[] = [];
  let index = 0;
  for (const ch of source) {
    const bytes = Buffer.byteLength(ch);
    for (let k = 0; k < bytes; k++) byteToIndex.push(index);
    index += ch.length;
  }
  byteToIndex.push(index);
  return (b) => byteToIndex[Math.min(b, byteToIndex.length - 1)] ?? index;
}

/** The literal text of a word when it has no quotes or expansions, else null. */
function literal(word: Node): string | null {
  if (!word) return null;
  const parts = word.Parts;
  if (parts.length !== 1) return null;
  const api = syntax();
  if (api.NodeType(parts[0]) !== 'Lit') return null;
  return parts[0].Value as string;
}

/** Whether an unquoted literal holds a brace expansion (`{a,b}` or `{1..5}`), which dash lacks. */
function hasBraceExpansion(text: string): boolean {
  let open = text.indexOf('{');
  while (open >= 0) {
    const close = text.indexOf('}', open + 1);
    if (close < 0) return false;
    const inner = text.slice(open + 1, close);
    if (inner.length > 0 && !inner.includes('{') && (inner.includes(',') || /^[^.]+\.\.[^.]+$/.test(inner))) return true;
    open = text.indexOf('{', open + 1);
  }
  return false;
}

const parsers: Partial<Record<'LangBash' | 'LangPOSIX', Node>> = {};

function parse(source: string, lang: 'LangBash' | 'LangPOSIX'): { file?: Node; error?: Node } {
  const api = syntax();
  // A parser resets itself on every Parse: one per variant saves most of the per-command cost.
  const parser = (parsers[lang] ??= api.NewParser(api.Variant(api[lang])));
  try {
    return { file: parser.Parse(source, 'cron') };
  } catch (error) {
    if (error instanceof RangeError) throw error;
    return { error };
  }
}

function errorText(error: Node): string {
  const text = typeof error?.Error === 'function' ? String(error.Error()) : String(error?.message ?? error);
  return text.replace(/^cron:\d+:\d+: /, '');
}

/** A word of a simple command as the shared interpretation needs it: its literal text, if any, and where it starts. */
interface CallWord {
  literal: string | null;
  /** JS string index in the command. */
  offset: number;
}

/** What both readers (the tree walk and the fast scanner) accumulate while going through the command. */
class FactsBuilder {
  readonly facts: ShellFacts = { commands: [], bashisms: [], homeRefs: [], relativePaths: [], outputHandled: false, setsPath: false };
  private firstCd = Number.POSITIVE_INFINITY;

  bashism(construct: string, shellcheck: string | undefined, offset: number): void {
    this.facts.bashisms.push({ construct, shellcheck, offset });
  }

  /** A simple command: finds the command word through wrappers, notes cd, PATH and call-level bashisms. */
  call(words: CallWord[]): void {
    let i = 0;
    let wrappedBy: string | undefined;
    while (i < words.length) {
      const name = words[i]!.literal;
      if (name === null) return; // computed command name: nothing to look up
      if (name === 'command') {
        const next = words[i + 1]?.literal;
        if (next === '-v' || next === '-V') return; // a lookup, not a run
        i += next === '-p' ? 2 : 1;
        wrappedBy = name;
        continue;
      }
      const wrapper = WRAPPERS[name];
      if (!wrapper) {
        const offset = words[i]!.offset;
        if (name === 'cd') this.firstCd = Math.min(this.firstCd, offset);
        if (name === '.' || name === 'source') this.facts.setsPath = true;
        const rest = words.slice(i + 1);
        if ((name === 'bash' || name === 'sh') && rest.some((a) => /^-[a-km-z]*l[a-z]*$|^--login$/.test(a.literal ?? ''))) this.facts.setsPath = true;
        this.facts.commands.push({ name, offset, afterCd: offset > this.firstCd, wrappedBy });
        this.callBashisms(name, rest, offset);
        return;
      }
      wrappedBy = name;
      i++;
      let positionals = wrapper.positionals;
      while (i < words.length) {
        const word = words[i]!.literal;
        if (word === null) return;
        if (wrapper.stringFlags?.includes(word)) return;
        if (word === '--') {
          i++;
          break;
        }
        if (word.startsWith('-') && word.length > 1) {
          i += wrapper.optionsWithArgument.includes(word) ? 2 : 1;
          continue;
        }
        if (wrapper.assignments && word.includes('=')) {
          if (word.startsWith('PATH=')) this.facts.setsPath = true;
          i++;
          continue;
        }
        if (positionals > 0) {
          positionals--;
          i++;
          continue;
        }
        break;
      }
    }
  }

  private callBashisms(name: string, rest: CallWord[], offset: number): void {
    if (name === 'source') this.bashism('source (use .)', 'SC3046', offset);
    else if (BASH_ONLY_BUILTINS.has(name)) this.bashism(name, 'SC3044', offset);
    else if (name === '[' || name === 'test') {
      const eq = rest.find((a) => a.literal === '==');
      if (eq) this.bashism('== in [ ] (use =)', 'SC3014', eq.offset);
    } else if (name === 'echo') {
      const flag = rest[0]?.literal;
      if (flag && /^-n*[eE][neE]*$/.test(flag)) this.bashism(`echo ${flag} (dash prints the flag; use printf)`, 'SC3037', rest[0]!.offset);
    } else if (name === 'read') {
      const flag = rest.map((a) => a.literal).find((a) => a && /^-[a-zA-Z]*[pasnteiuN]/.test(a) && !/^-r+$/.test(a));
      if (flag) this.bashism(`read ${flag}`, 'SC3045', offset);
    }
  }

  /** Any word: `~` at its start, or a lone ./ or ../ literal. `firstLiteral` is its leading unquoted text. */
  word(firstLiteral: string | null, onlyLiteral: boolean, offset: number): void {
    if (firstLiteral === null) return;
    if (firstLiteral.startsWith('~')) this.facts.homeRefs.push({ text: firstLiteral.split('/')[0]!, offset });
    if (onlyLiteral && (firstLiteral.startsWith('./') || firstLiteral.startsWith('../'))) this.facts.relativePaths.push({ text: firstLiteral, offset, kind: 'argument' });
  }

  parameter(name: string, offset: number, plain: boolean): void {
    if (name === 'HOME') this.facts.homeRefs.push({ text: '$HOME', offset });
    if (plain && BASH_ONLY_VARIABLES.has(name)) this.bashism(`$${name}`, 'SC3028', offset);
  }

  /** A redirection: `op` is its operator text (at least the first 3 characters), `fd` the explicit descriptor. */
  redirect(op: string, fd: string | null, target: string | null, targetOffset: number, opOffset: number): void {
    if (op.startsWith('&>')) {
      this.bashism(op.startsWith('&>>') ? '&>>' : '&>', 'SC3020', opOffset);
      this.facts.outputHandled = true;
    } else if (op.startsWith('<<<')) this.bashism('here-string <<<', 'SC3011', opOffset);
    const dup = op.startsWith('>&') || op.startsWith('<&');
    if (dup && target !== null && !/^(\d+|-)$/.test(target)) this.bashism('>& file (use > file 2>&1)', 'SC3020', opOffset);
    if (!op.startsWith('<') && (fd === null || fd === '1' || fd === '2')) this.facts.outputHandled = true;
    if (!dup && !op.startsWith('<<') && target !== null && target.length > 0 && !target.startsWith('/') && !target.startsWith('~')) {
      this.facts.relativePaths.push({ text: target, offset: targetOffset, kind: 'redirect' });
    }
  }

  pipe(): void {
    this.facts.outputHandled = true;
  }

  finish(): ShellFacts {
    const facts = this.facts;
    // The command word itself is not an argument path.
    const commandOffsets = new Set(facts.commands.map((c) => c.offset));
    const seen = new Set<string>();
    facts.relativePaths = facts.relativePaths
      .filter((p) => p.kind === 'redirect' || !commandOffsets.has(p.offset))
      .sort((a, b) => a.offset - b.offset || (a.kind === 'redirect' ? -1 : 1))
      .filter((p) => {
        const key = `${p.offset}:${p.text}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    facts.bashisms.sort((a, b) => a.offset - b.offset);
    facts.homeRefs.sort((a, b) => a.offset - b.offset);
    return facts;
  }
}

/**
 * Shell facts for one cron command. Commands made only of plain words, quotes, simple $NAME
 * expansions, pipes, && || ; and plain redirections (most cron lines) are read by a small exact
 * scanner; anything else goes to mvdan-sh. Both give the same facts (a property test checks it),
 * and the scanner spares the ~150 ms that loading mvdan-sh costs.
 */
export function analyzeCommand(command: string): ShellFacts {
  return scanSimpleCommand(command) ?? analyzeWithParser(command);
}

const MAX_SHELL_NESTING = 100;

/** Bracket depth, quotes not skipped: over-counting only sends odd lines down the safe path. */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 123) max = Math.max(max, ++depth);
    else if ((c === 41 || c === 125) && depth > 0) depth--;
  }
  return max;
}

/**
 * mvdan-sh parses and walks by recursion: a hostile line nested a few hundred levels deep, or a
 * chain of thousands of `&&`, overflows the stack (after seconds of work). No real cron command
 * comes near that, so such lines are reported as unanalysable instead of crashing the run.
 */
export function analyzeWithParser(command: string): ShellFacts {
  const unanalysable = (why: string): ShellFacts => ({ ...new FactsBuilder().facts, parseError: { message: why, offset: 0 } });
  if (nestingDepth(command) > MAX_SHELL_NESTING) return unanalysable(`nested more than ${MAX_SHELL_NESTING} levels deep, too deep to check`);
  try {
    return parseAndWalk(command);
  } catch (error) {
    if (error instanceof RangeError) return unanalysable('too complex to check (the shell parser ran out of stack)');
    throw error;
  }
}

/** The same facts from mvdan-sh's syntax tree (bash and POSIX variants). */
function parseAndWalk(command: string): ShellFacts {
  const builder = new FactsBuilder();
  const facts = builder.facts;
  const api = syntax();
  const toIndex = offsetMapper(command);
  const bytes = Buffer.from(command, 'utf8');
  const opText = (pos: Node, length: number) => bytes.toString('utf8', pos.Offset(), pos.Offset() + length);

  const bash = parse(command, 'LangBash');
  // The POSIX parse only matters when the bash tree shows no bash-only construct (see the end).
  let posixResult: { file?: Node; error?: Node } | undefined;
  const posix = () => (posixResult ??= parse(command, 'LangPOSIX'));
  const file = bash.file ?? posix().file;
  if (!file) {
    const err = bash.error;
    facts.parseError = { message: errorText(err), offset: toIndex(err?.Pos?.Offset?.() ?? 0) };
    return facts;
  }

  const bashism = (construct: string, shellcheck: string | undefined, byteOffset: number) => builder.bashism(construct, shellcheck, toIndex(byteOffset));
  const callWords = (args: Node[]): CallWord[] => args.map((a) => ({ literal: literal(a), offset: toIndex(a.Pos().Offset()) }));

  api.Walk(file, (node: Node) => {
    if (!node) return true;
    const type: string = api.NodeType(node);
    switch (type) {
      case 'CallExpr':
        if (node.Args.length > 0) builder.call(callWords(node.Args));
        break;
      case 'Assign':
        if (node.Name?.Value === 'PATH') facts.setsPath = true;
        if (node.Array) bashism('array', 'SC3030', node.Pos().Offset());
        break;
      case 'ArithmExp':
      case 'ArithmCmd': {
        // Inside $(( )) variables are bare words: RANDOM there is as bash-only as $RANDOM.
        api.Walk(node.X, (inner: Node) => {
          if (inner && api.NodeType(inner) === 'Lit' && BASH_ONLY_VARIABLES.has(inner.Value)) bashism(inner.Value, 'SC3028', inner.Pos().Offset());
          return true;
        });
        if (type === 'ArithmCmd') bashism('(( ))', 'SC3006', node.Pos().Offset());
        break;
      }
      case 'TestClause':
        bashism('[[ ]]', 'SC3010', node.Pos().Offset());
        break;
      case 'ProcSubst':
        bashism('process substitution <( )', 'SC3001', node.Pos().Offset());
        break;
      case 'SglQuoted':
        if (node.Dollar) bashism("$'...' quoting", 'SC3003', node.Pos().Offset());
        break;
      case 'DblQuoted':
        if (node.Dollar) bashism('$"..." quoting', 'SC3004', node.Pos().Offset());
        break;
      case 'FuncDecl':
        if (node.RsrvWord) bashism('function keyword', 'SC3033', node.Pos().Offset());
        break;
      case 'LetClause':
        bashism('let', 'SC3039', node.Pos().Offset());
        break;
      case 'CoprocClause':
        bashism('coproc', 'SC3044', node.Pos().Offset());
        break;
      case 'ForClause':
        if (node.Select) bashism('select', 'SC3008', node.Pos().Offset());
        break;
      case 'ExtGlob':
        bashism('extended glob', 'SC3025', node.Pos().Offset());
        break;
      case 'DeclClause': {
        const variant = node.Variant?.Value;
        if (variant === 'declare' || variant === 'typeset' || variant === 'nameref') bashism(variant, 'SC3044', node.Pos().Offset());
        break;
      }
      case 'ParamExp': {
        const name = node.Param?.Value as string | undefined;
        const at = node.Pos().Offset();
        const plain = !node.Slice && !node.Repl && !node.Index && !node.Excl && !node.Exp;
        if (name) builder.parameter(name, toIndex(at), plain);
        if (node.Slice) bashism('${var:offset:length}', 'SC3057', at);
        else if (node.Repl) bashism('${var/pattern/replacement}', 'SC3060', at);
        else if (node.Index) bashism('array index', 'SC3054', at);
        else if (node.Excl) bashism('${!var} indirection', 'SC3053', at);
        else if (node.Exp && name !== undefined) {
          const after = opText(node.Param.End(), 1);
          if (after === '^' || after === ',') bashism('case modification ${var^^}', 'SC3059', at);
          else if (after === '@') bashism('${var@op}', 'SC3059', at);
        }
        break;
      }
      case 'Redirect': {
        const fd = node.N ? String(node.N.Value) : null;
        builder.redirect(opText(node.OpPos, 3), fd, literal(node.Word), node.Word ? toIndex(node.Word.Pos().Offset()) : 0, toIndex(node.OpPos.Offset()));
        break;
      }
      case 'BinaryCmd': {
        const op = opText(node.OpPos, 2);
        if (op === '|&') bashism('|&', 'SC3052', node.OpPos.Offset());
        if (op.startsWith('|') && op !== '||') builder.pipe();
        break;
      }
      case 'Word': {
        const parts: Node[] = node.Parts;
        const first = parts[0];
        const firstLiteral = first && api.NodeType(first) === 'Lit' ? (first.Value as string) : null;
        builder.word(firstLiteral, parts.length === 1, first ? toIndex(first.Pos().Offset()) : 0);
        for (const part of parts) {
          if (api.NodeType(part) === 'Lit' && hasBraceExpansion(part.Value)) bashism('brace expansion {a,b} / {1..n}', 'SC3009', part.Pos().Offset());
        }
        break;
      }
    }
    return true;
  });

  // What POSIX mode refuses outright, when the walk did not already name it.
  const posixError = facts.bashisms.length === 0 ? posix().error : undefined;
  if (posixError) {
    const feature = posixError.Feature !== undefined;
    bashism(feature ? errorText(posixError).replace(/ are a bash\/mksh feature$| is a bash\/mksh feature$/, '') : `syntax dash refuses (${errorText(posixError)})`, undefined, posixError.Pos?.Offset?.() ?? 0);
  }
  return builder.finish();
}

export function isBuiltin(name: string): boolean {
  return SHELL_BUILTINS.has(name);
}

// ---------- the fast path: an exact scanner for plain commands ----------

interface WordPart {
  kind: 'lit' | 'sq' | 'dq' | 'param';
  text: string;
  offset: number;
}

/** Words that make the command more than a simple command (or a declaration in mvdan-sh's tree). */
const NOT_SIMPLE_AT_COMMAND = new Set([
  'if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', 'in', 'function', 'select',
  'time', 'coproc', '!', 'export', 'readonly', 'local', 'declare', 'typeset', 'nameref', 'let',
]);

function isPlainWordChar(c: string): boolean {
  return (
    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
    c === '_' || c === '.' || c === '/' || c === ':' || c === '=' || c === ',' || c === '+' || c === '@' ||
    c === '%' || c === '-' || c === '~' || c === '*' || c === '?' || c === '#'
  );
}

function isNameStart(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_');
}

function isNameChar(c: string | undefined): boolean {
  return isNameStart(c) || (c !== undefined && c >= '0' && c <= '9');
}

/** `$NAME` or `${NAME}` at `i`; anything else ($1, $(, ${x:-y}) is not for the fast path. */
function readParameter(src: string, i: number): { name: string; end: number } | null {
  if (src[i + 1] === '{') {
    let j = i + 2;
    if (!isNameStart(src[j])) return null;
    while (isNameChar(src[j])) j++;
    return src[j] === '}' ? { name: src.slice(i + 2, j), end: j + 1 } : null;
  }
  let j = i + 1;
  if (!isNameStart(src[j])) return null;
  while (isNameChar(src[j])) j++;
  return { name: src.slice(i + 1, j), end: j };
}

/** One word from `i`: its parts, or null when it holds anything the fast path does not model. */
function readWord(src: string, i: number): { parts: WordPart[]; end: number } | null {
  const parts: WordPart[] = [];
  const start = i;
  // `[` and `]` only as whole words (the test command); elsewhere they are globs or arrays.
  if ((src[i] === '[' || src[i] === ']') && (i + 1 === src.length || ' \t;|&<>'.includes(src[i + 1]!))) {
    return { parts: [{ kind: 'lit', text: src[i]!, offset: i }], end: i + 1 };
  }
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === ';' || c === '|' || c === '&' || c === '<' || c === '>') break;
    const last = parts[parts.length - 1];
    // `#` is literal only inside plain text (a#b); where a word starts or after quotes, leave it to the parser.
    if (isPlainWordChar(c) && !(c === '#' && (i === start || last?.kind !== 'lit' || last.offset + last.text.length !== i))) {
      let end = i + 1;
      while (end < src.length && isPlainWordChar(src[end]!)) end++;
      parts.push({ kind: 'lit', text: src.slice(i, end), offset: i });
      i = end;
      continue;
    }
    if (c === "'") {
      const close = src.indexOf("'", i + 1);
      if (close < 0) return null;
      parts.push({ kind: 'sq', text: src.slice(i + 1, close), offset: i });
      i = close + 1;
      continue;
    }
    if (c === '"') {
      const open = i;
      i++;
      while (i < src.length && src[i] !== '"') {
        const d = src[i]!;
        if (d === '\\' || d === '`') return null;
        if (d === '$') {
          const param = readParameter(src, i);
          if (!param) return null;
          parts.push({ kind: 'param', text: param.name, offset: i });
          i = param.end;
          continue;
        }
        i++;
      }
      if (i >= src.length) return null;
      parts.push({ kind: 'dq', text: src.slice(open + 1, i), offset: open });
      i++;
      continue;
    }
    if (c === '$') {
      const param = readParameter(src, i);
      if (!param) return null;
      parts.push({ kind: 'param', text: param.name, offset: i });
      i = param.end;
      continue;
    }
    return null;
  }
  return parts.length > 0 ? { parts, end: i } : null;
}

/**
 * Reads a command made of simple commands joined by `|`, `&&`, `||` and `;`, with words of plain
 * characters, '...' and "..." quotes and $NAME expansions, and redirections `>`, `>>`, `<` and
 * `N>&M`. Returns null for anything else (subshells, $( ), backslashes, bash syntax, errors), which
 * then goes to the real parser.
 */
export function scanSimpleCommand(src: string): ShellFacts | null {
  const builder = new FactsBuilder();
  let words: CallWord[] = [];
  let current = false; // the simple command being read has a word, an assignment or a redirection
  let needCommand = false; // after | && ||: a command must follow
  let i = 0;

  const endCommand = (): boolean => {
    if (!current) return false;
    if (words.length > 0) builder.call(words);
    words = [];
    current = false;
    return true;
  };
  const visitParameters = (parts: WordPart[]) => {
    for (const part of parts) if (part.kind === 'param') builder.parameter(part.text, part.offset, true);
  };
  const visitWord = (parts: WordPart[]) => {
    const first = parts[0]!;
    builder.word(first.kind === 'lit' ? first.text : null, parts.length === 1 && first.kind === 'lit', first.offset);
    visitParameters(parts);
  };

  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '#') break; // a comment runs to the end of the line
    if (c === '|' || c === '&' || c === ';') {
      const two = src.slice(i, i + 2);
      if (two === '&&' || two === '||') {
        if (!endCommand()) return null;
        needCommand = true;
        i += 2;
        continue;
      }
      if (c === '|' && two !== '|&') {
        if (!endCommand()) return null;
        builder.pipe();
        needCommand = true;
        i++;
        continue;
      }
      if (c === ';' && two !== ';;') {
        if (!endCommand() || needCommand) return null;
        i++;
        continue;
      }
      return null; // background &, |&, ;;
    }
    let fd: string | null = null;
    let j = i;
    while (j < src.length && src[j]! >= '0' && src[j]! <= '9') j++;
    if (j > i && (src[j] === '<' || src[j] === '>')) {
      fd = src.slice(i, j);
      i = j;
    }
    if (src[i] === '<' || src[i] === '>') {
      const opStart = i;
      let op: string;
      if (src.startsWith('>>', i)) op = '>>';
      else if (src.startsWith('>&', i)) op = '>&';
      else if (src[i] === '>' && src[i + 1] !== '|') op = '>';
      else if (src[i] === '<' && src[i + 1] !== '<' && src[i + 1] !== '>' && src[i + 1] !== '&' && src[i + 1] !== '(') op = '<';
      else return null;
      i += op.length;
      if (src[i] === '>' || src[i] === '<' || src[i] === '&' || src[i] === '|') return null;
      while (src[i] === ' ' || src[i] === '\t') i++;
      const target = readWord(src, i);
      if (!target) return null;
      const literal = target.parts.length === 1 && target.parts[0]!.kind === 'lit' ? target.parts[0]!.text : null;
      if (op === '>&' && (literal === null || !/^(\d+|-)$/.test(literal))) return null;
      if (literal !== null && /^\d+$/.test(literal) && (src[target.end] === '<' || src[target.end] === '>')) return null;
      visitWord(target.parts);
      builder.redirect(op, fd, literal, target.parts[0]!.offset, opStart);
      i = target.end;
      current = true;
      needCommand = false;
      continue;
    }
    if (fd !== null) return null;
    const word = readWord(src, i);
    if (!word) return null;
    // `x1>f`: whether the digit is a descriptor is a fine point best left to the parser.
    if ((src[word.end] === '<' || src[word.end] === '>') && /\d$/.test(src.slice(i, word.end))) return null;
    const first = word.parts[0]!;
    const literal = word.parts.length === 1 && first.kind === 'lit' ? first.text : null;
    if (words.length === 0) {
      if (first.kind === 'lit' && /^[A-Za-z_][A-Za-z0-9_]*\+=/.test(first.text)) return null;
      const assignment = first.kind === 'lit' ? /^[A-Za-z_][A-Za-z0-9_]*=/.exec(first.text) : null;
      if (assignment) {
        if (assignment[0] === 'PATH=') builder.facts.setsPath = true;
        const rest = first.text.slice(assignment[0].length);
        const valueParts: WordPart[] = [...(rest ? [{ kind: 'lit' as const, text: rest, offset: first.offset + assignment[0].length }] : []), ...word.parts.slice(1)];
        if (valueParts.length > 0) visitWord(valueParts);
        i = word.end;
        current = true;
        needCommand = false;
        continue;
      }
      if (literal !== null && NOT_SIMPLE_AT_COMMAND.has(literal)) return null;
    }
    visitWord(word.parts);
    words.push({ literal, offset: first.offset });
    i = word.end;
    current = true;
    needCommand = false;
  }
  if (needCommand) return null;
  endCommand();
  return builder.finish();
}
