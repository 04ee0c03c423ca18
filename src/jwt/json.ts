/**
 * JSON as it arrives in a token: duplicate member names (RFC 7515 section 4: a JWS with duplicate
 * header names must be rejected, or the last one taken, and parsers disagree) and nesting depth
 * are found by an iterative scan, so hostile nesting cannot overflow the stack.
 */

/** Deeper than this is shown as text: JSON.stringify recurses and would overflow. */
export const MAX_JSON_DEPTH = 200;

export interface JsonScan {
  ok: boolean;
  /** Member names that occur twice in one object, with their object path (`$.a.b`). */
  duplicates: { path: string; name: string }[];
  depth: number;
}

/** Scans a JSON text without building it. `ok` false means it is not well-formed JSON. */
export function scanJson(text: string): JsonScan {
  const duplicates: { path: string; name: string }[] = [];
  // Each open container: its member names (objects) and the path shown in messages.
  const stack: { keys: Set<string> | null; path: string; expectKey: boolean; lastKey: string | null }[] = [];
  let depth = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const end = stringEnd(text, i);
      if (end < 0) return { ok: false, duplicates, depth };
      const top = stack[stack.length - 1];
      if (top?.keys && top.expectKey) {
        let name: string;
        try {
          name = JSON.parse(text.slice(i, end + 1)) as string;
        } catch {
          return { ok: false, duplicates, depth };
        }
        if (top.keys.has(name)) {
          if (duplicates.length < 50) duplicates.push({ path: top.path, name });
        } else top.keys.add(name);
        top.lastKey = name;
        top.expectKey = false;
      }
      i = end + 1;
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      const parent = stack[stack.length - 1];
      // Paths are for messages; past a few levels they would only cost quadratic time.
      const path = !parent ? '$' : stack.length > 16 ? parent.path : parent.keys ? `${parent.path}.${parent.lastKey ?? '?'}` : `${parent.path}[]`;
      stack.push({ keys: c === 0x7b ? new Set() : null, path, expectKey: c === 0x7b, lastKey: null });
      if (stack.length > depth) depth = stack.length;
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
    } else if (c === 0x2c) {
      const top = stack[stack.length - 1];
      if (top?.keys) top.expectKey = true;
    }
    i++;
  }
  return { ok: stack.length === 0, duplicates, depth };
}

function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x22) return i;
  }
  return -1;
}

export type JsonParse =
  | { kind: 'object'; value: Record<string, unknown>; scan: JsonScan }
  | { kind: 'other-json'; value: unknown; scan: JsonScan }
  | { kind: 'too-deep'; scan: JsonScan }
  | { kind: 'not-json'; reason: string };

/** Parses token JSON; the caller decides what a non-object or non-JSON text means. */
export function parseTokenJson(text: string): JsonParse {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) {
    try {
      return { kind: 'other-json', value: JSON.parse(trimmed), scan: { ok: true, duplicates: [], depth: 0 } };
    } catch {
      return { kind: 'not-json', reason: 'not JSON' };
    }
  }
  const scan = scanJson(trimmed);
  if (!scan.ok) return { kind: 'not-json', reason: 'not well-formed JSON' };
  if (scan.depth > MAX_JSON_DEPTH) return { kind: 'too-deep', scan };
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (error) {
    // V8 quotes the text around the error, newlines and all: an error message stays one line.
    let detail = (error as Error).message;
    const excerpt = detail.indexOf(', "');
    if (excerpt >= 0 && detail.endsWith('" is not valid JSON')) detail = detail.slice(0, excerpt);
    return { kind: 'not-json', reason: `not well-formed JSON (${detail.replace(/\s+/g, ' ')})` };
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return { kind: 'object', value: value as Record<string, unknown>, scan };
  }
  return { kind: 'other-json', value, scan };
}
