// Models Node http servers without a framework (e.g. auth examples built on http.createServer):
// the Set-Cookie header is written by hand, without attributes.
const http = require('node:http');
const { randomUUID } = require('node:crypto');

const sessions = new Map();

http
  .createServer((req, res) => {
    if (req.url === '/login' && req.method === 'POST') {
      const sessionId = randomUUID();
      sessions.set(sessionId, { user: 'alice' });
      res.setHeader('Set-Cookie', `sessionId=${sessionId}; Path=/; Max-Age=3600`); // expect: session/cookie-httponly-missing, session/cookie-secure-missing, session/cookie-samesite-missing
      res.end('ok');
      return;
    }
    res.writeHead(200, { 'Set-Cookie': 'theme=dark; Path=/' });
    res.end();
  })
  .listen(3000);
