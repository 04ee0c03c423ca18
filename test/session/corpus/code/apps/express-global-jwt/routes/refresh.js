// The refresh route of the app in server.js: `jwt` is the global set there.
const router = require('express').Router();

router.post('/refresh', (req, res) => { // expect: session/refresh-token-not-rotated
  const refreshToken = req.cookies.refreshToken;
  if (!refreshToken) return res.sendStatus(401);
  jwt.verify(refreshToken, process.env.REFRESH_TOKEN_SECRET, (err, user) => { // expect: session/jwt-verify-algorithms-missing
    if (err) return res.sendStatus(403);
    const accessToken = jwt.sign({ id: user.id }, process.env.ACCESS_TOKEN_SECRET, { expiresIn: '15m' });
    res.json({ accessToken });
  });
});

module.exports = router;
