// The data flow answers only what the file says for certain: these are the precision promises.
import { describe, expect, it } from 'vitest';
import { findingsOf } from './helpers.js';

const EXPRESS = "const express = require('express');\n";

describe('session data flow', () => {
  it('follows consts across scopes and respects shadowing', () => {
    const code = `${EXPRESS}const options = { httpOnly: true, secure: true, sameSite: 'lax' };\nfunction a(res, sid) { res.cookie('sid', sid, options); }\nfunction b(res, sid, options) { res.cookie('sid', sid, options); }\nfunction c(res, sid) { const options = {}; res.cookie('sid', sid, options); }`;
    expect(findingsOf(code)).toEqual(['session/cookie-httponly-missing@5', 'session/cookie-samesite-missing@5', 'session/cookie-secure-missing@5']);
  });

  it('a let assigned again is unknown', () => {
    const code = `${EXPRESS}let options = {};\nif (process.env.PROD) options = { httpOnly: true, secure: true, sameSite: 'lax' };\nfunction a(res, sid) { res.cookie('sid', sid, options); }`;
    expect(findingsOf(code)).toEqual([]);
  });

  it('spreads: known objects merge, unknown ones make the rest unknown, later keys win', () => {
    const code = `${EXPRESS}const base = { httpOnly: true, secure: true };\nfunction a(res, sid, extra) {\n  res.cookie('sid', sid, { ...base, sameSite: 'lax' });\n  res.cookie('sid', sid, { ...extra });\n  res.cookie('sid', sid, { ...extra, httpOnly: false });\n  res.cookie('sid', sid, { ...base, secure: false, sameSite: 'lax' });\n}`;
    expect(findingsOf(code)).toEqual(['session/cookie-httponly-missing@6', 'session/cookie-secure-missing@7']);
  });

  it('destructuring from a login response, and nothing from other requests', () => {
    const code = "import axios from 'axios';\nasync function a() {\n  const { data: { user, accessToken } } = await axios.post('/api/auth/login', {});\n  localStorage.setItem('u', JSON.stringify(user));\n  localStorage.setItem('t', accessToken);\n  const { data } = await axios.get('/api/orders');\n  localStorage.setItem('o', JSON.stringify(data));\n}";
    expect(findingsOf(code)).toEqual(['session/token-in-web-storage@5']);
  });

  it('constant arithmetic and names in lifetimes', () => {
    const code = "const jwt = require('jsonwebtoken');\nconst MINUTE = 60;\nconst ACCESS_TTL = 10 * MINUTE;\nconst accessToken = jwt.sign(p, k, { expiresIn: ACCESS_TTL });\nconst accessToken2 = jwt.sign(p, k, { expiresIn: 30 * MINUTE });";
    expect(findingsOf(code)).toEqual(['session/access-token-lifetime@5']);
  });
});
