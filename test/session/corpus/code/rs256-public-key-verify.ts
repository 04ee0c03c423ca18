// Models an API that verifies RS256 tokens minted elsewhere (auth0-style resource servers, e.g.
// the express-jwt + jwks examples that inline a PEM public key): a public key verifies, it cannot
// sign, so it is no secret to leak.
import express from 'express';
import jwt from 'jsonwebtoken';

const PUBLIC_KEY = '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\n-----END PUBLIC KEY-----';
const app = express();

app.get('/api/me', (req, res) => {
  const token = (req.headers.authorization ?? '').replace('Bearer ', '');
  const claims = jwt.verify(token, PUBLIC_KEY, { algorithms: ['RS256'] });
  const other = jwt.verify(token, 'placeholder-public-key', { algorithms: ['RS256'] });
  res.json({ claims, other });
});
