// Models older Express APIs that fill a response envelope field by field (the
// `payload.data.refresh_token = ...` shape of many hand-rolled auth controllers) before sending it.
const express = require('express');
const jwt = require('jsonwebtoken');
const { issueRefreshToken } = require('../lib/refresh');

const router = express.Router();

router.post('/token', async (req, res) => {
  const user = await req.app.locals.users.verify(req.body.username, req.body.password);
  const payload = { success: true, data: {} };
  payload.data.access_token = jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '10m' });
  payload.data.refresh_token = await issueRefreshToken(user.id); // expect: session/refresh-token-exposed
  res.json(payload);
});

module.exports = router;
