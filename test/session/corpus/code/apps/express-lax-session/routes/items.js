// Models jaredhanson/connect-ensure-login's README routes, in an app whose session cookie is
// SameSite=Lax (app.js): does it right.
const express = require('express');
const { ensureLoggedIn } = require('connect-ensure-login');

const router = express.Router();
router.post('/', ensureLoggedIn('/login'), (req, res) => {
  req.session.items = [...(req.session.items ?? []), req.body.item];
  res.redirect('/items');
});
module.exports = router;
