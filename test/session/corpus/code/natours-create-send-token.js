// Models jonasschmedtmann/complete-node-bootcamp 4-natours controllers/authController.js
// (createSendToken): the cookie options object is built first, then Secure is added only in
// production. A Secure decided at run time is accepted; SameSite is never set.
const { promisify } = require('util');
const jwt = require('jsonwebtoken');
const User = require('../models/userModel');

const signToken = (id) => jwt.sign({ id }, process.env.JWT_SECRET, { expiresIn: process.env.JWT_EXPIRES_IN });

const createSendToken = (user, statusCode, res) => {
  const token = signToken(user._id);
  const cookieOptions = {
    expires: new Date(Date.now() + process.env.JWT_COOKIE_EXPIRES_IN * 24 * 60 * 60 * 1000),
    httpOnly: true,
  };
  if (process.env.NODE_ENV === 'production') cookieOptions.secure = true;

  res.cookie('jwt', token, cookieOptions); // expect: session/cookie-samesite-missing
  user.password = undefined;
  res.status(statusCode).json({ status: 'success', token, data: { user } });
};

exports.login = async (req, res) => {
  const user = await User.findOne({ email: req.body.email }).select('+password');
  createSendToken(user, 200, res);
};

exports.protect = async (req, res, next) => {
  const token = req.cookies.jwt;
  const decoded = await promisify(jwt.verify)(token, process.env.JWT_SECRET);
  req.user = await User.findById(decoded.id);
  next();
};
