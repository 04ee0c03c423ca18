// Models gothinkster/node-express-realworld-example-app config/index.js: the secret falls back
// to a literal outside production.
module.exports = {
  secret: process.env.NODE_ENV === 'production' ? process.env.SECRET : 'secret', // expect: session/hardcoded-secret
  jwtSecret: process.env.JWT_SECRET || 'secret', // expect: session/hardcoded-secret
};
