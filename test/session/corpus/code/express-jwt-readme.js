// Models auth0/express-jwt README: the README's literal secret, and a getToken that also accepts
// the token from the query string.
const { expressjwt } = require('express-jwt');

const requireAuth = expressjwt({
  secret: 'shhhhhhared-secret', // expect: session/hardcoded-secret
  algorithms: ['HS256'],
  getToken: function fromHeaderOrQuerystring(req) {
    if (req.headers.authorization && req.headers.authorization.split(' ')[0] === 'Bearer') {
      return req.headers.authorization.split(' ')[1];
    } else if (req.query && req.query.token) { // expect: session/token-in-url
      return req.query.token; // expect: session/token-in-url
    }
    return null;
  },
});

module.exports = requireAuth;
