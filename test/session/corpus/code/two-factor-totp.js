// Models the 2FA routes of express apps using speakeasy (speakeasy README "Verifying a token",
// and the enable-2fa routes of many MERN tutorials): the TOTP seed makes six-digit codes, it signs
// no session. Only the JWT secret next to it is a signing secret.
const express = require('express');
const speakeasy = require('speakeasy');
const jwt = require('jsonwebtoken');

const router = express.Router();
const TOTP_SECRET = 'JBSWY3DPEHPK3PXP';
const jwtSecret = 'my-jwt-secret-2024'; // expect: session/hardcoded-secret

router.post('/2fa/verify', (req, res) => {
  const verified = speakeasy.totp.verify({ secret: TOTP_SECRET, encoding: 'base32', token: req.body.code, window: 1 });
  const demo = speakeasy.totp({ secret: 'KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD', encoding: 'base32' });
  if (!verified) return res.status(401).json({ error: 'bad code', demo });
  const token = jwt.sign({ sub: req.user.id, mfa: true }, jwtSecret, { expiresIn: '10m' });
  res.json({ token });
});

module.exports = router;
