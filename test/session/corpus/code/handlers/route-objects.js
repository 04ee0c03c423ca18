// Models the koa-joi-router README (koajs/joi-router: router.route({ method, path, validate,
// handler })) and hapi's routing tutorial (hapi.dev/tutorials/routing: server.route({ method,
// path, options: { handler } })): routes declared as objects, middleware and handler in a list.
const router = require('koa-joi-router')();
const Hapi = require('@hapi/hapi');
const { validateRefreshToken, signAccessToken, RefreshTokens } = require('./tokens');

router.route({ // expect: session/logout-not-revoked
  method: 'post',
  path: '/logout',
  handler: [
    requireUser,
    async (ctx) => {
      ctx.cookies.set('refresh_token', '', { httpOnly: true });
      ctx.body = { success: true };
    },
  ],
});

router.route({ // expect: session/refresh-token-not-rotated
  method: 'get',
  path: '/refresh-token',
  handler: async (ctx) => {
    const refreshToken = ctx.cookies.get('refresh_token');
    const payload = validateRefreshToken(refreshToken);
    if (!payload) return ctx.throw(401);
    ctx.body = { accessToken: signAccessToken(payload.userId) };
  },
});

const server = Hapi.server({ port: 3000 });

server.route({
  method: ['POST'],
  path: '/auth/logout',
  options: {
    auth: 'session',
    handler: async (request, h) => {
      await RefreshTokens.deleteOne({ token: request.state.refresh_token });
      return h.response({ ok: true }).unstate('refresh_token');
    },
  },
});

function requireUser(ctx, next) {
  if (!ctx.state.user) ctx.throw(401);
  return next();
}

module.exports = { router, server };
