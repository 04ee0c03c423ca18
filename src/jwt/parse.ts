import { type EncodingIssue, decodeSegment } from './base64url.js';
import { type JsonScan, parseTokenJson } from './json.js';

/** A compact token that cannot be decoded; the message names the part and never quotes the token. */
export class TokenDecodeError extends Error {}

export type SegmentName = 'header' | 'payload' | 'signature' | 'encrypted key' | 'iv' | 'ciphertext' | 'tag';

export interface SegmentIssue {
  segment: SegmentName;
  issue: EncodingIssue;
}

export type PayloadKind = 'claims' | 'json' | 'text' | 'binary' | 'too-deep' | 'empty';

export interface ParsedJws {
  kind: 'jws';
  /** The header exactly as decoded, byte for byte (RFC 7515 A.1 has CRLF inside). */
  headerText: string;
  header: Record<string, unknown>;
  headerScan: JsonScan;
  payloadBytes: Buffer;
  payloadKind: PayloadKind;
  /** The payload as text when it is UTF-8, for display and for non-JSON payloads. */
  payloadText: string | null;
  /** Claims (payloadKind 'claims') or other JSON ('json'). */
  payload: unknown;
  payloadScan: JsonScan | null;
  /** Why the payload is not a claims set, when it is not. */
  payloadNote?: string;
  /** `cty: JWT` with a token inside (RFC 7519 section 5.2). */
  nested?: ParsedToken;
  nestedError?: string;
  /** The bytes signed: ASCII(header segment . payload segment). Never printed. */
  signingInput: string;
  /** Never printed: findings carry claims and header fields only. */
  signature: Buffer;
  encodingIssues: SegmentIssue[];
}

export interface ParsedJwe {
  kind: 'jwe';
  headerText: string;
  header: Record<string, unknown>;
  headerScan: JsonScan;
  encodingIssues: SegmentIssue[];
  ciphertextBytes: number;
}

export type ParsedToken = ParsedJws | ParsedJwe;

const JWE_SEGMENTS: SegmentName[] = ['header', 'encrypted key', 'iv', 'ciphertext', 'tag'];
const utf8 = new TextDecoder('utf-8', { fatal: true });
const MAX_NESTING = 4;
const COMPACT_SHAPE = /^eyJ[\w-]*\.[\w-]*\.[\w-]*(\.[\w-]*\.[\w-]*)?$/;

function decodeOrThrow(segment: string, name: SegmentName, issues: SegmentIssue[]): Buffer {
  const decoded = decodeSegment(segment);
  if (!decoded) throw new TokenDecodeError(`the ${name} is not base64url`);
  for (const issue of decoded.issues) issues.push({ segment: name, issue });
  return decoded.bytes;
}

function decodeHeader(segment: string, issues: SegmentIssue[]) {
  if (segment.length === 0) throw new TokenDecodeError('the header is empty');
  const bytes = decodeOrThrow(segment, 'header', issues);
  let headerText: string;
  try {
    headerText = utf8.decode(bytes);
  } catch {
    throw new TokenDecodeError('the header is not UTF-8 text');
  }
  const parsed = parseTokenJson(headerText);
  if (parsed.kind === 'not-json') throw new TokenDecodeError(`the header is ${parsed.reason}`);
  if (parsed.kind === 'too-deep') throw new TokenDecodeError(`the header JSON is nested ${parsed.scan.depth} levels deep`);
  if (parsed.kind !== 'object') throw new TokenDecodeError('the header is JSON but not an object');
  return { headerText, header: parsed.value, headerScan: parsed.scan };
}

/** Decodes a compact JWS (3 parts) or JWE (5 parts). Throws TokenDecodeError when it cannot. */
export function parseToken(compact: string, nesting = 0): ParsedToken {
  const parts = compact.split('.');
  const issues: SegmentIssue[] = [];
  if (parts.length === 5) {
    const { headerText, header, headerScan } = decodeHeader(parts[0]!, issues);
    for (let i = 1; i < 5; i++) decodeOrThrow(parts[i]!, JWE_SEGMENTS[i]!, issues);
    return { kind: 'jwe', headerText, header, headerScan, encodingIssues: issues, ciphertextBytes: Math.floor((parts[3]!.length * 3) / 4) };
  }
  if (parts.length !== 3) {
    throw new TokenDecodeError(`a compact JWT has 3 parts (JWS) or 5 (JWE), this has ${parts.length}`);
  }
  const [headerSegment, payloadSegment, signatureSegment] = parts as [string, string, string];
  const { headerText, header, headerScan } = decodeHeader(headerSegment, issues);
  const payloadBytes = decodeOrThrow(payloadSegment, 'payload', issues);
  const signature = decodeOrThrow(signatureSegment, 'signature', issues);
  const token: ParsedJws = {
    kind: 'jws',
    headerText,
    header,
    headerScan,
    payloadBytes,
    payloadKind: 'empty',
    payloadText: null,
    payload: null,
    payloadScan: null,
    signingInput: `${headerSegment}.${payloadSegment}`,
    signature,
    encodingIssues: issues,
  };
  describePayload(token, nesting);
  return token;
}

function describePayload(token: ParsedJws, nesting: number): void {
  if (token.payloadBytes.length === 0) {
    token.payloadNote = 'the payload is empty (a detached payload, RFC 7515 appendix F, or none)';
    return;
  }
  try {
    token.payloadText = utf8.decode(token.payloadBytes);
  } catch {
    token.payloadKind = 'binary';
    token.payloadNote = `the payload is ${token.payloadBytes.length} bytes of binary data, not a JWT claims set`;
    return;
  }
  // A compact token as payload is a nested JWT whether or not `cty: JWT` says so (RFC 7519 section 5.2).
  const text = token.payloadText.trim();
  if (COMPACT_SHAPE.test(text)) {
    token.payloadKind = 'text';
    token.payloadNote = 'the payload is a nested JWT (RFC 7519 section 5.2)';
    if (nesting >= MAX_NESTING) token.nestedError = `nested more than ${MAX_NESTING} levels deep; not decoded further`;
    else {
      try {
        token.nested = parseToken(text, nesting + 1);
      } catch (error) {
        token.nestedError = (error as Error).message;
      }
    }
    return;
  }
  const parsed = parseTokenJson(token.payloadText);
  switch (parsed.kind) {
    case 'object':
      token.payloadKind = 'claims';
      token.payload = parsed.value;
      token.payloadScan = parsed.scan;
      return;
    case 'other-json':
      token.payloadKind = 'json';
      token.payload = parsed.value;
      token.payloadScan = parsed.scan;
      token.payloadNote = 'the payload is JSON but not an object, so not a JWT claims set';
      return;
    case 'too-deep':
      token.payloadKind = 'too-deep';
      token.payloadScan = parsed.scan;
      token.payloadNote = `the payload JSON is nested ${parsed.scan.depth} levels deep; shown as text`;
      return;
    case 'not-json':
      token.payloadKind = 'text';
      token.payloadNote = 'the payload is not JSON, so not a JWT claims set (RFC 7515 A.4 signs plain bytes)';
  }
}

/** The claims object, or null when the payload is not a JWT claims set. */
export function claimsOf(token: ParsedToken): Record<string, unknown> | null {
  return token.kind === 'jws' && token.payloadKind === 'claims' ? (token.payload as Record<string, unknown>) : null;
}
