/**
 * Strict base64url (RFC 4648 section 5, as RFC 7515 section 2 requires: no padding, no whitespace).
 * Decoding is lenient enough to show a token that breaks the rules, and says which rule it broke:
 * a verifier that accepts several spellings of one signature invites token-replay confusion.
 */

export type EncodingIssue = 'padding' | 'whitespace' | 'trailing-bits' | 'standard-alphabet';

export interface DecodedSegment {
  bytes: Buffer;
  issues: EncodingIssue[];
}

const URL_SAFE = /^[A-Za-z0-9_-]*$/;

/** Decodes one segment; null when it is not base64url at all (bad characters or impossible length). */
export function decodeSegment(segment: string): DecodedSegment | null {
  const issues: EncodingIssue[] = [];
  let body = segment;
  if (/\s/.test(body)) {
    issues.push('whitespace');
    body = body.replace(/\s+/g, '');
  }
  const padAt = body.indexOf('=');
  if (padAt >= 0) {
    if (!/^=+$/.test(body.slice(padAt)) || body.length - padAt > 2) return null;
    issues.push('padding');
    body = body.slice(0, padAt);
  }
  if (/[+/]/.test(body)) {
    issues.push('standard-alphabet');
    body = body.replace(/\+/g, '-').replace(/\//g, '_');
  }
  if (!URL_SAFE.test(body) || body.length % 4 === 1) return null;
  if (hasNonZeroTrailingBits(body)) issues.push('trailing-bits');
  return { bytes: Buffer.from(body, 'base64url'), issues };
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The last character of a 2- or 3-character tail carries 4 or 2 bits that must be zero. */
export function hasNonZeroTrailingBits(body: string): boolean {
  const rest = body.length % 4;
  if (rest === 0 || body.length === 0) return false;
  const value = ALPHABET.indexOf(body[body.length - 1]!);
  const spare = rest === 2 ? 0b1111 : 0b11;
  return (value & spare) !== 0;
}

