// Models the Koa cookie demos of public Koa notes (server/controller/setCookie.js): a demo cookie
// with HttpOnly off that carries no session. Nothing to report.
module.exports = async (ctx) => {
  ctx.cookies.set('cid', 'hello world', {
    domain: 'localhost',
    path: '/',
    maxAge: 10 * 60 * 1000,
    httpOnly: false,
    overwrite: false,
  });
  ctx.body = 'cookie is ok';
};
