// Models bezkoder/jwt-refresh-token-node-js app/controllers/auth.controller.js and
// app/config/auth.config.js: the refresh token goes back in the JSON body; a literal secret.
const jwt = require('jsonwebtoken');
const db = require('../models');

const config = {
  secret: 'bezkoder-secret-key', // expect: session/hardcoded-secret
  jwtExpiration: 3600,
  jwtRefreshExpiration: 86400,
};

exports.signin = async (req, res) => {
  const user = await db.user.findOne({ where: { username: req.body.username } });
  if (!user) return res.status(404).send({ message: 'User Not found.' });
  const token = jwt.sign({ id: user.id }, config.secret, { expiresIn: config.jwtExpiration }); // expect: session/access-token-lifetime
  const refreshToken = await db.refreshToken.createToken(user);
  res.status(200).send({
    id: user.id,
    username: user.username,
    accessToken: token,
    refreshToken: refreshToken, // expect: session/refresh-token-exposed
  });
};
