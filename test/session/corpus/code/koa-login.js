// Models koajs/koa docs (ctx.cookies.set) as used by koa login examples: HttpOnly is Koa's
// default, but one cookie turns it off and none sets SameSite.
const Koa = require('koa');
const Router = require('@koa/router');
const jwt = require('jsonwebtoken');

const app = new Koa();
const router = new Router();

router.post('/login', async (ctx) => {
  const token = jwt.sign({ sub: ctx.request.body.user }, process.env.SECRET, { expiresIn: '15m' });
  ctx.cookies.set('token', token, { httpOnly: false, sameSite: 'lax' }); // expect: session/cookie-httponly-missing
  ctx.cookies.set('koa.sid', ctx.state.sessionId, { signed: true }); // expect: session/cookie-samesite-missing
  ctx.cookies.set('visited', 'yes');
  ctx.body = { ok: true };
});

app.use(router.routes());
