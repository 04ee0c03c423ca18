// Models the "alg none" examples of auth0/node-jsonwebtoken issues and CTF write-ups: a token
// signed with algorithm none and a verifier that lets none through.
const jwt = require('jsonwebtoken');

function issueDebugToken(user) {
  return jwt.sign({ sub: user.id }, null, { algorithm: 'none', expiresIn: '5m' }); // expect: session/jwt-none-algorithm
}

function check(req, res, next) {
  const token = req.get('authorization').slice(7);
  req.user = jwt.verify(token, process.env.JWT_SECRET, { algorithms: ['HS256', 'none'] }); // expect: session/jwt-verify-algorithms-missing
  next();
}

module.exports = { issueDebugToken, check };
