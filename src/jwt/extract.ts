/**
 * Finds compact JWTs written anywhere in text: bare tokens, `Authorization: Bearer` lines,
 * Cookie/Set-Cookie headers, JSON token responses, URLs with `token=`/`id_token=`. A hand-written
 * linear scan from each `eyJ` (base64url of `{"`), so hostile input costs one pass.
 */

export type TokenContext = 'argument' | 'bearer' | 'cookie' | 'json' | 'url' | 'text';

export interface FoundToken {
  compact: string;
  /** 0-based offset of the first character. */
  offset: number;
  /** 1-based. */
  line: number;
  column: number;
  context: TokenContext;
  /** The JSON member or URL parameter that held it (`access_token`, `id_token`, `token`...). */
  field?: string;
}

function isSegmentChar(c: number): boolean {
  return (
    (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x5f
  );
}

/**
 * True when the letter before `at` ends a backslash escape (`\n`, `\t`...): JSON and log text write
 * `"\neyJ..."`, where the `n` is not part of the token. An even run of backslashes is an escaped
 * backslash followed by a plain letter.
 */
function afterEscape(text: string, at: number): boolean {
  const letter = text.charAt(at - 1);
  if (letter === '' || !'nrtbf'.includes(letter)) return false;
  let slashes = 0;
  for (let i = at - 2; i >= 0 && text.charCodeAt(i) === 0x5c; i--) slashes++;
  return slashes % 2 === 1;
}

/** Ends of the segments that follow `start`: [start, end) of the whole token and its part count. */
function readCompact(text: string, start: number): { end: number; parts: number } {
  let i = start;
  let parts = 1;
  const n = text.length;
  for (;;) {
    while (i < n && isSegmentChar(text.charCodeAt(i))) i++;
    // Padding is tolerated at a segment end so that jwt/noncanonical-encoding can report it.
    while (i < n && text.charCodeAt(i) === 0x3d) i++;
    if (i < n && text.charCodeAt(i) === 0x2e && parts < 6) {
      parts++;
      i++;
      continue;
    }
    return { end: i, parts };
  }
}

const BEARER = /authorization\s*:\s*bearer\s+$|\bbearer\s+$/i;
const COOKIE = /^\s*(set-)?cookie\s*:/i;
const JSON_MEMBER = /"([A-Za-z_][\w-]{0,63})"\s*:\s*"$/;
const URL_PARAM = /[?&#]([A-Za-z_][\w-]{0,63})=$/;

function contextOf(linePrefix: string): { context: TokenContext; field?: string } {
  // Only the last 200 characters before the token matter, which bounds the regex work per token.
  const prefix = linePrefix.length > 200 ? linePrefix.slice(-200) : linePrefix;
  if (BEARER.test(prefix)) return { context: 'bearer' };
  const member = JSON_MEMBER.exec(prefix);
  if (member) return { context: 'json', field: member[1] };
  const param = URL_PARAM.exec(prefix);
  if (param) return { context: 'url', field: param[1] };
  if (COOKIE.test(linePrefix.slice(0, 40))) return { context: 'cookie' };
  return { context: 'text' };
}

/** Every JWT-shaped string in `text`, in order, with its 1-based line and column. */
export function findTokens(text: string, limit = Number.POSITIVE_INFINITY): FoundToken[] {
  const found: FoundToken[] = [];
  let from = 0;
  let line = 1;
  let lineStart = 0;
  let counted = 0;
  while (found.length < limit) {
    const at = text.indexOf('eyJ', from);
    if (at < 0) break;
    if (at > 0 && isSegmentChar(text.charCodeAt(at - 1)) && !afterEscape(text, at)) {
      from = readCompact(text, at).end || at + 3;
      if (from <= at) from = at + 3;
      continue;
    }
    let { end, parts } = readCompact(text, at);
    // A sentence ending right after a token leaves one empty trailing part: not part of the token.
    let compactEnd = end;
    if ((parts === 4 || parts === 6) && text.charCodeAt(end - 1) === 0x2e) {
      parts--;
      compactEnd = end - 1;
    }
    from = Math.max(end, at + 3);
    if (parts !== 3 && parts !== 5) continue;
    const compact = text.slice(at, compactEnd);
    if (parts === 3 && compact.split('.')[1] === undefined) continue;
    for (let i = counted; i < at; i++) {
      if (text.charCodeAt(i) === 0x0a) {
        line++;
        lineStart = i + 1;
      }
    }
    counted = at;
    const { context, field } = contextOf(text.slice(lineStart, at));
    found.push({ compact, offset: at, line, column: at - lineStart + 1, context, ...(field ? { field } : {}) });
  }
  return found;
}

/**
 * A command-line argument: the whole argument when it is one compact token (so a token with
 * padding or odd spacing is still examined), else whatever tokens it contains.
 */
export function tokensInArgument(arg: string): FoundToken[] {
  const trimmed = arg.trim();
  const parts = trimmed.split('.');
  if ((parts.length === 3 || parts.length === 5) && /^[A-Za-z0-9_\-=+/]+$/.test(parts[0]!) && !/[\s"']/.test(trimmed)) {
    const column = arg.indexOf(trimmed) + 1;
    return [{ compact: trimmed, offset: column - 1, line: 1, column, context: 'argument' }];
  }
  return findTokens(arg);
}
