// The expiry panel's clock: local time with its zone, UTC, and a countdown whose state changes
// are announced politely (the live region is updated only when the state changes).
import type { DecodedTokenReport } from '../../jwt/decode.js';

export type Validity = 'empty' | 'valid' | 'expiring' | 'expired' | 'not-yet-valid' | 'no-exp';

/** Within this much of exp a token is "expiring": about to fail mid-request. */
const EXPIRING_SECONDS = 5 * 60;

const pad = (n: number) => String(n).padStart(2, '0');

export function localTime(seconds: number): string {
  const d = new Date(seconds * 1000);
  const zone = new Intl.DateTimeFormat(undefined, { timeZoneName: 'short' }).formatToParts(d).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const utcOffset = `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ${zone} (UTC${utcOffset})`;
}

export function countdown(seconds: number): string {
  const s = Math.abs(Math.round(seconds));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${d ? `${d}d ` : ''}${pad(h)}:${pad(m)}:${pad(s % 60)}`;
}

function numeric(payload: unknown, claim: string): number | undefined {
  const value = (payload as Record<string, unknown> | null)?.[claim];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The state at `nowMs`, from the token's own exp and nbf; null when there is no token. */
export function validity(token: DecodedTokenReport | undefined, nowMs: number): { state: Validity; text: string; tick: string } {
  if (!token || token.type === 'JWE') return { state: 'empty', text: token ? 'Encrypted token: its times are inside the ciphertext.' : '', tick: '' };
  const now = nowMs / 1000;
  const exp = numeric(token.payload, 'exp');
  const nbf = numeric(token.payload, 'nbf');
  if (nbf !== undefined && now < nbf) return { state: 'not-yet-valid', text: 'Not yet valid', tick: `valid in ${countdown(nbf - now)}` };
  if (exp === undefined) return { state: 'no-exp', text: 'No exp: this token never expires', tick: '' };
  if (now >= exp) return { state: 'expired', text: 'Expired', tick: `expired ${countdown(now - exp)} ago` };
  return { state: exp - now <= EXPIRING_SECONDS ? 'expiring' : 'valid', text: exp - now <= EXPIRING_SECONDS ? 'Expiring soon' : 'Valid (time claims only; signature not checked)', tick: `expires in ${countdown(exp - now)}` };
}
