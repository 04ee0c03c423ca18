// Models fastify/fastify-jwt README and fastify/fastify-cookie README: the README's literal secret,
// tokens signed without any expiry, and a cookie set the way the README shows.
const fastify = require('fastify')();
const fastifyJwt = require('@fastify/jwt');
const fastifyCookie = require('@fastify/cookie');

fastify.register(fastifyJwt, { secret: 'supersecret' }); // expect: session/hardcoded-secret
fastify.register(fastifyCookie);

fastify.post('/signup', async (request, reply) => {
  const token = fastify.jwt.sign({ user: request.body.user }); // expect: session/jwt-expiry-missing
  reply.setCookie('token', token, { path: '/', secure: true, httpOnly: true, sameSite: 'strict' }).send({ ok: true });
});

fastify.post('/legacy', async (request, reply) => {
  const token = await reply.jwtSign({ user: request.body.user }); // expect: session/jwt-expiry-missing
  reply.setCookie('session', token, { path: '/' }).send({}); // expect: session/cookie-httponly-missing, session/cookie-secure-missing, session/cookie-samesite-missing
});
