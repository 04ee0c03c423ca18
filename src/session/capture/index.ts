// The capture half of session-audit: HAR files and curl -i/-v dumps in, findings placed at the
// header or body line that shows the problem. Tokens are judged, never printed.
import { DEFAULT_MAX_LIFETIME_SECONDS, HMAC_ALGS, analyseToken } from '../../jwt/analyze.js';
import { findTokens } from '../../jwt/extract.js';
import { parseToken } from '../../jwt/parse.js';
import { WEAK_SECRET_MAX_INPUT, claimBulkSearch, weakSecretListAvailable } from '../../jwt/weak-secret.js';
import type { Finding, InputError, Severity } from '../../findings/model.js';
import { SESSION_CODE_RULES } from '../rules.js';
import type { SessionRuleId } from '../all-rules.js';
import { CAPTURE_RULES } from './rules.js';
import { isAuthCookieName } from '../libraries.js';
import { parseCurl } from './curl.js';
import { HarError, parseHar } from './har.js';
import { type Capture, type Exchange, type HeaderLine, header, headersNamed } from './messages.js';

export interface CaptureOptions {
  now: Date;
  /** jwt/lifetime-too-long for tokens seen in the capture. */
  jwtMaxLifetimeSeconds?: number;
}

const SEVERITY = new Map<string, Severity>([...SESSION_CODE_RULES, ...CAPTURE_RULES].map((r) => [r.id, r.severity]));

