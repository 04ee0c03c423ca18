import { describe, expect, it } from 'vitest';
import { auditSessionSource } from '../../src/session/audit.js';
import { findingsOf } from './helpers.js';

const JWT = "const jwt = require('jsonwebtoken');\n";

describe('session/token-in-web-storage follows the value, not the key', () => {
  it('a login response kept whole, through .then and through await', () => {
    const code = "import axios from 'axios';\naxios.post('/api/auth/signin', b).then((r) => { localStorage.setItem('userInfo', JSON.stringify(r.data)); });\nasync function g() { const res = await fetch('/login'); const body = await res.json(); sessionStorage.setItem('x', JSON.stringify(body)); }";
    expect(findingsOf(code)).toEqual(['session/token-in-web-storage@2', 'session/token-in-web-storage@3']);
  });

  it('a key that names a token, filled at run time, is evidence; a neutral key or a literal value is not', () => {
    expect(findingsOf("function save(userInfo, value) {\n  localStorage.setItem('token', value);\n  localStorage.setItem('userInfo', JSON.stringify(userInfo));\n  localStorage.setItem('token', '');\n  localStorage.setItem('tokenExpiry', value);\n  localStorage.setItem('refreshTokenTimeout', value);\n  localStorage.setItem('isTokenValid', value);\n}")).toEqual(['session/token-in-web-storage@2']);
  });

  it('follows the login answer into helpers, store methods and reducers of the same file', () => {
    const code = [
      "import axios from 'axios';",
      "const persist = (data) => localStorage.setItem('user', JSON.stringify(data));",
      "const keep = (data) => localStorage.setItem('cart', JSON.stringify(data));",
      'export const store = {',
      "  mutations: { SET_USER(state, user) { localStorage.setItem('user', JSON.stringify(user)); } },",
      "  actions: { async login({ commit }, creds) { const res = await axios.post('/api/login', creds); commit('SET_USER', res.data); persist(res.data); keep((await axios.get('/api/cart')).data); } },",
      '};',
      "const slice = { reducers: { setCredentials: (state, action) => { state.token = action.payload.accessToken; localStorage.setItem('userInfo', JSON.stringify(action.payload)); }, setTheme: (state, action) => { localStorage.setItem('theme', JSON.stringify(action.payload)); } } };",
    ].join('\n');
    expect(findingsOf(code)).toEqual(['session/token-in-web-storage@2', 'session/token-in-web-storage@5', 'session/token-in-web-storage@8']);
  });

  it('a credentials setter whose callers are elsewhere counts only when its name or body shows a token', () => {
    const reducer = (body: string) => `const slice = { reducers: { setCredentials: (state, action) => { ${body} } } };`;
    // proshop-v2: the payload is the profile, the JWT an HttpOnly cookie.
    expect(findingsOf(reducer("state.userInfo = action.payload; localStorage.setItem('userInfo', JSON.stringify(action.payload));"))).toEqual([]);
    expect(findingsOf(reducer("state.token = action.payload.token; localStorage.setItem('userInfo', JSON.stringify(action.payload));"))).toEqual(['session/token-in-web-storage@1']);
    expect(findingsOf("const slice = { reducers: { saveTokens: (state, action) => { localStorage.setItem('auth', JSON.stringify(action.payload)); } } };")).toEqual(['session/token-in-web-storage@1']);
    // A comment that talks about tokens is not a field.
    expect(findingsOf(reducer("// the token is an HttpOnly cookie\n localStorage.setItem('userInfo', JSON.stringify(action.payload));"))).toEqual([]);
  });

  it('a POST inside registerServiceWorker is no login; inside registerUser it is', () => {
    const code = "import axios from 'axios';\nasync function registerServiceWorker(sub) { const { data } = await axios.post(PUSH_URL, sub); localStorage.setItem('push', JSON.stringify(data)); }\nasync function registerUser(form) { const { data } = await axios.post(USERS_URL, form); localStorage.setItem('user', JSON.stringify(data)); }";
    expect(findingsOf(code)).toEqual(['session/token-in-web-storage@3']);
  });

  it('a response of a request that is not a login proves nothing', () => {
    expect(findingsOf("import axios from 'axios';\nasync function g() { const { data } = await axios.get('/api/products'); localStorage.setItem('cart', JSON.stringify(data)); }")).toEqual([]);
  });

  it('token-named members and destructured tokens count', () => {
    const code = "async function g(api) {\n  const { data } = await api.post('/auth/login', creds);\n  const { accessToken } = data;\n  localStorage.setItem('a', accessToken);\n  localStorage.jwt = data.token;\n  localStorage.setItem('csrf', data.csrfToken);\n}";
    expect(findingsOf(code)).toEqual(['session/token-in-web-storage@4', 'session/token-in-web-storage@5']);
  });
});

