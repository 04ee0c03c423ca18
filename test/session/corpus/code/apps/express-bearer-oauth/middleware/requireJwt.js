// Models the express-jwt-less bearer check of many tutorials: the token comes from the
// Authorization header, never from a cookie.
const jwt = require('jsonwebtoken');

module.exports = function requireJwt(req, res, next) {
  const header = req.headers.authorization ?? '';
  try {
    req.user = jwt.verify(header.replace(/^Bearer /, ''), process.env.JWT_PUBLIC_KEY, { algorithms: ['RS256'] });
    next();
  } catch {
    res.sendStatus(401);
  }
};
