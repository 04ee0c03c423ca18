import { UsageError } from '../findings/errors.js';

/** Time handling for NumericDate claims (RFC 7519 section 2: seconds since the epoch, UTC). */

export class JwtOptionError extends UsageError {}

/** `--now`: ISO 8601 (`2011-03-22T18:43:00Z`) or epoch seconds (`1300819380`). */
export function parseNow(text: string): Date {
  const trimmed = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) {
    const date = new Date(Number(trimmed) * 1000);
    if (!Number.isNaN(date.getTime())) return date;
  } else if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(trimmed)) {
    // A date-time without a zone is read as UTC, not local time: tokens live in UTC.
    const zoned = /T|\s/.test(trimmed) && !/(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed) ? `${trimmed}Z` : trimmed;
    const date = new Date(zoned.replace(' ', 'T'));
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new JwtOptionError(`--now: "${text}" is neither ISO 8601 (2011-03-22T18:43:00Z) nor epoch seconds`);
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };

/** `30`, `30s`, `5m`, `1h`, `2d`, `1w`, or combinations such as `1h30m`: seconds. */
export function parseDuration(text: string, option: string): number {
  const trimmed = text.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  if (/^(\d+(\.\d+)?[smhdwy])+$/.test(trimmed)) {
    let total = 0;
    // Split after each unit rather than matchAll(/(\d+...)([smhdwy])/g), which rescans digit runs quadratically.
    for (const part of trimmed.split(/(?<=[smhdwy])/)) total += Number(part.slice(0, -1)) * UNIT_SECONDS[part.slice(-1)]!;
    return total;
  }
  throw new JwtOptionError(`${option}: "${text}" is not a duration (use seconds, or 30s, 5m, 1h, 2d)`);
}

/** `2011-03-22T18:43:00Z`: ISO 8601 UTC, milliseconds only when present. */
export function isoFromSeconds(seconds: number): string | null {
  const date = new Date(seconds * 1000);
  if (!Number.isFinite(seconds) || Number.isNaN(date.getTime())) return null;
  return date.toISOString().replace('.000Z', 'Z');
}

/** Whole seconds: `--now` defaults to the wall clock, whose milliseconds are noise here. */
export function isoOf(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const UNITS: [string, number][] = [
  ['y', 31536000],
  ['d', 86400],
  ['h', 3600],
  ['m', 60],
  ['s', 1],
];

/** `15y`, `14m`, `3d`: the largest whole unit, for relative times. */
export function roughDuration(seconds: number): string {
  const abs = Math.abs(seconds);
  for (const [unit, size] of UNITS) if (abs >= size) return `${Math.floor(abs / size)}${unit}`;
  return `${Math.round(abs * 10) / 10}s`;
}

/** `1h 30m`, `15m`, `2d 4h`: two units at most, for lifetimes and exact overruns. */
export function preciseDuration(seconds: number): string {
  let rest = Math.abs(Math.round(seconds));
  if (rest === 0) return '0s';
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
      if (parts.length === 2) break;
    } else if (parts.length > 0) break;
  }
  return parts.join(' ');
}

export const NUMERIC_DATE_CLAIMS = ['exp', 'nbf', 'iat', 'auth_time'] as const;
export type NumericDateClaim = (typeof NUMERIC_DATE_CLAIMS)[number];

export interface ClaimTime {
  claim: NumericDateClaim;
  value: unknown;
  /** null when the value is not a usable NumericDate. */
  iso: string | null;
  /** "expired 15y ago", "expires in 14m", "issued 3h ago", "valid from 2d ago". */
  relative: string | null;
  problem?: string;
}

export interface TimeAnalysis {
  now: string;
  leewaySeconds: number;
  claims: ClaimTime[];
  lifetimeSeconds: number | null;
  expired: boolean;
  notYetValid: boolean;
  /** Seconds past exp (positive) when expired. */
  expiredBySeconds?: number;
  /** Seconds until nbf when not yet valid. */
  validInSeconds?: number;
  iatInFuture: boolean;
}

function relativeText(claim: NumericDateClaim, delta: number): string {
  const span = roughDuration(delta);
  const past = delta <= 0;
  switch (claim) {
    case 'exp':
      return past ? `expired ${span} ago` : `expires in ${span}`;
    case 'nbf':
      return past ? `valid since ${span} ago` : `not valid for another ${span}`;
    case 'iat':
      return past ? `issued ${span} ago` : `issued ${span} in the future`;
    case 'auth_time':
      return past ? `authenticated ${span} ago` : `authenticated ${span} in the future`;
  }
}

export function isNumericDate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && isoFromSeconds(value) !== null;
}

/** Every time check of RFC 7519 section 4.1, evaluated at `now` with `leeway` seconds of skew. */
export function analyseTimes(payload: Record<string, unknown> | null, now: Date, leewaySeconds: number): TimeAnalysis {
  const nowSeconds = now.getTime() / 1000;
  const claims: ClaimTime[] = [];
  const analysis: TimeAnalysis = {
    now: isoOf(now),
    leewaySeconds,
    claims,
    lifetimeSeconds: null,
    expired: false,
    notYetValid: false,
    iatInFuture: false,
  };
  if (!payload) return analysis;
  for (const claim of NUMERIC_DATE_CLAIMS) {
    if (!Object.hasOwn(payload, claim)) continue;
    const value = payload[claim];
    if (!isNumericDate(value)) {
      claims.push({ claim, value, iso: null, relative: null, problem: 'not a NumericDate (seconds since the epoch)' });
      continue;
    }
    claims.push({ claim, value, iso: isoFromSeconds(value), relative: relativeText(claim, value - nowSeconds) });
  }
  const exp = payload.exp;
  const nbf = payload.nbf;
  const iat = payload.iat;
  if (isNumericDate(exp) && nowSeconds >= exp + leewaySeconds) {
    analysis.expired = true;
    analysis.expiredBySeconds = nowSeconds - exp;
  }
  if (isNumericDate(nbf) && nowSeconds < nbf - leewaySeconds) {
    analysis.notYetValid = true;
    analysis.validInSeconds = nbf - nowSeconds;
  }
  if (isNumericDate(iat) && iat > nowSeconds + leewaySeconds) analysis.iatInFuture = true;
  if (isNumericDate(exp) && isNumericDate(iat)) analysis.lifetimeSeconds = exp - iat;
  return analysis;
}
