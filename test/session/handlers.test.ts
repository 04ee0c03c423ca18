// Request handlers: refresh rotation, logout revocation and CSRF, decided within one file.
import { describe, expect, it } from 'vitest';
import { findingsOf } from './helpers.js';

const EXPRESS = "const express = require('express');\nconst jwt = require('jsonwebtoken');\n";

describe('session/refresh-token-not-rotated in code', () => {
  it('a refresh route that signs only an access token, or a new refresh token without retiring the old one', () => {
    const code = `${EXPRESS}router.post('/refresh', (req, res) => {
  const payload = jwt.verify(req.cookies.refreshToken, process.env.R, { algorithms: ['HS256'] });
  res.json({ accessToken: jwt.sign({ sub: payload.sub }, process.env.A, { expiresIn: '5m' }) });
});
router.post('/refresh2', (req, res) => {
  const payload = jwt.verify(req.cookies.refreshToken, process.env.R, { algorithms: ['HS256'] });
  res.cookie('refreshToken', jwt.sign({ sub: payload.sub }, process.env.REFRESH_SECRET, { expiresIn: '7d' }), { httpOnly: true, secure: true, sameSite: 'strict' });
  res.json({ accessToken: jwt.sign({ sub: payload.sub }, process.env.A, { expiresIn: '5m' }) });
});
router.post('/refresh3', async (req, res) => {
  const payload = jwt.verify(req.cookies.refreshToken, process.env.R, { algorithms: ['HS256'] });
  await Token.deleteOne({ token: req.cookies.refreshToken });
  res.cookie('refreshToken', jwt.sign({ sub: payload.sub }, process.env.REFRESH_SECRET, { expiresIn: '7d' }), { httpOnly: true, secure: true, sameSite: 'strict' });
  res.json({ accessToken: jwt.sign({ sub: payload.sub }, process.env.A, { expiresIn: '5m' }) });
});
router.post('/refresh4', (req, res) => refreshService.refresh(req, res));`;
    expect(findingsOf(code).filter((f) => f.includes('rotated'))).toEqual(['session/refresh-token-not-rotated@3', 'session/refresh-token-not-rotated@7']);
  });
});

describe('session/logout-not-revoked in code', () => {
  it('clearing a refresh cookie alone; a store delete or a session destroy revokes', () => {
    const code = `${EXPRESS}app.post('/logout', (req, res) => { res.clearCookie('refresh_token'); res.end(); });
app.post('/signout', async (req, res) => { await Token.deleteOne({ token: req.cookies.refresh_token }); res.clearCookie('refresh_token'); res.end(); });
app.post('/log-out', (req, res) => { res.clearCookie('theme'); res.end(); });
app.post('/auth/logout', async (req, res) => { await db.query('DELETE FROM refresh_tokens WHERE token = $1', [req.cookies.refresh_token]); res.clearCookie('refresh_token'); res.end(); });
app.post('/v2/logout', async (req, res) => { await repo.softDelete({ token: req.cookies.refresh_token }); await redis.sAdd('revoked', req.cookies.refresh_token); res.clearCookie('refresh_token'); res.end(); });`;
    expect(findingsOf(code)).toEqual(['session/logout-not-revoked@3']);
  });
});

describe('session/csrf-unprotected', () => {
  const session = (cookie: string, extra = '') => `const express = require('express');\nconst session = require('express-session');\n${extra}app.use(session({ secret: process.env.S, cookie: ${cookie} }));\napp.post('/transfer', (req, res) => res.json(move(req.session.user, req.body)));\napp.post('/login', (req, res) => res.end());`;

  it('state-changing routes of a cookie session with no SameSite and no defence', () => {
    expect(findingsOf(session('{ httpOnly: true, secure: true }')).filter((f) => f.includes('csrf'))).toEqual(['session/csrf-unprotected@4']);
  });

  it('SameSite Lax, a CSRF middleware or an Origin check protects; csurf protects but is noted as deprecated', () => {
    expect(findingsOf(session("{ secure: true, sameSite: 'lax' }")).filter((f) => f.includes('csrf'))).toEqual([]);
    expect(findingsOf(session('{ secure: true }', "const { csrfSync } = require('csrf-sync');\n")).filter((f) => f.includes('csrf'))).toEqual([]);
    expect(findingsOf(session('{ secure: true }', "app.use((req, res, next) => (req.headers.origin === ALLOWED ? next() : res.sendStatus(403)));\n")).filter((f) => f.includes('csrf'))).toEqual([]);
    expect(findingsOf(session('{ secure: true }', "const csrf = require('csurf');\n")).filter((f) => f.includes('csrf'))).toEqual(['session/csrf-unprotected@3']);
  });
});
