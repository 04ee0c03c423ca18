// Models bezkoder/node-js-jwt-auth-mongodb app/controllers/auth.controller.js (signin): the
// lifetime comes from the config module one import away (86400 seconds: a day).
const jwt = require('jsonwebtoken');
const config = require('./config/auth.config');
const { jwtRefreshExpiration } = require('./config/auth.config');
const db = require('./models');

exports.signin = async (req, res) => {
  const user = await db.user.findOne({ username: req.body.username });
  const token = jwt.sign({ id: user.id }, config.secret, { algorithm: 'HS256', expiresIn: config.jwtExpiration }); // expect: session/access-token-lifetime
  const refreshToken = jwt.sign({ id: user.id }, process.env.REFRESH_SECRET, { expiresIn: jwtRefreshExpiration });
  res.cookie('refreshToken', refreshToken, { httpOnly: true, secure: true, sameSite: 'strict', path: '/api/auth/refreshtoken' });
  res.status(200).send({ id: user._id, username: user.username, accessToken: token });
};
