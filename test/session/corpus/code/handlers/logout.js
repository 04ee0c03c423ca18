// Models anthonyfinix/gst-invoice server/routes/logout.js and C23-PS288 handler/logout.js: the
// logout handler (mounted from another file, named by this one) clears the refresh-token cookie
// and nothing else, so the refresh token keeps minting access tokens until it expires.
module.exports = (req, res) => { // expect: session/logout-not-revoked
  res.removeHeader('accessToken');
  res.clearCookie('refreshToken');
  res.json({ message: 'User logged out' });
};
