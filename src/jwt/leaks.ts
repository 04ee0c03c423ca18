import type { Finding } from '../findings/model.js';
import { DEFAULT_MAX_LIFETIME_SECONDS, HMAC_ALGS } from './analyze.js';
import { findTokens } from './extract.js';
import { type ParsedToken, claimsOf, parseToken } from './parse.js';
import { analyseTimes, isNumericDate, isoFromSeconds, preciseDuration, roughDuration } from './time.js';
import { type HmacAlg, WEAK_SECRET_MAX_INPUT, claimBulkSearch, findWeakSecret, secretListPlace, weakSecretListAvailable } from './weak-secret.js';

export const TOKEN_IN_SOURCE = 'jwt/token-in-source';


function describe(token: ParsedToken): string {
  const alg = typeof token.header.alg === 'string' ? token.header.alg : 'no alg';
  const claims = claimsOf(token);
  const parts = [`${token.kind === 'jwe' ? 'JWE' : 'JWT'} ${alg}`];
  if (claims && typeof claims.iss === 'string') parts.push(`iss ${claims.iss.length > 80 ? `${claims.iss.slice(0, 80)}…` : claims.iss}`);
  if (claims && typeof claims.sub === 'string' && claims.sub.length <= 40) parts.push(`sub ${claims.sub}`);
  return parts.join(', ');
}

/**
 * JWTs written into a text file (`authkit scan`): where each is and what it is, under
 * jwt/token-in-source, never the token. Error when the token still works (no exp, or exp in the
 * future) or was signed with a publicly known secret; a warning for expired tokens.
 */
export function findLeakedTokens(file: string, text: string, options: { now: Date; maxLifetimeSeconds?: number }): Finding[] {
  if (!text.includes('eyJ')) return [];
  const findings: Finding[] = [];
  const maxLifetime = options.maxLifetimeSeconds ?? DEFAULT_MAX_LIFETIME_SECONDS;
  // Every candidate is examined: a cap here let 200 decoys hide a real token behind them. Parsing is
  // cheap; the costly part, the known-secret search, has its own budget per run.
  for (const found of findTokens(text)) {
    let token: ParsedToken;
    try {
      token = parseToken(found.compact);
    } catch {
      continue; // eyJ-prefixed base64 that is not a token: not a leak
    }
    const claims = claimsOf(token);
    const time = analyseTimes(claims, options.now, 0);
    const alg = token.header.alg;
    let weakLine: number | null = null;
    let weakChecked = false;
    if (token.kind === 'jws' && typeof alg === 'string' && (HMAC_ALGS as readonly string[]).includes(alg) && token.signingInput.length <= WEAK_SECRET_MAX_INPUT && weakSecretListAvailable()) {
      if (claimBulkSearch(token.signingInput, token.signature)) {
        weakLine = findWeakSecret(alg as HmacAlg, token.signingInput, token.signature)?.line ?? null;
        weakChecked = true;
      }
    }
    const unsecured = typeof alg === 'string' && alg.toLowerCase() === 'none';
    const exp = claims?.exp;
    let state: string;
    let live: boolean;
    if (token.kind === 'jwe') {
      state = 'encrypted';
      live = !time.expired;
    } else if (!claims) {
      state = 'not a claims set';
      live = false;
    } else if (time.expired) {
      state = `expired ${roughDuration(time.expiredBySeconds!)} ago`;
      live = false;
    } else if (isNumericDate(exp)) {
      state = `still live, expires in ${roughDuration(exp - options.now.getTime() / 1000)}`;
      live = true;
    } else {
      state = 'still live, never expires (no exp)';
      live = true;
    }
    const problems: string[] = [];
    if (weakLine !== null) problems.push(`signed with a publicly known secret (${secretListPlace(weakLine)}): anyone can mint tokens for this issuer`);
    if (unsecured) problems.push('unsecured (alg none)');
    if (live && time.lifetimeSeconds !== null && time.lifetimeSeconds > maxLifetime) problems.push(`lives ${preciseDuration(time.lifetimeSeconds)}`);
    const severity = live || weakLine !== null || unsecured ? 'error' : 'warning';
    findings.push({
      ruleId: TOKEN_IN_SOURCE,
      severity,
      message: `A ${describe(token)} is written here (${state})${problems.length ? `; ${problems.join('; ')}` : ''}`,
      file,
      line: found.line,
      column: found.column,
      endLine: found.line,
      endColumn: found.column + found.compact.length,
      data: {
        type: token.kind === 'jwe' ? 'JWE' : 'JWS',
        alg,
        kid: typeof token.header.kid === 'string' ? token.header.kid : undefined,
        iss: typeof claims?.iss === 'string' ? claims.iss : undefined,
        sub: typeof claims?.sub === 'string' ? claims.sub : undefined,
        exp: isNumericDate(exp) ? isoFromSeconds(exp) : undefined,
        live,
        expired: time.expired,
        weakSecretLine: weakLine,
        weakSecretChecked: weakChecked,
        foundIn: found.context,
        ...(found.field ? { field: found.field } : {}),
      },
    });
  }
  return findings;
}