describe('session/token-in-url', () => {
  it('server reads the token from the query, except in one-time link routes', () => {
    const code = "const express = require('express');\napp.get('/api/me', (req, res) => { const { token } = req.query; });\napp.get('/reset-password', (req, res) => { const t = req.query.token; });";
    expect(findingsOf(code)).toEqual(['session/token-in-url@2']);
  });

  it('one-time link tokens are info, session tokens warnings; paging tokens and literals are not tokens', () => {
    const code = "const a = `${base}/verify-email?token=${t}`;\nconst b = `${base}/dashboard?token=${t}`;\nconst c = `/items?page_token=${p}`;\nconst d = '/x?token=' + 'demo';";
    const findings = auditSessionSource('a.js', code).findings.map((f) => `${f.line} ${f.severity}`);
    expect(findings).toEqual(['1 info', '2 warning']);
  });

  it('passport-jwt fromUrlQueryParameter and built URLs', () => {
    const code = "const { ExtractJwt } = require('passport-jwt');\nconst o = { jwtFromRequest: ExtractJwt.fromUrlQueryParameter('token'), secretOrKey: process.env.K, algorithms: ['HS256'] };\nfunction link(jwt) { return '/x?jwt=' + jwt; }";
    expect(findingsOf(code)).toEqual(['session/token-in-url@2', 'session/token-in-url@3']);
  });
});

