/**
 * What a cron command does, read from a real shell syntax tree (mvdan-sh, the GopherJS build of
 * mvdan/sh). The command is parsed as bash to learn what the author meant, and as POSIX sh to learn
 * what dash would refuse; the walk over the bash tree names each bash-only construct (ShellCheck's
 * SC3xxx family). mvdan-sh takes a few hundred milliseconds to initialise, so it is required
 * lazily, on the first command that needs it.
 */
import { createRequire } from 'node:module';
import { BASH_ONLY_VARIABLES, type CallWord, FactsBuilder, type ShellFacts } from './shell-facts.js';

/* mvdan-sh has no types: these are the few members of its GopherJS objects that the walk reads. */
type Node = any;

let syntaxApi: Node | undefined;

function syntax(): Node {
  if (!syntaxApi) syntaxApi = createRequire(import.meta.url)('mvdan-sh').syntax;
  return syntaxApi;
}

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
 * Besides brackets, mvdan-sh's tree nests one level per `|`, `&&` or `||`, per compound command
 * (`while a; do while b; do ...`) and per arithmetic operator (`$((1+1+...))`). 700 `&&` overflow
 * the stack; after a 500-long chain had warmed the parser up, reaching that overflow took 24 s on
 * Node 20 (2 s on Node 24), 600 nested `while` 43 s and 4,000 `+` 58 s, so catching the overflow
 * is not enough. Real cron commands have a handful of each.
 */
const MAX_SHELL_OPERATORS = 100;
const COMPOUND_KEYWORDS = new Set(['if', 'while', 'until', 'for', 'select', 'case', 'function']);
const ARITHMETIC_OPERATORS = '+-*/%<>=!~^?:,';

/** Those operators and keywords, quotes not skipped: over-counting only sends odd lines down the safe path. */
function nestingOperators(text: string): number {
  let count = 0;
  let arithmetic = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '|') count++;
    else if (c === '&' && text[i + 1] === '&') {
      count++;
      i++;
    } else if (c === '(' && text[i + 1] === '(') {
      arithmetic++;
      i++;
    } else if (c === ')' && text[i + 1] === ')' && arithmetic > 0) {
      arithmetic--;
      i++;
    } else if (arithmetic > 0 && ARITHMETIC_OPERATORS.includes(c)) count++;
    else if (c >= 'a' && c <= 'z' && (i === 0 || !/\w/.test(text[i - 1]!))) {
      let end = i + 1;
      while (end < text.length && /\w/.test(text[end]!)) end++;
      if (end - i <= 8 && COMPOUND_KEYWORDS.has(text.slice(i, end))) count++;
      i = end - 1;
    }
  }
  return count;
}

/**
 * mvdan-sh parses and walks by recursion: a hostile line nested a few hundred levels deep, or a
 * long chain of `&&`, overflows the stack (after seconds of work, or a minute). No real cron command
 * comes near that, so such lines are reported as not checked instead of crashing the run (never
 * as invalid shell: the command may well be valid).
 */
export function analyzeWithParser(command: string): ShellFacts {
  const unanalysable = (why: string): ShellFacts => ({ ...new FactsBuilder().facts, notChecked: why });
  if (nestingDepth(command) > MAX_SHELL_NESTING) return unanalysable(`nested more than ${MAX_SHELL_NESTING} levels deep, too deep to check`);
  if (nestingOperators(command) > MAX_SHELL_OPERATORS) return unanalysable(`more than ${MAX_SHELL_OPERATORS} pipes, && and ||, compound commands or arithmetic operators, too many to check`);
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
        if (typeof node.Name?.Value === 'string') facts.functions.push(node.Name.Value);
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
