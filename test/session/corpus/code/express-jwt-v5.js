// Models express-jwt 5.x era code (e.g. gothinkster/node-express-realworld-example-app
// routes/auth.js): no algorithms list.
const jwt = require('express-jwt');
const secret = require('../config').secret;

function getTokenFromHeader(req) {
  const auth = req.headers.authorization;
  if (auth && (auth.split(' ')[0] === 'Token' || auth.split(' ')[0] === 'Bearer')) return auth.split(' ')[1];
  return null;
}

const auth = {
  required: jwt({ secret: secret, userProperty: 'payload', getToken: getTokenFromHeader }), // expect: session/jwt-verify-algorithms-missing
  optional: jwt({ secret: secret, userProperty: 'payload', credentialsRequired: false, getToken: getTokenFromHeader }), // expect: session/jwt-verify-algorithms-missing
};

module.exports = auth;
