// Models Fastify apps on @fastify/session with SameSite set (the plugin's README options with
// cookie.sameSite added) and @fastify/csrf-protection registered. Nothing to report.
import Fastify from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifySession from '@fastify/session';
import fastifyCsrf from '@fastify/csrf-protection';

const app = Fastify();
app.register(fastifyCookie);
app.register(fastifySession, { secret: process.env.SESSION_SECRET as string, cookie: { sameSite: 'lax', maxAge: 3600 * 1000 } });
app.register(fastifyCsrf, { sessionPlugin: '@fastify/session' });

app.post('/notes', async (request) => ({ saved: request.body, by: request.session.get('userId') }));
