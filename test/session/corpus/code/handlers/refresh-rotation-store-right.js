// Models DaveGray's MERN refresh controller after its rotation lesson (gitdagray/mern_stack_course
// refreshTokenController with reuse detection): the used refresh token is removed from the user's
// list and saved, a new one is issued in an HttpOnly cookie. Nothing to report.
const jwt = require('jsonwebtoken');
const User = require('../model/User');

const handleRefreshToken = async (req, res) => {
  const cookies = req.cookies;
  if (!cookies?.jwt) return res.sendStatus(401);
  const refreshToken = cookies.jwt;
  res.clearCookie('jwt', { httpOnly: true, sameSite: 'None', secure: true });
  const foundUser = await User.findOne({ refreshToken }).exec();
  if (!foundUser) return res.sendStatus(403);
  const decoded = jwt.verify(refreshToken, process.env.REFRESH_TOKEN_SECRET, { algorithms: ['HS256'] });
  const accessToken = jwt.sign({ UserInfo: { username: decoded.username } }, process.env.ACCESS_TOKEN_SECRET, { expiresIn: '10m' });
  const newRefreshToken = jwt.sign({ username: foundUser.username }, process.env.REFRESH_TOKEN_SECRET, { expiresIn: '1d' });
  foundUser.refreshToken = foundUser.refreshToken.filter((rt) => rt !== refreshToken).concat(newRefreshToken);
  await foundUser.save();
  res.cookie('jwt', newRefreshToken, { httpOnly: true, secure: true, sameSite: 'None', maxAge: 24 * 60 * 60 * 1000 });
  res.json({ accessToken });
};

module.exports = { handleRefreshToken };
