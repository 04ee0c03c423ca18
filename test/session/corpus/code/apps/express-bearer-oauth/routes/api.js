// Bearer-token routes in an app that also has a session for OAuth: no cookie authenticates them.
const express = require('express');
const requireJwt = require('../middleware/requireJwt');

const router = express.Router();
router.post('/orders', requireJwt, async (req, res) => {
  res.status(201).json(await req.db.orders.insert({ user: req.user.sub, ...req.body }));
});
module.exports = router;
