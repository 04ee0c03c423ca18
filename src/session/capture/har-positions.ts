// Where the parts of each HAR entry start in the file, in one pass over jsonc-parser's tokens.
// Searching the text for `"request"` instead scanned the rest of the file for every entry that
// lacked the key or spelled it with an escape (`"r\u0065quest"`): quadratic, a hang at 50,000
// entries. The scanner unescapes keys, and the walk keeps its own stack instead of recursing
// (jsonc-parser's visit() overflows the call stack on deep arrays that JSON.parse accepts).
// The package's "main" is a UMD build whose inner require()s esbuild cannot follow; its ES build is not.
import { createScanner } from 'jsonc-parser/lib/esm/main.js';

/** Offsets (UTF-16) of an entry's parts; absent when the file does not have them. */
export interface EntryPositions {
  start: number;
  request?: number;
  response?: number;
  /** The `text` key of response.content. */
  bodyText?: number;
  headers: { request: HeaderPositions[]; response: HeaderPositions[] };
}

interface HeaderPositions {
  name?: number;
  value?: number;
}

// jsonc-parser's SyntaxKind is an ambient const enum, which isolatedModules cannot read.
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const COMMA = 5;
const COLON = 6;
const STRING = 10;
const EOF = 17;

interface Frame {
  array: boolean;
  /** Objects: the key of the member being read; arrays: the index of the element being read. */
  at: string | number;
  expectKey: boolean;
}

/**
 * The positions of log.entries[i] for every i, for text that JSON.parse has accepted (the scanner
 * is not asked to report syntax errors). Later duplicate keys win, as in JSON.parse.
 */
export function harEntryPositions(text: string): EntryPositions[] {
  const entries: EntryPositions[] = [];
  const stack: Frame[] = [];
  const scanner = createScanner(text, true);
  const key = (depth: number) => stack[depth]?.at;
  // The entry, side ('request'/'response') and header index a new value at this depth belongs to.
  const inEntries = () => stack.length >= 3 && !stack[0]!.array && key(0) === 'log' && !stack[1]!.array && key(1) === 'entries' && stack[2]!.array;
  const entry = () => entries[key(2) as number];

  const beginValue = (offset: number, kind: number) => {
    const parent = stack[stack.length - 1];
    if (parent?.array) parent.at = (parent.at as number) + 1;
    const depth = stack.length;
    if (depth === 3 && kind === OPEN_BRACE && inEntries()) entries[key(2) as number] = { start: offset, headers: { request: [], response: [] } };
    if (depth === 7 && kind === STRING && inEntries()) {
      const side = key(3);
      if ((side === 'request' || side === 'response') && key(4) === 'headers' && stack[5]!.array && (key(6) === 'name' || key(6) === 'value')) {
        const list = entry()?.headers[side];
        if (list) (list[key(5) as number] ??= {})[key(6) as 'name' | 'value'] = offset;
      }
    }
    if (kind === OPEN_BRACE) stack.push({ array: false, at: '', expectKey: true });
    else if (kind === OPEN_BRACKET) stack.push({ array: true, at: -1, expectKey: false });
  };

  const memberKey = (offset: number, name: string) => {
    const depth = stack.length;
    stack[depth - 1]!.at = name;
    if (depth === 4 && (name === 'request' || name === 'response') && inEntries()) {
      const e = entry();
      if (e) e[name] = offset;
    } else if (depth === 6 && name === 'text' && key(3) === 'response' && key(4) === 'content' && inEntries()) {
      const e = entry();
      if (e) e.bodyText = offset;
    }
  };

  for (let kind = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
    const top = stack[stack.length - 1];
    const offset = scanner.getTokenOffset();
    switch (kind) {
      case CLOSE_BRACE:
      case CLOSE_BRACKET:
        stack.pop();
        break;
      case COMMA:
        if (top && !top.array) top.expectKey = true;
        break;
      case COLON:
        if (top) top.expectKey = false;
        break;
      case STRING:
        if (top?.expectKey) memberKey(offset, scanner.getTokenValue());
        else beginValue(offset, kind);
        break;
      default:
        beginValue(offset, kind);
    }
  }
  return entries;
}
