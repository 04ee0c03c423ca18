// One parse of a JS/TS file with oxc's native parser, shared by every domain that reads source
// (regex extraction, session audit). oxc hands back its tree as a JSON string; turning that into
// objects is the most expensive step, so it happens only when a domain asks for the tree, and
// a domain may first search the string (a file with no `"regex":{` has no regex literal).
// Raw transfer, oxc's faster mode, needs Node 22 (ArrayBuffers over 4 GiB), and authkit
// supports Node 20.
import { parseSync as parseSyncBinding } from 'oxc-parser/src-js/bindings';
import type { InputError } from '../findings/model.js';
import type { Node } from './ast.js';
import { languageOf, sourceTypeOf } from './files.js';
import { LineIndex } from './lines.js';
import { excessiveNesting } from './nesting.js';
import { parseGuarded } from './parse-guard.js';

export interface ParseProblem {
  line: number;
  column: number;
  message: string;
}

export interface SourceComment {
  type: 'Line' | 'Block';
  value: string;
  start: number;
  end: number;
}

export interface ParsedSource {
  file: string;
  text: string;
  lines: LineIndex;
  /** oxc's tree as JSON; empty when the file was refused before parsing. */
  json: string;
  comments: SourceComment[];
  /** The parser's first syntax error, or why the file was not parsed; what was parsed is still usable. */
  parseError?: ParseProblem;
  /** True when the file was refused before parsing (nesting that would crash the native parser). */
  refused: boolean;
  /** The tree, built from `json` on first use. */
  program(): Node;
}

interface OxcError {
  message: string;
  labels: { start: number; end: number }[];
}

interface NativeParseResult {
  program: string;
  comments: SourceComment[];
  errors: OxcError[];
}

const EMPTY_PROGRAM: Node = { type: 'Program', start: 0, end: 0, body: [] };

/**
 * Files up to this size are parsed in this process: oxc's worst known shape is quadratic, so it
 * costs at most some 0.3 s and 60 MB here (less than the parser process's own limits allow),
 * while the round trip to that process (two process boundaries) nearly doubles the time of a
 * tree of small files.
 */
const IN_PROCESS_LIMIT = 16 * 1024;

/** True when a source file of this size is parsed in the parser process. */
export function parsedOutOfProcess(bytes: number): boolean {
  return bytes > IN_PROCESS_LIMIT;
}

function native(file: string, text: string, lang: 'js' | 'jsx' | 'ts' | 'tsx'): NativeParseResult | { refused: string } {
  if (text.length <= IN_PROCESS_LIMIT) {
    const result = parseSyncBinding(file, text, { lang, sourceType: sourceTypeOf(file), preserveParens: true }) as unknown as NativeParseResult;
    // The binding's members are getters that hand their value over once: read each exactly once.
    return { program: result.program, comments: result.comments, errors: result.errors };
  }
  const response = parseGuarded(file, text, lang, sourceTypeOf(file));
  return 'refused' in response ? { refused: response.refused } : response;
}

function parsedFrom(file: string, text: string, result: Omit<ParsedSource, 'program' | 'file' | 'text' | 'lines'>, lines: LineIndex): ParsedSource {
  let program: Node | undefined;
  return {
    file,
    text,
    lines,
    ...result,
    program() {
      if (!program) program = this.json ? (JSON.parse(this.json) as { node: Node }).node : EMPTY_PROGRAM;
      return program;
    },
  };
}

// scan hands one file to several domains in a row: each parses the same text once between them.
let last: { file: string; text: string; parsed: ParsedSource } | undefined;

/** Parses one JS/TS file. Never throws on bad input: problems come back as `parseError`. */
export function parseSource(file: string, text: string): ParsedSource {
  if (last && last.file === file && last.text === text) return last.parsed;
  const lines = new LineIndex(text);
  const tooDeep = excessiveNesting(text);
  let parsed: ParsedSource;
  if (tooDeep) {
    parsed = parsedFrom(file, text, { json: '', comments: [], refused: true, parseError: { line: 1, column: 1, message: `not parsed: ${tooDeep}` } }, lines);
  } else {
    const lang = languageOf(file);
    let result = native(file, text, lang);
    // .js files may hold JSX or not; `<T>x` casts and `a < b > c` read differently. Plain JS first
    // failing with JSX on is rare, so only then is the other reading tried.
    if (!('refused' in result) && result.errors.length > 0 && lang === 'jsx') {
      const retry = native(file, text, 'js');
      if (!('refused' in retry) && retry.errors.length === 0) result = retry;
    }
    if ('refused' in result) {
      parsed = parsedFrom(file, text, { json: '', comments: [], refused: true, parseError: { line: 1, column: 1, message: `not parsed: ${result.refused}` } }, lines);
    } else {
      const first = result.errors[0];
      const parseError = first ? { ...lines.position(first.labels[0]?.start ?? 0), message: first.message } : undefined;
      parsed = parsedFrom(file, text, { json: result.program, comments: result.comments, refused: false, ...(parseError ? { parseError } : {}) }, lines);
    }
  }
  last = { file, text, parsed };
  return parsed;
}

/**
 * The one way every command reports a file that did not parse (issue 24: scan and regex-audit said
 * "no problems found" where session-audit said "cannot parse"): an input error, exit 2.
 */
export function parseFailure(file: string, problem: ParseProblem | undefined, refused = false): InputError | null {
  if (!problem) return null;
  return { file, message: `cannot parse (${problem.message} at line ${problem.line}); ${refused ? 'not checked' : 'checked what parsed'}` };
}
