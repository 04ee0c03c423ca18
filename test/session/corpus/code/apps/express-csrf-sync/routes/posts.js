// Models a posts router under the csrf-sync README's app: the app-wide defence covers it.
const express = require('express');
const { ensureAuthenticated } = require('../middleware/auth');

const router = express.Router();
router.post('/', ensureAuthenticated, async (req, res) => {
  await req.db.posts.insert({ author: req.user.id, body: req.body.body });
  res.redirect('/posts');
});
module.exports = router;