describe('JWT libraries', () => {
  it('jsonwebtoken: expiry in options, in the payload, or nowhere', () => {
    const code = `${JWT}jwt.sign({ sub: 1 }, k, { expiresIn: '10m' });\njwt.sign({ sub: 1, exp: Math.floor(Date.now() / 1000) + 60 * 10 }, k);\njwt.sign({ sub: 1 }, k);\njwt.sign(payload, k);\njwt.sign({ sub: 1 }, k, options);\njwt.sign({ ...claims }, k, {});`;
    expect(findingsOf(code)).toEqual(['session/jwt-expiry-missing@4', 'session/jwt-expiry-missing@5']);
  });

  it('lifetimes: access tokens by the access limit, refresh tokens by their own, one-time tokens not at all', () => {
    const code = `${JWT}const accessToken = jwt.sign(p, k, { expiresIn: '1h' });\nconst refreshToken = jwt.sign(p, k, { expiresIn: '7d' });\nconst refresh = jwt.sign(p, process.env.REFRESH_SECRET, { expiresIn: '90d' });\nconst resetToken = jwt.sign(p, k, { expiresIn: '2d' });\nconst t = jwt.sign(p, k, { expiresIn: 60 * 60 * 24 });`;
    expect(findingsOf(code)).toEqual(['session/access-token-lifetime@2', 'session/access-token-lifetime@4', 'session/access-token-lifetime@6']);
  });

  it('the limits are configurable', () => {
    const code = `${JWT}const accessToken = jwt.sign(p, k, { expiresIn: '1h' });`;
    expect(findingsOf(code, 'a.js', { accessTokenMaxLifetimeSeconds: 7200, refreshTokenMaxLifetimeSeconds: 86400 })).toEqual([]);
  });

  it('a bare-number string is milliseconds for jsonwebtoken', () => {
    expect(findingsOf(`${JWT}const accessToken = jwt.sign(p, k, { expiresIn: '120000' });`)).toEqual([]);
  });

  it('verify: algorithms missing, none allowed, expiration ignored', () => {
    const code = `${JWT}jwt.verify(t, k);\njwt.verify(t, k, { algorithms: ['none'] });\njwt.verify(t, k, { algorithms: ['HS256'], ignoreExpiration: true });\njwt.verify(t, k, { algorithms: ['HS256'], clockTolerance: 30 });\njwt.verify(t, k, opts);\njwt.verify(t, k, (err, decoded) => {});`;
    expect(findingsOf(code)).toEqual(['session/jwt-verify-algorithms-missing@2', 'session/jwt-verify-algorithms-missing@3', 'session/jwt-expiration-ignored@4', 'session/jwt-verify-algorithms-missing@7']);
    const none = auditSessionSource('a.js', code).findings.find((f) => f.line === 3)!;
    expect(none.severity).toBe('error');
  });

  it('jose: SignJWT chain and jwtVerify', () => {
    const code = "import { SignJWT, jwtVerify } from 'jose';\nconst a = await new SignJWT({ sub }).setProtectedHeader({ alg: 'HS256' }).sign(key);\nconst b = await new SignJWT({ sub }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('5m').sign(key);\nawait jwtVerify(t, key, { algorithms: ['HS256'] });";
    expect(findingsOf(code, 'a.mjs')).toEqual(['session/jwt-expiry-missing@2']);
  });

  it('@nestjs/jwt: the module sign options give the calls their expiry', () => {
    const withModule = "import { JwtModule, JwtService } from '@nestjs/jwt';\nJwtModule.register({ secret: process.env.S, signOptions: { expiresIn: '10m' } });\nclass A { constructor(private jwtService: JwtService) {} go() { return this.jwtService.sign({ sub: 1 }); } }";
    expect(findingsOf(withModule, 'a.ts')).toEqual([]);
    const without = "import { JwtModule, JwtService } from '@nestjs/jwt';\nJwtModule.register({ secret: process.env.S });\nclass A { constructor(private jwtService: JwtService) {} go() { return this.jwtService.sign({ sub: 1 }); } }";
    expect(findingsOf(without, 'a.ts')).toEqual(['session/jwt-expiry-missing@3']);
    const unknown = "class A { constructor(private jwtService: JwtService) {} go() { return this.jwtService.sign({ sub: 1 }); } }";
    expect(findingsOf(unknown, 'a.ts')).toEqual([]);
  });

  it('hono/jwt: exp in the payload is the only expiry', () => {
    const code = "import { sign } from 'hono/jwt';\nawait sign({ sub, exp: Math.floor(Date.now() / 1000) + 60 * 60 * 24 * 30 }, s);";
    expect(findingsOf(code, 'a.ts')).toEqual(['session/access-token-lifetime@2']);
  });

  it('alg none when signing', () => {
    expect(findingsOf(`${JWT}jwt.sign(p, '', { algorithm: 'none', expiresIn: '5m' });`)).toEqual(['session/jwt-none-algorithm@2']);
    expect(findingsOf("import { UnsecuredJWT } from 'jose';\nconst t = new UnsecuredJWT({ sub }).encode();", 'a.mjs')).toEqual(['session/jwt-none-algorithm@2']);
  });
});

describe('session/jwt-decode-without-verify', () => {
  it('a server that trusts decoded claims', () => {
    const code = `${JWT}app.use((req, res, next) => { const claims = jwt.decode(req.headers.authorization); req.user = claims; next(); });`;
    expect(findingsOf(code)).toEqual(['session/jwt-decode-without-verify@2']);
  });

  it('decoding after a verify of the same token on the same path is fine', () => {
    const code = `${JWT}app.use((req, res, next) => { const t = req.headers.authorization; jwt.verify(t, k, { algorithms: ['HS256'] }); req.user = jwt.decode(t); next(); });`;
    expect(findingsOf(code)).toEqual([]);
  });

  it('decoding in browser code, or for the header only, is fine', () => {
    expect(findingsOf("import { jwtDecode } from 'jwt-decode';\nimport React from 'react';\nexport const name = (token) => jwtDecode(token).name;")).toEqual([]);
    expect(findingsOf(`${JWT}async function key(req) { const { header } = jwt.decode(req.token, { complete: true }); return fetchKey(header.kid); }`)).toEqual([]);
  });
});

