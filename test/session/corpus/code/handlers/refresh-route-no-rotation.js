// Models the /refresh routes of many Express JWT tutorials (e.g. mikemariano19/blog-site
// backend/routes/refreshTokenRoute.js, WebDevSimplified's authServer /token): the refresh token is
// verified and a new access token goes back, but the refresh token is never replaced.
const express = require('express');
const jwt = require('jsonwebtoken');
const { generateAccessToken } = require('../utils/token');

const router = express.Router();

router.post('/refresh', (req, res) => { // expect: session/refresh-token-not-rotated
  const refreshToken = req.cookies.refreshToken;
  if (!refreshToken) return res.sendStatus(401);
  jwt.verify(refreshToken, process.env.REFRESH_TOKEN_SECRET, { algorithms: ['HS256'] }, (err, decoded) => {
    if (err) return res.sendStatus(403);
    const accessToken = jwt.sign({ id: decoded.id }, process.env.JWT_SECRET, { expiresIn: '10m' });
    res.json({ accessToken });
  });
});

router.post('/token', (req, res) => { // expect: session/refresh-token-not-rotated
  const { refreshToken } = req.body;
  if (!refreshToken) return res.status(401).json({ error: 'Refresh token required' });
  jwt.verify(refreshToken, process.env.JWT_REFRESH_SECRET, { algorithms: ['HS256'] }, (err, user) => {
    if (err) return res.status(403).json({ error: 'Invalid or expired refresh token' });
    res.json({ accessToken: generateAccessToken({ user }) });
  });
});

module.exports = router;
