// Models hagopj13/node-express-boilerplate src/services/token.service.js: expiry set in the payload
// from config (not visible in this file), refresh tokens stored and revocable. Nothing to report.
const jwt = require('jsonwebtoken');
const moment = require('moment');
const config = require('../config/config');
const { Token } = require('../models');

const generateToken = (userId, expires, type, secret = config.jwt.secret) => {
  const payload = { sub: userId, iat: moment().unix(), exp: expires.unix(), type };
  return jwt.sign(payload, secret);
};

const verifyToken = async (token, type) => {
  const payload = jwt.verify(token, config.jwt.secret, { algorithms: ['HS256'] });
  const tokenDoc = await Token.findOne({ token, type, user: payload.sub, blacklisted: false });
  if (!tokenDoc) throw new Error('Token not found');
  return tokenDoc;
};

module.exports = { generateToken, verifyToken };
