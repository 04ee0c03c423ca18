import type { RuleMeta } from '../../findings/model.js';

/** Rules only a capture can show: what the server did, not what its code says. Never rename. */
export const CAPTURE_RULES = [
  {
    id: 'session/refresh-token-not-rotated',
    severity: 'error',
    security: true,
    description: 'A refresh exchange (captured, or a refresh handler in code) issued no new refresh token, reissued the same one, or accepted or left valid a used one',
    help: "Refresh tokens must rotate on every use, and a replayed old one must kill the whole session family (OAuth 2.0 Security BCP, RFC 9700 section 4.14.2): then a stolen refresh token works once at most, and its use by the thief or by the victim reveals the theft. A server that answers a refresh without a new refresh token, hands back the same value, or accepts the same refresh token twice lets a stolen token live for its whole lifetime. In code, a refresh handler that verifies the incoming refresh token and signs a new access token but no new refresh token, or issues a new one without any store write that invalidates the used one (no delete, update, revoke, no token family), is reported as a warning; a handler that hands the work to a service in another file is not judged. Fix: issue a new refresh token with every access token, store the used one as revoked, and on reuse revoke every token of that family.",
    examples: { valid: [{ code: 'POST /token grant_type=refresh_token&refresh_token=A -> 200 {"access_token":"...","refresh_token":"B"}' }], invalid: [{ code: 'POST /token grant_type=refresh_token&refresh_token=A -> 200 {"access_token":"..."}' }] },
  },
  {
    id: 'session/token-response-cacheable',
    severity: 'warning',
    security: true,
    description: 'A response carrying tokens lacks Cache-Control: no-store',
    help: 'RFC 6749 section 5.1: the authorization server must send Cache-Control: no-store (and Pragma: no-cache for HTTP/1.0 caches) in any response holding tokens or credentials. Without it, a shared proxy, a CDN or the browser cache may keep the tokens and hand them to the next user. Fix: res.set("Cache-Control", "no-store") on login, token and refresh responses, and on responses that set auth cookies.',
    examples: { valid: [{ code: 'HTTP/1.1 200 OK\nCache-Control: no-store\n\n{"access_token":"..."}' }], invalid: [{ code: 'HTTP/1.1 200 OK\nCache-Control: max-age=60\n\n{"access_token":"..."}' }] },
  },
  {
    id: 'session/capture-sanitized',
    severity: 'info',
    description: 'The capture holds no Cookie, Set-Cookie or Authorization values: its session handling cannot be assessed',
    help: "Browsers strip Cookie, Set-Cookie and Authorization headers from HAR exports by default (Chrome since version 130, Firefox likewise), and many proxies redact them. A capture without them shows nothing about how the session is issued or protected, so authkit says so instead of reporting it clean. Export with sensitive data included (Chrome: DevTools settings, 'Allow to generate HAR with sensitive data'), from a test account, or capture with curl -v.",
    examples: { valid: [{ code: 'a HAR exported with sensitive data' }], invalid: [{ code: 'a HAR exported by Chrome with default settings' }] },
  },
] as const satisfies readonly RuleMeta[];
