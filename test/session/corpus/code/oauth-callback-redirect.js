// Models passport Google OAuth tutorials (routes/auth.js) that hand the app's JWT to the SPA in
// the redirect URL.
const router = require('express').Router();
const passport = require('passport');
const jwt = require('jsonwebtoken');

router.get('/google/callback', passport.authenticate('google', { session: false }), (req, res) => {
  const token = jwt.sign({ id: req.user.id }, process.env.JWT_SECRET, { expiresIn: '15m' });
  res.redirect(`${process.env.CLIENT_URL}/oauth/success?token=${token}`); // expect: session/token-in-url
});

module.exports = router;
