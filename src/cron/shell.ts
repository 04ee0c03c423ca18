/**
 * What a cron command does, read from a real shell syntax tree (mvdan-sh, the GopherJS build of
 * mvdan/sh). The command is parsed as bash to learn what the author meant, and as POSIX sh to learn
 * what dash would refuse; the walk over the bash tree names each bash-only construct (ShellCheck's
 * SC3xxx family). mvdan-sh takes ~150 ms to initialise, so it is required lazily, on the first
 * command that needs it.
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

function parse(source: string, lang: 'LangBash' | 'LangPOSIX'): { file?: Node; error?: Node } {
  const api = syntax();
  try {
    return { file: api.NewParser(api.Variant(api[lang])).Parse(source, 'cron') };
  } catch (error) {
    return { error };
  }
}

function errorText(error: Node): string {
  const text = typeof error?.Error === 'function' ? String(error.Error()) : String(error?.message ?? error);
  return text.replace(/^cron:\d+:\d+: /, '');
}

export function analyzeCommand(command: string): ShellFacts {
  const facts: ShellFacts = { commands: [], bashisms: [], homeRefs: [], relativePaths: [], outputHandled: false, setsPath: false };
  const api = syntax();
  const toIndex = offsetMapper(command);
  const bytes = Buffer.from(command, 'utf8');
  const opText = (pos: Node, length: number) => bytes.toString('utf8', pos.Offset(), pos.Offset() + length);

  const bash = parse(command, 'LangBash');
  const posix = parse(command, 'LangPOSIX');
  const file = bash.file ?? posix.file;
  if (!file) {
    const err = bash.error;
    facts.parseError = { message: errorText(err), offset: toIndex(err?.Pos?.Offset?.() ?? 0) };
    return facts;
  }

  const bashism = (construct: string, shellcheck: string | undefined, byteOffset: number) =>
    facts.bashisms.push({ construct, shellcheck, offset: toIndex(byteOffset) });
  let firstCd = Number.POSITIVE_INFINITY;

  const visitCall = (call: Node) => {
    const args: Node[] = call.Args;
    if (args.length === 0) return;
    let i = 0;
    let wrappedBy: string | undefined;
    while (i < args.length) {
      const name = literal(args[i]);
      if (name === null) return; // computed command name: nothing to look up
      const wrapper = WRAPPERS[name];
      if (name === 'command') {
        const next = literal(args[i + 1]);
        if (next === '-v' || next === '-V') return; // a lookup, not a run
        i += next === '-p' ? 2 : 1;
        wrappedBy = name;
        continue;
      }
      if (!wrapper) {
        const offset = args[i].Pos().Offset();
        if (name === 'cd') firstCd = Math.min(firstCd, offset);
        if (name === '.' || name === 'source') facts.setsPath = true;
        if ((name === 'bash' || name === 'sh') && args.slice(i + 1).some((a) => /^-[a-z]*l[a-z]*$|^--login$/.test(literal(a) ?? ''))) facts.setsPath = true;
        facts.commands.push({ name, offset: toIndex(offset), afterCd: offset > firstCd, wrappedBy });
        checkCallBashisms(name, args.slice(i + 1), offset);
        return;
      }
      wrappedBy = name;
      i++;
      let positionals = wrapper.positionals;
      while (i < args.length) {
        const word = literal(args[i]);
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
          if (word.startsWith('PATH=')) facts.setsPath = true;
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
  };

  const checkCallBashisms = (name: string, rest: Node[], offset: number) => {
    if (name === 'source') bashism('source (use .)', 'SC3046', offset);
    else if (BASH_ONLY_BUILTINS.has(name)) bashism(name, 'SC3044', offset);
    else if ((name === '[' || name === 'test') && rest.some((a) => literal(a) === '==')) {
      const eq = rest.find((a) => literal(a) === '==')!;
      bashism('== in [ ] (use =)', 'SC3014', eq.Pos().Offset());
    } else if (name === 'echo') {
      const flag = literal(rest[0]);
      if (flag && /^-[neE]*[eE][neE]*$/.test(flag)) bashism(`echo ${flag} (dash prints the flag; use printf)`, 'SC3037', rest[0].Pos().Offset());
    } else if (name === 'read') {
      const flag = rest.map(literal).find((a) => a && /^-[a-zA-Z]*[pasnteiuN]/.test(a) && !/^-r+$/.test(a));
      if (flag) bashism(`read ${flag}`, 'SC3045', offset);
    }
  };

  api.Walk(file, (node: Node) => {
    if (!node) return true;
    const type: string = api.NodeType(node);
    switch (type) {
      case 'CallExpr':
        visitCall(node);
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
        if (name === 'HOME') facts.homeRefs.push({ text: '$HOME', offset: toIndex(at) });
        if (node.Slice) bashism('${var:offset:length}', 'SC3057', at);
        else if (node.Repl) bashism('${var/pattern/replacement}', 'SC3060', at);
        else if (node.Index) bashism('array index', 'SC3054', at);
        else if (node.Excl) bashism('${!var} indirection', 'SC3053', at);
        else if (node.Exp && name !== undefined) {
          const after = opText(node.Param.End(), 1);
          if (after === '^' || after === ',') bashism('case modification ${var^^}', 'SC3059', at);
          else if (after === '@') bashism('${var@op}', 'SC3059', at);
        } else if (name && BASH_ONLY_VARIABLES.has(name)) bashism(`$${name}`, 'SC3028', at);
        break;
      }
      case 'Redirect': {
        const op = opText(node.OpPos, 3);
        const at = node.OpPos.Offset();
        const fd = node.N ? String(node.N.Value) : null;
        if (op.startsWith('&>')) {
          bashism(op.startsWith('&>>') ? '&>>' : '&>', 'SC3020', at);
          facts.outputHandled = true;
        } else if (op.startsWith('<<<')) bashism('here-string <<<', 'SC3011', at);
        const target = literal(node.Word);
        const dup = op.startsWith('>&') || op.startsWith('<&');
        if (dup && target !== null && !/^(\d+|-)$/.test(target)) bashism('>& file (use > file 2>&1)', 'SC3020', at);
        if (!op.startsWith('<') && (fd === null || fd === '1' || fd === '2')) facts.outputHandled = true;
        if (!dup && !op.startsWith('<<') && target !== null && target.length > 0 && !target.startsWith('/') && !target.startsWith('~')) {
          facts.relativePaths.push({ text: target, offset: toIndex(node.Word.Pos().Offset()), kind: 'redirect' });
        }
        break;
      }
      case 'BinaryCmd': {
        const op = opText(node.OpPos, 2);
        if (op === '|&') bashism('|&', 'SC3052', node.OpPos.Offset());
        if (op.startsWith('|') && op !== '||') facts.outputHandled = true;
        break;
      }
      case 'Word': {
        const parts: Node[] = node.Parts;
        const first = parts[0];
        if (first && api.NodeType(first) === 'Lit') {
          const value = first.Value as string;
          if (value.startsWith('~')) facts.homeRefs.push({ text: value.split('/')[0]!, offset: toIndex(first.Pos().Offset()) });
          if ((value.startsWith('./') || value.startsWith('../')) && parts.length === 1) {
            facts.relativePaths.push({ text: value, offset: toIndex(first.Pos().Offset()), kind: 'argument' });
          }
        }
        for (const part of parts) {
          if (api.NodeType(part) === 'Lit' && hasBraceExpansion(part.Value)) bashism('brace expansion {a,b} / {1..n}', 'SC3009', part.Pos().Offset());
        }
        break;
      }
    }
    return true;
  });

  // What POSIX mode refuses outright, when the walk did not already name it.
  if (posix.error && facts.bashisms.length === 0) {
    const feature = posix.error.Feature !== undefined;
    bashism(feature ? errorText(posix.error).replace(/ are a bash\/mksh feature$| is a bash\/mksh feature$/, '') : `syntax dash refuses (${errorText(posix.error)})`, undefined, posix.error.Pos?.Offset?.() ?? 0);
  }
  // The command word itself is not an argument path.
  const commandOffsets = new Set(facts.commands.map((c) => c.offset));
  facts.relativePaths = facts.relativePaths.filter((p) => p.kind === 'redirect' || !commandOffsets.has(p.offset));
  facts.bashisms.sort((a, b) => a.offset - b.offset);
  return facts;
}

export function isBuiltin(name: string): boolean {
  return SHELL_BUILTINS.has(name);
}