const STATUS_LINE = /^(?:< )?HTTP\/\d(?:\.\d)? \d{3}\b/;
const REQUEST_LINE = /^> [A-Z]+ \S+ HTTP\/\d/;
const CURL_PROMPT = /^\S*[$#%]\s*curl\s/;

/** A HAR document, or curl -i / -v output: a status line, or curl's `>`/`<`/`*` trace lines, first. */
export function isCaptureFile(path: string, text: string): boolean {
  const head = text.slice(0, 4096);
  if (/\.har$/i.test(path)) return true;
  if (/^\s*\{/.test(head) && /"log"\s*:/.test(head) && /"entries"\s*:/.test(text)) return true;
  const lines = head.split('\n').filter((line) => line.trim() !== '').map((line) => line.replace(/\r$/, ''));
  // A dump pasted with its shell prompt (`$ curl -si https://...`) starts one line later.
  const first = (CURL_PROMPT.test(lines[0] ?? '') ? lines[1] : lines[0]) ?? '';
  return STATUS_LINE.test(first) || REQUEST_LINE.test(first) || first.startsWith('* ');
}

/**
 * A header value quoted in a message: cut, and any JWT or long opaque run in it (a token smuggled
 * into Cache-Control) replaced, since messages never hold tokens.
 */
function echoed(value: string): string {
  const redacted = value.replace(/[A-Za-z0-9_\-.~+/=]{20,}/g, '<redacted>');
  return redacted.length > 80 ? `${redacted.slice(0, 80)}…` : redacted;
}

const TOKEN_MEMBERS = ['access_token', 'id_token', 'refresh_token', 'token', 'accessToken', 'idToken', 'refreshToken', 'jwt'];
const REFRESH_MEMBERS = ['refresh_token', 'refreshToken'];

function jsonBody(body: string): Record<string, unknown> | null {
  if (!/^\s*\{/.test(body)) return null;
  try {
    const value = JSON.parse(body) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A member of the body or of its `data`/`tokens` wrapper, as APIs nest them. */
function member(body: Record<string, unknown> | null, names: string[]): string | undefined {
  for (const scope of [body, body?.data, body?.tokens]) {
    if (!scope || typeof scope !== 'object') continue;
    for (const name of names) {
      const value = (scope as Record<string, unknown>)[name];
      if (typeof value === 'string' && value !== '') return value;
    }
  }
  return undefined;
}

interface SetCookie {
  name: string;
  value: string;
  attributes: Map<string, string>;
  at: HeaderLine;
}

function parseSetCookie(h: HeaderLine): SetCookie | null {
  const [pair, ...attrs] = h.value.split(';');
  const eq = pair?.indexOf('=') ?? -1;
  if (!pair || eq <= 0) return null;
  const attributes = new Map<string, string>();
  for (const attr of attrs) {
    const [k, ...v] = attr.split('=');
    if (k?.trim()) attributes.set(k.trim().toLowerCase(), v.join('=').trim());
  }
  return { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), attributes, at: h };
}

function looksLikeJwt(value: string): boolean {
  return /^eyJ[\w-]*\.[\w-]*\.[\w-]*$/.test(value);
}

function cookiesSent(exchange: Exchange): Map<string, string> {
  const out = new Map<string, string>();
  for (const h of headersNamed(exchange.request?.headers ?? [], 'cookie')) {
    for (const part of h.value.split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0) out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
    }
  }
  return out;
}

/** The refresh token a request presents: form or JSON body, or a refresh cookie sent to a token endpoint. */
function presentedRefreshToken(exchange: Exchange): string | undefined {
  const req = exchange.request;
  if (!req) return undefined;
  const form = new URLSearchParams(req.body.includes('=') && !req.body.trim().startsWith('{') ? req.body : '');
  if (form.get('grant_type') === 'refresh_token' && form.get('refresh_token')) return form.get('refresh_token')!;
  const json = member(jsonBody(req.body), REFRESH_MEMBERS);
  if (json) return json;
  if (/refresh|token/i.test(req.url)) {
    for (const [name, value] of cookiesSent(exchange)) if (/refresh/i.test(name) && value) return value;
  }
  return undefined;
}

/** What a request authenticates with: a bearer token, auth cookies (name=value) and a presented refresh token. */
function credentialsOf(exchange: Exchange): string[] {
  const out: string[] = [];
  for (const h of headersNamed(exchange.request?.headers ?? [], 'authorization')) {
    const value = h.value.replace(/^bearer\s+/i, '').trim();
    if (value.length >= 16) out.push(`bearer:${value}`);
  }
  for (const [name, value] of cookiesSent(exchange)) if (value.length >= 16 && (isAuthCookieName(name) || looksLikeJwt(value))) out.push(`cookie:${name}=${value}`);
  const refresh = presentedRefreshToken(exchange);
  if (refresh && refresh.length >= 16) out.push(`refresh:${refresh}`);
  return out;
}

/** The refresh token a response issues: a JSON member or a refresh cookie. */
function issuedRefreshToken(exchange: Exchange): string | undefined {
  const res = exchange.response;
  if (!res) return undefined;
  const fromBody = member(jsonBody(res.body), REFRESH_MEMBERS);
  if (fromBody) return fromBody;
  for (const h of headersNamed(res.headers, 'set-cookie')) {
    const cookie = parseSetCookie(h);
    if (cookie && /refresh/i.test(cookie.name) && cookie.value && !/max-age=0\b|expires=thu, 01 jan 1970/i.test(h.value)) return cookie.value;
  }
  return undefined;
}

class CaptureAudit {
  readonly findings: Finding[] = [];
  constructor(
    private readonly file: string,
    private readonly options: CaptureOptions,
  ) {}

  /** Severities come from the rules' declarations: the code half and the captures agree by construction. */
  report(ruleId: SessionRuleId, at: { line: number; column?: number }, message: string, data: Record<string, unknown>): void {
    this.findings.push({ ruleId, severity: SEVERITY.get(ruleId)!, message, file: this.file, line: at.line, column: at.column ?? 1, data });
  }

  cookies(exchange: Exchange): void {
    const res = exchange.response;
    if (!res) return;
    const https = !exchange.request?.url.startsWith('http://');
    for (const h of headersNamed(res.headers, 'set-cookie')) {
      const cookie = parseSetCookie(h);
      if (!cookie?.value) continue;
      // A cookie being deleted carries nothing to steal.
      if (/max-age=0\b|expires=thu, 01 jan 1970/i.test(h.value)) continue;
      if (!isAuthCookieName(cookie.name) && !looksLikeJwt(cookie.value)) continue;
      const data = { entry: exchange.index, header: h.name, cookie: cookie.name };
      const fix = `Set-Cookie: ${cookie.name}=…; HttpOnly; Secure; SameSite=Lax`;
      if (!cookie.attributes.has('httponly')) {
        this.report('session/cookie-httponly-missing', h, `The auth cookie ${cookie.name} is set without HttpOnly: one XSS line (document.cookie) reads it; send ${fix}`, data);
      }
      const sameSite = cookie.attributes.get('samesite')?.toLowerCase();
      if (!cookie.attributes.has('secure')) {
        if (sameSite === 'none') this.report('session/cookie-samesite-none-insecure', h, `The auth cookie ${cookie.name} has SameSite=None without Secure: browsers drop it, or send it cross-site over plain HTTP; send ${fix}`, data);
        else if (https) this.report('session/cookie-secure-missing', h, `The auth cookie ${cookie.name} is set without Secure: the browser also sends it over http://, where the network path can read it; send ${fix}`, data);
      }
      if (sameSite === undefined) this.report('session/cookie-samesite-missing', h, `The auth cookie ${cookie.name} is set without SameSite: other sites can ride it (CSRF); send ${fix}`, data);
    }
  }

  responseTokens(exchange: Exchange): void {
    const res = exchange.response;
    if (!res || res.status < 200 || res.status >= 300) return;
    const body = jsonBody(res.body);
    const bodyToken = member(body, TOKEN_MEMBERS);
    const authCookie = headersNamed(res.headers, 'set-cookie').some((h) => {
      const c = parseSetCookie(h);
      return c !== null && c.value !== '' && (isAuthCookieName(c.name) || looksLikeJwt(c.value)) && !/max-age=0\b|expires=thu, 01 jan 1970/i.test(h.value);
    });
    if (bodyToken || authCookie) {
      const cacheControl = header(res.headers, 'cache-control');
      if (!cacheControl || !/\bno-store\b/i.test(cacheControl.value)) {
        this.report('session/token-response-cacheable',
          cacheControl ?? res,
          `A response carrying ${bodyToken ? 'tokens' : 'an auth cookie'} has ${cacheControl ? `Cache-Control: ${echoed(cacheControl.value)}` : 'no Cache-Control'}: a proxy, CDN or browser cache may keep it for the next user (RFC 6749 section 5.1); send Cache-Control: no-store`,
          { entry: exchange.index, ...(cacheControl ? { header: cacheControl.name } : {}) },
        );
      }
    }
    // An RFC 6749 token response (token_type beside the tokens) answers an OAuth client, which must
    // receive its refresh token in the body; what a browser app does with it is its code's business.
    if (member(body, REFRESH_MEMBERS) && body?.token_type === undefined) {
      this.report('session/refresh-token-exposed',
        { line: res.bodyLine },
        'A refresh token is returned in a JSON body, where page scripts (and one XSS line) can read it: set it as an HttpOnly, Secure, SameSite cookie scoped to the refresh path instead',
        { entry: exchange.index },
      );
    }
  }

  tokenInUrl(exchange: Exchange): void {
    const req = exchange.request;
    if (!req) return;
    const query = req.url.indexOf('?');
    if (query < 0) return;
    const params = new URLSearchParams(req.url.slice(query + 1));
    for (const [name, value] of params) {
      if (!value || !(/^(access_?token|id_?token|token|jwt|auth|session_?id|refresh_?token)$/i.test(name) || looksLikeJwt(value))) continue;
      this.report('session/token-in-url',
        { line: req.line },
        `A token travels in the URL (query parameter ${name}): it lands in server and proxy logs, browser history and Referer headers; send it in an Authorization header or an HttpOnly cookie`,
        { entry: exchange.index, parameter: name },
      );
    }
  }

  rotation(capture: Capture): void {
    const accepted = new Map<string, number>();
    for (const exchange of capture.exchanges) {
      const presented = presentedRefreshToken(exchange);
      const res = exchange.response;
      if (!presented || !res || res.status < 200 || res.status >= 300) continue;
      const at = { line: exchange.request!.line };
      const data = { entry: exchange.index };
      const earlier = accepted.get(presented);
      if (earlier !== undefined) {
        this.report('session/refresh-token-not-rotated',
          at,
          `A refresh token already used in entry ${earlier} was accepted again: a replayed token must be refused and its whole session family revoked`,
          { ...data, replayOf: earlier },
        );
      }
      accepted.set(presented, exchange.index);
      const issued = issuedRefreshToken(exchange);
      if (issued === undefined) {
        this.report('session/refresh-token-not-rotated', at, 'The refresh exchange issued no new refresh token: the old one stays valid, so a stolen copy lives as long as it does; rotate it on every use', data);
      } else if (issued === presented) {
        this.report('session/refresh-token-not-rotated', at, 'The refresh exchange handed back the same refresh token: it does not rotate, so a stolen copy lives as long as it does', data);
      }
    }
  }

  /**
   * A credential that logged out must stop working: a later request presenting the same bearer
   * token, auth cookie or refresh token that still gets a 2xx shows the logout only forgot it on
   * the client (reported at that request, naming the logout entry).
   */
  revocation(capture: Capture): void {
    const loggedOut = new Map<string, number>();
    for (const exchange of capture.exchanges) {
      const req = exchange.request;
      const res = exchange.response;
      if (!req || !res) continue;
      const credentials = credentialsOf(exchange);
      const path = req.url.replace(/^[a-z]+:\/\/[^/]+/i, '').split('?')[0] ?? '';
      if (/log-?_?out|sign-?_?out/i.test(path)) {
        if (res.status < 400) for (const c of credentials) if (!loggedOut.has(c)) loggedOut.set(c, exchange.index);
        continue;
      }
      if (res.status < 200 || res.status >= 300) continue;
      const reused = credentials.find((c) => loggedOut.has(c));
      if (reused === undefined) continue;
      const earlier = loggedOut.get(reused)!;
      this.report('session/logout-not-revoked',
        { line: req.line },
        `A credential sent to the logout in entry ${earlier} was accepted again here: the logout only cleared it in the browser, so a copy keeps working. Revoke the session or refresh token on the server (session.destroy(), a store delete, a deny-list) when logging out`,
        { entry: exchange.index, logoutEntry: earlier },
      );
      // One finding per logout is enough to show it.
      for (const [c, at] of [...loggedOut]) if (at === earlier) loggedOut.delete(c);
    }
  }

  /**
   * Every JWT in the capture runs through decode's jwt/* rules, placed where the capture holds it.
   * `at` places tokens found in a decoded body, which has no place of its own in the file.
   */
  jwts(text: string, at?: { line: number; column: number; field: string }): void {
    const seen = new Set<string>();
    // No cap on candidates (200 decoys used to hide the real token); searches have their own budget.
    for (const found of findTokens(text)) {
      if (seen.has(`${found.compact}@${found.line}`)) continue;
      seen.add(`${found.compact}@${found.line}`);
      let token: ReturnType<typeof parseToken>;
      try {
        token = parseToken(found.compact);
      } catch {
        continue;
      }
      const alg = token.header.alg;
      // Only a search that would really run spends the run's budget.
      const weakSecretSearch =
        token.kind !== 'jws' || typeof alg !== 'string' || !(HMAC_ALGS as readonly string[]).includes(alg) || token.signingInput.length > WEAK_SECRET_MAX_INPUT || !weakSecretListAvailable() || claimBulkSearch(token.signingInput, token.signature);
      const analysis = analyseToken(token, { now: this.options.now, leewaySeconds: 0, maxLifetimeSeconds: this.options.jwtMaxLifetimeSeconds ?? DEFAULT_MAX_LIFETIME_SECONDS, weakSecretSearch });
      for (const f of analysis.findings) {
        const field = at?.field ?? found.field;
        this.findings.push({ ...f, file: this.file, line: at?.line ?? found.line, column: at?.column ?? found.column, data: { ...f.data, ...(field ? { field } : {}) } });
      }
    }
  }

  /** Browsers strip credentials from HAR exports: say the capture cannot be judged, never that it is clean. */
  sanitized(capture: Capture): void {
    if (capture.format !== 'har' || capture.exchanges.length === 0) return;
    const credentials = capture.exchanges.some(
      (e) =>
        [...headersNamed(e.request?.headers ?? [], 'cookie'), ...headersNamed(e.request?.headers ?? [], 'authorization'), ...headersNamed(e.response?.headers ?? [], 'set-cookie')].some((h) => h.value.trim() !== '') ||
        member(jsonBody(e.response?.body ?? ''), TOKEN_MEMBERS) !== undefined,
    );
    if (!credentials) {
      this.report('session/capture-sanitized',
        { line: 1 },
        `The capture${capture.creator ? ` (written by ${capture.creator})` : ''} holds no Cookie, Set-Cookie or Authorization value and no token in a body: browsers strip them on export, so its session handling cannot be assessed; export with sensitive data from a test account, or use curl -v`,
        { entries: capture.exchanges.length },
      );
    }
  }
}

export function auditCapture(file: string, text: string, options: CaptureOptions): { findings: Finding[]; errors: InputError[] } {
  let capture: Capture;
  try {
    // A .har is a HAR or an input error: read as a curl dump it found nothing and looked clean.
    capture = /^\s*\{/.test(text) || /\.har$/i.test(file) ? parseHar(text) : parseCurl(text);
  } catch (error) {
    if (error instanceof HarError) return { findings: [], errors: [{ file, message: error.message }] };
    throw error;
  }
  const audit = new CaptureAudit(file, options);
  for (const exchange of capture.exchanges) {
    audit.cookies(exchange);
    audit.responseTokens(exchange);
    audit.tokenInUrl(exchange);
  }
  audit.rotation(capture);
  audit.revocation(capture);
  audit.jwts(text);
  for (const exchange of capture.exchanges) {
    const res = exchange.response;
    if (res?.bodyEncoded) audit.jwts(res.body, { line: res.bodyLine, column: 1, field: 'response body (base64)' });
  }
  audit.sanitized(capture);
  return { findings: audit.findings, errors: [] };
}
