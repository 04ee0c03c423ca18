// Models Fastify auth plugins that return the token pair from the handler (the @fastify/jwt
// README's /signup route extended with a refresh token, as many Fastify + Prisma starters do).
import Fastify from 'fastify';
import fastifyJwt from '@fastify/jwt';

const app = Fastify();
app.register(fastifyJwt, { secret: process.env.JWT_SECRET as string, sign: { expiresIn: '15m' } });

app.post('/auth/login', async (request, reply) => {
  const user = await findUser(request.body as { email: string });
  const accessToken = await reply.jwtSign({ sub: user.id });
  const refreshToken = await reply.jwtSign({ sub: user.id, type: 'refresh' }, { expiresIn: '7d' });
  return { accessToken, refreshToken }; // expect: session/refresh-token-exposed
});

app.route({
  method: 'POST',
  url: '/auth/refresh',
  handler: async (request, reply) => {
    const refresh_token = await reply.jwtSign({ sub: 'x', type: 'refresh' }, { expiresIn: '7d' });
    reply.setCookie('refresh_token', refresh_token, { httpOnly: true, secure: true, sameSite: 'strict', path: '/auth/refresh' });
    return { accessToken: await reply.jwtSign({ sub: 'x' }) };
  },
});

async function findUser(body: { email: string }) {
  return { id: body.email };
}
