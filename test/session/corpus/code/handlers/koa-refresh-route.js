// Models Koa refresh routes (koa-router + jsonwebtoken, e.g. the refresh route of koa JWT
// starters): ctx.cookies carries the refresh token, a new access token is signed, nothing rotates.
const Router = require('@koa/router');
const jwt = require('jsonwebtoken');

const router = new Router();

router.post('/auth/refresh', async (ctx) => { // expect: session/refresh-token-not-rotated
  const refreshToken = ctx.cookies.get('refreshToken');
  const claims = jwt.verify(refreshToken, process.env.REFRESH_SECRET, { algorithms: ['HS256'] });
  ctx.body = { accessToken: jwt.sign({ sub: claims.sub }, process.env.ACCESS_SECRET, { expiresIn: '5m' }) };
});

module.exports = router;
