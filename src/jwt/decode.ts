import { type CommandResult, type FileDirectives, type Finding, type InputError, type InputNote, appendAll } from '../findings/model.js';
import { suppressionsIn } from '../findings/directives.js';
import { type TokenAnalysis, type TokenFinding, analyseToken } from './analyze.js';
import { findTokens, tokensInArgument } from './extract.js';
import { type ParsedToken, TokenDecodeError, parseToken } from './parse.js';
import type { DecodedTokenReport } from './report.js';
import { renderDecodeText } from './render.js';
import { JWT_RULES } from './rules.js';
import { secretListPlace, weakSecretCount } from './weak-secret.js';
import { preciseDuration } from './time.js';

export type { DecodedTokenReport };

export interface DecodeInput {
  /** '<arg>', '-', or the path as given. */
  file: string;
  text: string;
  /** Arguments are one token each when they look like one; files and stdin are searched. */
  source: 'arg' | 'stdin' | 'file';
}

export interface DecodeOptions {
  now: Date;
  leewaySeconds: number;
  maxLifetimeSeconds: number;
  /** How many distinct HMAC tokens get the full known-secret search in one run. */
  weakSecretLimit: number;
}

const MAX_TEXT_SHOWN = 20_000;

/**
 * Tokens decoded in full (stylish blocks, JSON `tokens`); every later token is still analysed and
 * its findings reported. A full record per token made 250,000 tokens (9 MB) take 2 GB and 14 s,
 * and a 150 MB report nobody reads.
 */
const MAX_TOKENS_LISTED = 10_000;

function tokenBody(
  token: ParsedToken,
  analysis: TokenAnalysis,
  weakSkipped: string | undefined,
): Omit<DecodedTokenReport, 'index' | 'file' | 'line' | 'column' | 'foundIn' | 'field' | 'findings'> {
  const compactHeader = JSON.stringify(token.header);
  const body: Omit<DecodedTokenReport, 'index' | 'file' | 'line' | 'column' | 'foundIn' | 'field' | 'findings'> = {
    type: token.kind === 'jwe' ? 'JWE' : 'JWS',
    alg: token.header.alg,
    algKnown: analysis.algKnown,
    header: token.header,
    ...(token.headerText !== compactHeader ? { headerRaw: token.headerText } : {}),
    payload: null,
    payloadKind: 'encrypted',
    time: { ...analysis.time, lifetime: analysis.time.lifetimeSeconds === null ? null : preciseDuration(analysis.time.lifetimeSeconds) },
    signature: { verified: false, bytes: 0, status: '', weakSecret: { checked: false, line: null } },
  };
  if (token.kind === 'jwe') {
    body.encrypted = {
      ciphertextBytes: token.ciphertextBytes,
      note: `encrypted (JWE, enc ${String(token.header.enc ?? 'unknown')}): the payload cannot be read without the recipient's key`,
    };
    body.signature.status = 'encrypted token (JWE): no signature to check; integrity comes from the recipient key';
    return body;
  }
  body.payloadKind = token.payloadKind;
  body.payload = token.payloadKind === 'claims' || token.payloadKind === 'json' ? token.payload : null;
  if (token.payloadKind === 'text' || token.payloadKind === 'too-deep') {
    const text = token.payloadText ?? '';
    body.payloadText = text.length > MAX_TEXT_SHOWN ? `${text.slice(0, MAX_TEXT_SHOWN)}…` : text;
  }
  if (token.payloadNote) body.payloadNote = token.payloadNote;
  body.signature.bytes = token.signature.length;
  const weak = analysis.weakSecret;
  if (weak) {
    body.signature.weakSecret = { checked: true, line: weak.line, listSize: weak.total };
  } else if (weak === false) {
    body.signature.weakSecret = { checked: true, line: null };
  } else if (weakSkipped) {
    body.signature.weakSecret = { checked: false, line: null, skippedReason: weakSkipped };
  }
  body.signature.status = signatureStatus(token, analysis, weakSkipped);
  return body;
}

