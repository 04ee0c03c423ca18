import { UsageError } from '../findings/errors.js';

/**
 * `verify --jwks-url`: the one place authkit opens a network connection, and only when asked.
 * Bounded in time and size; redirects are not followed, so the URL given is the URL fetched.
 */

export class JwksFetchError extends UsageError {}

const MAX_JWKS_BYTES = 1024 * 1024;

export async function fetchJwks(url: string, timeoutMs = 10_000): Promise<string> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new JwksFetchError(`--jwks-url: "${url}" is not a URL`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new JwksFetchError(`--jwks-url: only http(s) URLs, not ${parsed.protocol}`);
  let response: Response;
  try {
    response = await fetch(parsed, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json, application/jwk-set+json' } });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000}s` : (cause?.code ?? cause?.message ?? (error as Error).message);
    throw new JwksFetchError(`${parsed.origin}${parsed.pathname}: cannot fetch the JWKS (${why})`);
  }
  if (response.status >= 300 && response.status < 400) {
    throw new JwksFetchError(`${parsed.origin}${parsed.pathname}: HTTP ${response.status} redirect; give the final URL (redirects are not followed)`);
  }
  if (!response.ok) throw new JwksFetchError(`${parsed.origin}${parsed.pathname}: HTTP ${response.status} ${response.statusText}`.trim());
  const body = Buffer.from(await response.arrayBuffer());
  if (body.length > MAX_JWKS_BYTES) throw new JwksFetchError(`${parsed.origin}${parsed.pathname}: the JWKS is over 1 MiB`);
  return body.toString('utf8');
}
