// Models Fastify auth plugins with @fastify/cookie (the /logout route of Fastify JWT starters):
// clearing the refresh cookie is the whole logout.
import Fastify from 'fastify';
import cookie from '@fastify/cookie';

const app = Fastify();
app.register(cookie);

app.post('/auth/logout', async (request, reply) => { // expect: session/logout-not-revoked
  reply.clearCookie('refreshToken', { path: '/auth/refresh' });
  return { ok: true };
});

app.post('/auth/logout-all', async (request, reply) => {
  await app.tokens.revokeFamily(request.cookies.refreshToken);
  reply.clearCookie('refreshToken', { path: '/auth/refresh' });
  return { ok: true };
});