/** 103979 -> "103,979" without toLocaleString, whose first call loads ICU data (10-45 ms). */
function groupThousands(n: number): string {
  const digits = String(n);
  let out = '';
  for (let i = 0; i < digits.length; i++) out += (i > 0 && (digits.length - i) % 3 === 0 ? ',' : '') + digits[i];
  return out;
}

function signatureStatus(token: ParsedToken, analysis: TokenAnalysis, weakSkipped: string | undefined): string {
  if (token.kind !== 'jws') return '';
  const alg = typeof token.header.alg === 'string' ? token.header.alg : String(token.header.alg);
  if (alg.toLowerCase() === 'none') {
    return token.signature.length === 0 ? 'none: the token is unsecured (alg none)' : 'alg none but a signature is present: malformed';
  }
  const base = 'not verified, no key given (use authkit verify)';
  if (analysis.weakSecret) return `${base}; FORGEABLE: verifies with a publicly known secret (${secretListPlace(analysis.weakSecret.line)})`;
  if (analysis.weakSecret === false) return `${base}; none of the ${groupThousands(weakSecretCount())} publicly known secrets matches`;
  if (weakSkipped) return `${base}; known-secret check skipped: ${weakSkipped}`;
  if (!analysis.algKnown) return `${base}; unknown algorithm "${alg}"`;
  return base;
}

function placed(found: { file: string; line: number; column: number }, f: TokenFinding, index: number): Finding {
  // Built member by member, not by spreading two shapes of finding: that made this a third of the
  // time of 250,000 tokens. The members keep the order the spread gave them (the JSON report shows it).
  const { file, line, column } = found;
  if (f.data) return { ruleId: f.ruleId, severity: f.severity, message: f.message, data: { ...f.data, token: index }, file, line, column };
  return { ruleId: f.ruleId, severity: f.severity, message: f.message, file, line, column, data: { token: index } };
}

function unlistedNote(total: number, unlisted: number): string {
  return `${groupThousands(total)} tokens decoded: the first ${groupThousands(total - unlisted)} are shown in full, the other ${groupThousands(unlisted)} only by their findings (decode fewer at a time to see them)`;
}

