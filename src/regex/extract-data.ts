// Regexes in data files: JSON Schema and OpenAPI documents validate auth input (emails, user
// names, tokens) with `pattern` strings, and configs name them `regex`. Only string values under
// those two keys count.
import { LineCounter, parseAllDocuments, isMap, isPair, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import { MAX_YAML_NESTING, yamlNesting } from '../files/yaml-nesting.js';
import { LineIndex } from '../js/lines.js';
import { type Extraction, type ExtractedRegex, compileError } from './extract.js';

const PATTERN_KEYS = new Set(['pattern', 'regex']);

export function isDataFile(path: string): 'json' | 'yaml' | null {
  const lower = path.toLowerCase();
  if (lower.endsWith('.json') || lower.endsWith('.jsonc')) return 'json';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  return null;
}

// Cheap textual tests: lockfiles mention path-to-regexp but have no such key, and are large.
function mentionsJsonKey(text: string): boolean {
  return text.includes('"pattern"') || text.includes('"regex"');
}

const YAML_KEY = /(?:^|[\s{,?-])["']?(?:pattern|regex)["']?[ \t]*:/m;

function mentionsYamlKey(text: string): boolean {
  return (text.includes('pattern') || text.includes('regex')) && YAML_KEY.test(text);
}

function dataRegex(pattern: string, start: { line: number; column: number }, end: { line: number; column: number }, key: string): ExtractedRegex {
  const invalid = compileError(pattern, '');
  return {
    pattern,
    flags: '',
    kind: 'data',
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    usages: [],
    names: [key],
    ...(invalid ? { invalid } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// JSON: a small scanner that keeps positions (JSON.parse keeps none). It tolerates what JSON-ish
// configs contain (comments, trailing commas) and never recurses, so nesting depth cannot hurt.
// Keys must be quoted: JSON5 is not read.

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

function scanJsonString(text: string, at: number): { value: string; end: number } {
  // `at` is the opening quote.
  let i = at + 1;
  let value = '';
  let chunkStart = i;
  for (;;) {
    if (i >= text.length) throw new JsonSyntaxError('unterminated string', at);
    const c = text.charCodeAt(i);
    if (c === 34) {
      value += text.slice(chunkStart, i);
      return { value, end: i + 1 };
    }
    if (c === 10) throw new JsonSyntaxError('unterminated string', at);
    if (c === 92) {
      value += text.slice(chunkStart, i);
      const e = text[i + 1];
      switch (e) {
        case '"':
        case '\\':
        case '/':
          value += e;
          break;
        case 'b':
          value += '\b';
          break;
        case 'f':
          value += '\f';
          break;
        case 'n':
          value += '\n';
          break;
        case 'r':
          value += '\r';
          break;
        case 't':
          value += '\t';
          break;
        case 'u': {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new JsonSyntaxError('bad \\u escape', i);
          value += String.fromCharCode(parseInt(hex, 16));
          i += 4;
          break;
        }
        default:
          throw new JsonSyntaxError('bad escape', i);
      }
      i += 2;
      chunkStart = i;
      continue;
    }
    i++;
  }
}

interface Container {
  kind: 'object' | 'array';
  /** In an object: the key whose value comes next (or last came). */
  key?: string;
  expectKey: boolean;
}

export function extractFromJson(text: string): Extraction {
  if (!mentionsJsonKey(text)) return { regexes: [] };
  const lines = new LineIndex(text);
  const regexes: ExtractedRegex[] = [];
  const stack: Container[] = [];
  let i = 0;
  const n = text.length;
  let sawValue = false;
  try {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff) {
        i++;
        continue;
      }
      if (c === 47 && text.charCodeAt(i + 1) === 47) {
        const eol = text.indexOf('\n', i);
        i = eol < 0 ? n : eol;
        continue;
      }
      if (c === 47 && text.charCodeAt(i + 1) === 42) {
        const close = text.indexOf('*/', i + 2);
        if (close < 0) throw new JsonSyntaxError('unterminated comment', i);
        i = close + 2;
        continue;
      }
      const top = stack[stack.length - 1];
      if (c === 123 || c === 91) {
        if (top?.kind === 'object' && top.expectKey) throw new JsonSyntaxError('expected a key', i);
        stack.push({ kind: c === 123 ? 'object' : 'array', expectKey: c === 123 });
        i++;
        continue;
      }
      if (c === 125 || c === 93) {
        if (!top || (c === 125) !== (top.kind === 'object')) throw new JsonSyntaxError(`unexpected '${text[i]}'`, i);
        stack.pop();
        sawValue = true;
        i++;
        continue;
      }
      if (c === 44) {
        if (!top) throw new JsonSyntaxError("unexpected ','", i);
        if (top.kind === 'object') top.expectKey = true;
        i++;
        continue;
      }
      if (c === 58) {
        if (top?.kind !== 'object' || top.key === undefined) throw new JsonSyntaxError("unexpected ':'", i);
        i++;
        continue;
      }
      if (c === 34) {
        const { value, end } = scanJsonString(text, i);
        if (top?.kind === 'object' && top.expectKey) {
          top.key = value;
          top.expectKey = false;
        } else {
          if (top?.kind === 'object' && top.key !== undefined && PATTERN_KEYS.has(top.key)) {
            regexes.push(dataRegex(value, lines.position(i), lines.position(end), top.key));
          }
          sawValue = true;
        }
        i = end;
        continue;
      }
      // numbers, true, false, null
      const start = i;
      while (i < n && /[\w.+-]/.test(text[i]!)) i++;
      if (i === start) throw new JsonSyntaxError(`unexpected '${text[i]}'`, i);
      if (top?.kind === 'object' && top.expectKey) throw new JsonSyntaxError('expected a key', start);
      sawValue = true;
    }
    if (stack.length > 0) throw new JsonSyntaxError('unexpected end of file', n);
    void sawValue;
    return { regexes };
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    const at = lines.position(error.offset);
    return { regexes, parseError: { ...at, message: `invalid JSON: ${error.message}` } };
  }
}

// ---------------------------------------------------------------------------------------------
// YAML

export function extractFromYaml(text: string): Extraction {
  if (!mentionsYamlKey(text)) return { regexes: [] };
  if (yamlNesting(text) > MAX_YAML_NESTING) {
    return { regexes: [], parseError: { line: 1, column: 1, message: `not parsed: YAML nested deeper than ${MAX_YAML_NESTING} levels` } };
  }
  const lineCounter = new LineCounter();
  const regexes: ExtractedRegex[] = [];
  let parseError: Extraction['parseError'];
  const position = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  let documents: ReturnType<typeof parseAllDocuments>;
  try {
    documents = parseAllDocuments(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  } catch (error) {
    return { regexes, parseError: { line: 1, column: 1, message: `invalid YAML: ${(error as Error).message}` } };
  }
  const list = Array.isArray(documents) ? documents : [documents];
  for (const doc of list) {
    const firstError = doc.errors[0];
    if (firstError && !parseError) {
      parseError = { ...position(firstError.pos[0]), message: `invalid YAML: ${firstError.message.split('\n')[0]}` };
    }
    // Iterative, so that deeply nested documents cannot overflow the stack.
    const stack: unknown[] = [doc.contents];
    while (stack.length > 0) {
      const node = stack.pop();
      if (isMap(node)) {
        for (const pair of node.items) {
          if (!isPair(pair)) continue;
          const key = isScalar(pair.key) ? pair.key.value : undefined;
          const value = pair.value;
          if (typeof key === 'string' && PATTERN_KEYS.has(key) && isScalar(value) && typeof value.value === 'string' && value.range) {
            regexes.push(dataRegex(value.value, position(value.range[0]), position(value.range[1]), key));
          } else {
            stack.push(value);
          }
        }
      } else if (isSeq(node)) {
        for (const item of node.items) stack.push(item as YamlNode);
      }
    }
  }
  regexes.sort((a, b) => a.line - b.line || a.column - b.column);
  return parseError ? { regexes, parseError } : { regexes };
}
