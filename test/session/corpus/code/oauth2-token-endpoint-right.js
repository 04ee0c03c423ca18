// Models an OAuth 2.0 authorization server's token endpoint (node-oauth2-server / RFC 6749
// section 5.1 responses): a refresh token with token_type beside it is how a confidential OAuth
// client must receive it, with Cache-Control: no-store. Nothing to report.
const express = require('express');
const { issueTokens } = require('./store');

const app = express();

app.post('/oauth/token', async (req, res) => {
  const { accessToken, refreshToken, expiresIn } = await issueTokens(req.body);
  res.set('Cache-Control', 'no-store');
  res.json({ access_token: accessToken, token_type: 'Bearer', expires_in: expiresIn, refresh_token: refreshToken });
});

module.exports = app;