/** Decodes every token in every input. Pure: no I/O beyond the shipped secrets list. */
export function decodeTokens(inputs: DecodeInput[], options: DecodeOptions): CommandResult {
  const errors: InputError[] = [];
  const findings: Finding[] = [];
  const directives: FileDirectives[] = [];
  const tokens: DecodedTokenReport[] = [];
  const searched = new Set<string>();
  let failed = false;
  let tokenCount = 0;
  let unlisted = 0;
  // Said in a note too: a token past MAX_TOKENS_LISTED has no status line to say it.
  const notSearched = new Set<string>();
  for (const input of inputs) {
    const found = input.source === 'arg' ? tokensInArgument(input.text) : findTokens(input.text);
    let decoded = 0;
    for (const candidate of found) {
      let token: ParsedToken;
      try {
        token = parseToken(candidate.compact);
      } catch (error) {
        if (!(error instanceof TokenDecodeError)) throw error;
        errors.push({ file: input.file, message: `${candidate.line}:${candidate.column}: cannot decode the token: ${error.message}` });
        continue;
      }
      decoded++;
      const index = tokenCount + 1;
      // The full known-secret search costs ~0.1 s per token; identical tokens are searched once.
      const searchKey = token.kind === 'jws' ? token.signingInput : '';
      const isHmac = token.kind === 'jws' && typeof token.header.alg === 'string' && /^HS(256|384|512)$/.test(token.header.alg);
      const allowSearch = !isHmac || searched.has(searchKey) || searched.size < options.weakSecretLimit;
      if (isHmac && allowSearch) searched.add(searchKey);
      else if (isHmac) notSearched.add(searchKey);
      const analysis = analyseToken(token, { ...options, weakSecretSearch: allowSearch });
      const skipped = isHmac && !allowSearch ? `more than ${options.weakSecretLimit} HMAC tokens in this run (raise --weak-secret-limit)` : analysis.weakSecretSkipped;
      const where = { file: input.file, line: candidate.line, column: candidate.column };
      const tokenFindings = analysis.findings.map((f) => placed(where, f, index));
      const listed = tokens.length < MAX_TOKENS_LISTED;
      const report: DecodedTokenReport | undefined = listed
        ? { index, ...where, foundIn: candidate.context, ...(candidate.field ? { field: candidate.field } : {}), ...tokenBody(token, analysis, skipped), findings: [] }
        : undefined;
      if (token.kind === 'jws' && (token.nested || token.nestedError)) {
        let inner: ParsedToken | undefined = token.nested;
        let target: { nested?: DecodedTokenReport['nested']; nestedError?: string } | undefined = report;
        if (report && token.nestedError) report.nestedError = token.nestedError;
        while (inner) {
          const innerAnalysis = analyseToken(inner, { ...options, weakSecretSearch: false });
          for (const f of innerAnalysis.findings) tokenFindings.push(placed(where, { ...f, message: `Nested token: ${f.message}` }, index));
          if (target) {
            const body = { ...tokenBody(inner, innerAnalysis, undefined), findings: innerAnalysis.findings.map((f) => f.ruleId) };
            target.nested = body;
            if (inner.kind === 'jws' && inner.nestedError) body.nestedError = inner.nestedError;
            target = body;
          }
          if (innerAnalysis.time.expired || innerAnalysis.time.notYetValid) failed = true;
          inner = inner.kind === 'jws' ? inner.nested : undefined;
        }
      }
      if (analysis.time.expired || analysis.time.notYetValid) failed = true;
      if (report) {
        report.findings = tokenFindings.map((f) => f.ruleId);
        tokens.push(report);
      } else unlisted++;
      tokenCount++;
      appendAll(findings, tokenFindings);
    }
    // A token given as an argument has no comments; files and stdin may carry directives.
    if (input.source !== 'arg') {
      const suppressions = suppressionsIn(input.file, input.text);
      if (suppressions.length > 0) directives.push({ file: input.file, suppressions, domains: ['jwt'] });
    }
    if (decoded === 0 && found.length === 0) {
      const what = input.source === 'arg' ? 'the argument is not a JWT' : input.text.trim() === '' ? 'empty input, no JWT found' : 'no JWT found';
      errors.push({ file: input.file, message: what });
    }
  }
  const json: Record<string, unknown> = {};
  if (tokens.length === 1) {
    const only = tokens[0]!;
    Object.assign(json, {
      header: only.header,
      payload: only.payload,
      ...(only.headerRaw !== undefined ? { headerRaw: only.headerRaw } : {}),
      ...(only.payloadText !== undefined ? { payloadText: only.payloadText } : {}),
      time: only.time,
      signature: only.signature,
    });
  }
  json.tokens = tokens;
  const notes: InputNote[] = [];
  if (notSearched.size > 0) {
    const n = notSearched.size;
    notes.push({ message: `${n} HMAC token${n === 1 ? ' was' : 's were'} not checked against the known secrets: this run searched ${options.weakSecretLimit} (raise --weak-secret-limit)` });
  }
  if (unlisted > 0) {
    json.tokensNotListed = unlisted;
    notes.push({ message: unlistedNote(tokenCount, unlisted) });
  }
  return {
    command: 'decode',
    findings,
    errors,
    rules: JWT_RULES.filter((r) => r.id !== 'jwt/token-in-source' && r.id !== 'jwt/verification-failed'),
    failed: failed || undefined,
    json,
    inputs: inputs.length,
    ...(notes.length ? { notes } : {}),
    ...(directives.length ? { directives } : {}),
    text: (ctx, finished) => renderDecodeText(tokens, finished.findings, ctx, unlisted ? unlistedNote(tokenCount, unlisted) : undefined),
  };
}