describe('session/hardcoded-secret', () => {
  it('names the constant and the call; a TOTP seed or a public key is no signing secret', () => {
    const code = [
      "const jwt = require('jsonwebtoken');",
      "const speakeasy = require('speakeasy');",
      "const JWT_SECRET = process.env.JWT_SECRET || 'dev';",
      "const secret = 'secret';",
      "jwt.sign({ sub: 1 }, JWT_SECRET, { expiresIn: '5m' });",
      "speakeasy.totp({ secret: 'JBSWY3DPEHPK3PXP', encoding: 'base32' });",
      "const otpSecret = 'KVKFKRCPNZQUYMLX';",
      "jwt.verify(t, 'placeholder-public-key', { algorithms: ['RS256'] });",
      'app.use(session({ secret }));',
    ].join('\n');
    const messages = auditSessionSource('a.js', code).findings.filter((f) => f.ruleId === 'session/hardcoded-secret').map((f) => `${f.line} ${f.message.split(':')[0]}`);
    expect(messages).toEqual(['3 `JWT_SECRET` falls back to a literal when process.env.JWT_SECRET is unset, and jwt.sign signs with it', '4 `secret`, the secret session uses, is a literal written in the code']);
  });

  it('literals, env fallbacks and consts; publicly known ones are errors named by line', () => {
    const code = `${JWT}const KEY = 'my-very-own-signing-key-2024';\njwt.sign(p, KEY, { expiresIn: '5m' });\njwt.verify(t, process.env.JWT_SECRET || 'secret', { algorithms: ['HS256'] });\njwt.verify(t, process.env.JWT_SECRET, { algorithms: ['HS256'] });`;
    const findings = auditSessionSource('a.js', code).findings.filter((f) => f.ruleId === 'session/hardcoded-secret');
    expect(findings.map((f) => [f.line, f.severity])).toEqual([
      [2, 'warning'],
      [4, 'error'],
    ]);
    expect(findings[1]!.data).toEqual({ knownSecretLine: expect.any(Number) });
    for (const f of findings) expect(f.message).not.toMatch(/my-very-own-signing-key|'secret'/);
  });

  it('committed config JSON', () => {
    const { findings } = auditSessionSource('config/default.json', '{\n  "port": 3000,\n  "jwtSecret": "mysecrettoken",\n  "sessionSecretName": "x",\n  "cookieSecret": "${COOKIE_SECRET}"\n}');
    expect(findings.map((f) => `${f.ruleId}@${f.line}`)).toEqual(['session/hardcoded-secret@3']);
  });
});

describe('session/cors-credentials-any-origin', () => {
  it("origin true, '*', an always-allow or echoing callback", () => {
    const code = "cors({ origin: true, credentials: true });\ncors({ origin: '*', credentials: true });\ncors({ origin: (o, cb) => cb(null, o), credentials: true });\ncors({ origin: (o) => o, credentials: true });\ncors({ origin: true });\ncors({ origin: ['https://a.example'], credentials: true });";
    expect(findingsOf(code)).toEqual(['session/cors-credentials-any-origin@1', 'session/cors-credentials-any-origin@2', 'session/cors-credentials-any-origin@3', 'session/cors-credentials-any-origin@4']);
  });
});

describe('session/refresh-token-exposed', () => {
  it('in res.json, ctx.body and NestJS controller returns; not in a cookie', () => {
    const code = "function a(req, res, refreshToken) { res.json({ accessToken, refreshToken }); }\nfunction b(ctx) { ctx.body = { tokens: { refresh: { token: r } } }; }\nfunction c(res, refreshToken) { res.cookie('rt', refreshToken, { httpOnly: true, secure: true, sameSite: 'strict' }); res.json({ accessToken }); }";
    expect(findingsOf(code)).toEqual(['session/refresh-token-exposed@1', 'session/refresh-token-exposed@2']);
  });
});
