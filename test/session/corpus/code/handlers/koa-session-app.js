// Models Koa apps on koa-session (the koa-session README CONFIG with its defaults, plus
// koa-router routes): HttpOnly by default, no SameSite set, and nothing checks for CSRF.
const Koa = require('koa');
const Router = require('@koa/router');
const session = require('koa-session');

const app = new Koa();
const router = new Router();
app.keys = [process.env.SESSION_KEY];

const CONFIG = { key: 'koa.sess', maxAge: 86400000, httpOnly: true, signed: true, rolling: false };
app.use(session(CONFIG, app)); // expect: session/cookie-samesite-missing

router.post('/api/notes', async (ctx) => { // expect: session/csrf-unprotected
  ctx.body = await ctx.state.notes.create(ctx.session.userId, ctx.request.body);
});

router.post('/api/logout', async (ctx) => {
  ctx.session = null;
  ctx.body = { ok: true };
});

app.use(router.routes());
module.exports = app;
