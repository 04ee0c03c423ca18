import { describe, expect, it } from 'vitest';
import { findingsOf, messagesOf } from './helpers.js';

const EXPRESS = "const express = require('express');\n";

describe('session cookies, per framework and its defaults', () => {
  it('Express res.cookie has no HttpOnly, Secure or SameSite by default', () => {
    expect(findingsOf(`${EXPRESS}app.post('/l', (req, res) => { res.cookie('sid', req.session.id); });`)).toEqual([
      'session/cookie-httponly-missing@2',
      'session/cookie-samesite-missing@2',
      'session/cookie-secure-missing@2',
    ]);
  });

  it('accepts a Secure flag computed at run time and options held in a const', () => {
    const code = `${EXPRESS}const opts = { httpOnly: true, secure: process.env.NODE_ENV === 'production', sameSite: 'lax' };\nfunction f(res, token) { res.cookie('token', token, opts); }`;
    expect(findingsOf(code)).toEqual([]);
  });

  it('says nothing when the options come from somewhere the file does not show', () => {
    expect(findingsOf(`${EXPRESS}function f(res, token, options) { res.cookie('token', token, options); res.cookie('jwt', token, { ...options }); }`)).toEqual([]);
  });

  it('judges only auth cookies, by name or by value', () => {
    expect(findingsOf(`${EXPRESS}const jwt = require('jsonwebtoken');\nfunction f(res) { res.cookie('theme', 'dark'); res.cookie('pref', jwt.sign({ a: 1 }, k, { expiresIn: '5m' })); }`).filter((f) => f.startsWith('session/cookie-httponly'))).toEqual(['session/cookie-httponly-missing@3']);
  });

  it('does not judge deletions', () => {
    expect(findingsOf(`${EXPRESS}function f(res) { res.cookie('token', '', { maxAge: 0 }); res.cookie('sid', 'x', { expires: new Date(0) }); }`)).toEqual([]);
  });

  it('SameSite=None without Secure is its own error', () => {
    expect(findingsOf(`${EXPRESS}function f(res, sid) { res.cookie('sid', sid, { httpOnly: true, sameSite: 'None' }); }`)).toEqual(['session/cookie-samesite-none-insecure@2', 'session/cookie-secure-missing@2']);
  });

  it('express-session is HttpOnly by default; nested cookie options are read', () => {
    const code = "const session = require('express-session');\napp.use(session({ secret: process.env.S, cookie: { httpOnly: false, secure: true, sameSite: 'strict' } }));";
    expect(findingsOf(code)).toEqual(['session/cookie-httponly-missing@2']);
  });

  it('cookie-session takes flat options', () => {
    const code = "const cookieSession = require('cookie-session');\napp.use(cookieSession({ name: 's', keys: [process.env.K], secure: true, sameSite: 'lax' }));";
    expect(findingsOf(code)).toEqual([]);
  });

  it('Koa is HttpOnly by default and its Secure follows the connection', () => {
    const code = "const Koa = require('koa');\nrouter.get('/', (ctx) => { ctx.cookies.set('token', ctx.state.token); });";
    expect(findingsOf(code)).toEqual(['session/cookie-samesite-missing@2']);
  });

  it('@fastify/cookie reply.setCookie', () => {
    const code = "const fastify = require('fastify')();\nfastify.get('/', (req, reply) => { reply.setCookie('session', req.sid, { httpOnly: true, secure: true }); });";
    expect(findingsOf(code)).toEqual(['session/cookie-samesite-missing@2']);
  });

  it('Next.js cookies().set with positional or object form', () => {
    const code = "import { cookies } from 'next/headers';\nexport async function POST() {\n  cookies().set('session', s, { secure: true, sameSite: 'lax' });\n  (await cookies()).set({ name: 'token', value: t, httpOnly: true, secure: true, sameSite: 'lax' });\n}";
    expect(findingsOf(code, 'route.ts')).toEqual(['session/cookie-httponly-missing@3']);
  });

  it('Hono setCookie takes the context first', () => {
    const code = "import { setCookie } from 'hono/cookie';\napp.get('/', (c) => { setCookie(c, 'sid', id, { httpOnly: true, secure: true }); return c.text('') });";
    expect(findingsOf(code, 'a.ts')).toEqual(['session/cookie-samesite-missing@2']);
  });

  it('raw Set-Cookie strings are parsed, dynamic attributes left alone', () => {
    const code = "function f(res, sid, extra) {\n  res.setHeader('Set-Cookie', `sid=${sid}; HttpOnly; Secure; SameSite=Lax`);\n  res.setHeader('Set-Cookie', `token=${sid}; HttpOnly${extra}`);\n  res.setHeader('Set-Cookie', 'token=' + sid + '; Path=/; Secure; SameSite=Strict');\n}";
    expect(findingsOf(code)).toEqual(['session/cookie-httponly-missing@4']);
  });

  it('browser cookies can never be HttpOnly, and the message says so; Secure and SameSite are checked too', () => {
    const code = "import Cookies from 'js-cookie';\nexport const save = (token) => Cookies.set('token', token, { secure: true });";
    expect(findingsOf(code)).toEqual(['session/cookie-httponly-missing@2', 'session/cookie-samesite-missing@2']);
    expect(findingsOf("import Cookies from 'js-cookie';\nexport const save = (token) => Cookies.set('token', token, { secure: true, sameSite: 'strict' });")).toEqual(['session/cookie-httponly-missing@2']);
    expect(messagesOf(code)[0]).toMatch(/browser code, which can never make it HttpOnly/);
  });

  it('messages show the fix in the framework\'s own words', () => {
    const [message] = messagesOf(`${EXPRESS}function f(response, sid) { response.cookie('sid', sid, { secure: true, sameSite: 'lax' }); }`);
    expect(message).toContain("response.cookie('sid', value, { httpOnly: true, secure: true, sameSite: 'lax' })");
    expect(message).toMatch(/XSS/);
  });
});

describe('next-auth cookie overrides', () => {
  it('options given for the session token replace next-auth\'s HttpOnly default', () => {
    const code = "import NextAuth from 'next-auth';\nexport default NextAuth({\n  cookies: {\n    sessionToken: { name: 'session', options: { sameSite: 'lax', path: '/', secure: true } },\n    callbackUrl: { name: 'cb', options: { sameSite: 'lax', path: '/' } },\n  },\n});";
    expect(findingsOf(code)).toEqual(['session/cookie-httponly-missing@4']);
    expect(findingsOf(code.replace("{ sameSite: 'lax', path: '/', secure: true }", "{ httpOnly: true, sameSite: 'lax', path: '/', secure: true }"))).toEqual([]);
  });
});

describe('session middleware of other frameworks', () => {
  it('koa-session is HttpOnly by default; @fastify/session HttpOnly and Secure; SameSite must be set', () => {
    const koa = "const session = require('koa-session');\napp.use(session({ key: 'k', maxAge: 1000 }, app));\napp.use(session({ key: 'k', sameSite: 'strict' }, app));";
    expect(findingsOf(koa)).toEqual(['session/cookie-samesite-missing@2']);
    const fastify = "import fastifySession from '@fastify/session';\napp.register(fastifySession, { secret: process.env.S, cookie: { maxAge: 1000 } });\napp.register(fastifySession, { secret: process.env.S, cookie: { secure: false, sameSite: 'lax' } });";
    expect(findingsOf(fastify, 'a.ts')).toEqual(['session/cookie-samesite-missing@2', 'session/cookie-secure-missing@3']);
  });
});
