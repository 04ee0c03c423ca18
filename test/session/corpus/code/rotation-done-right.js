// Models the refresh-rotation controllers of public Express apps (e.g. a RefreshController.rotate
// with a hashed, revocable token family): 10-minute access tokens, the refresh token only in an
// HttpOnly cookie scoped to the refresh path, reuse revokes the whole chain. Nothing to report.
import crypto from 'node:crypto';
import jwt from 'jsonwebtoken';
import { refreshTokens } from '../repository/refreshTokens.repo.js';

const REFRESH_COOKIE = { httpOnly: true, secure: true, sameSite: 'strict', path: '/auth/refresh', maxAge: 14 * 24 * 3600 * 1000 };

function signAccessToken(userId) {
  return jwt.sign({ sub: userId }, process.env.JWT_ACCESS_SECRET, { algorithm: 'HS256', expiresIn: '10m' });
}

export async function rotate(req, res) {
  const presented = req.cookies.refresh_token;
  if (!presented) return res.status(401).json({ error: 'Missing refresh token' });
  const hash = crypto.createHash('sha256').update(presented).digest('hex');
  const record = await refreshTokens.findByHash(hash);
  if (!record || record.revokedAt) {
    if (record) await refreshTokens.revokeFamily(record.familyId);
    res.clearCookie('refresh_token', { path: '/auth/refresh' });
    return res.status(401).json({ error: 'Refresh token reuse detected' });
  }
  const next = crypto.randomBytes(48).toString('base64url');
  await refreshTokens.replace(record, crypto.createHash('sha256').update(next).digest('hex'));
  res.cookie('refresh_token', next, REFRESH_COOKIE);
  return res.json({ accessToken: signAccessToken(record.userId) });
}

export function verifyAccess(req, res, next) {
  const header = req.headers.authorization ?? '';
  try {
    req.user = jwt.verify(header.replace(/^Bearer /, ''), process.env.JWT_ACCESS_SECRET, { algorithms: ['HS256'] });
    next();
  } catch {
    res.status(401).end();
  }
}
