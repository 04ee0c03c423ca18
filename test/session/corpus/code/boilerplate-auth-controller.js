// Models hagopj13/node-express-boilerplate src/controllers/auth.controller.js: the token service
// (another file) makes an access/refresh pair and the controller sends both in the body.
const httpStatus = require('http-status');
const catchAsync = require('../utils/catchAsync');
const { authService, userService, tokenService } = require('../services');

const register = catchAsync(async (req, res) => {
  const user = await userService.createUser(req.body);
  const tokens = await tokenService.generateAuthTokens(user);
  res.status(httpStatus.CREATED).send({ user, tokens }); // expect: session/refresh-token-exposed
});

const login = catchAsync(async (req, res) => {
  const { email, password } = req.body;
  const user = await authService.loginUserWithEmailAndPassword(email, password);
  const tokens = await tokenService.generateAuthTokens(user);
  res.send({ user, tokens }); // expect: session/refresh-token-exposed
});

const forgotPassword = catchAsync(async (req, res) => {
  const resetPasswordToken = await tokenService.generateResetPasswordToken(req.body.email);
  res.status(httpStatus.NO_CONTENT).send({ sent: Boolean(resetPasswordToken) });
});

module.exports = { register, login, forgotPassword };
