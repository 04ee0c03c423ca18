// Models bezkoder/node-js-jwt-auth-mongodb app/config/auth.config.js with the secret moved to the
// environment: lifetimes in seconds, read by the controller one import away. Nothing to report here.
module.exports = {
  secret: process.env.JWT_SECRET,
  jwtExpiration: 86400,
  jwtRefreshExpiration: 604800,
};
