// Models expressjs/cookie-session README: literal keys, and the defaults leave the cookie without
// SameSite (Secure follows the connection, as the `cookies` module decides).
const cookieSession = require('cookie-session');
const express = require('express');

const app = express();

app.use(cookieSession({ // expect: session/cookie-samesite-missing
  name: 'session',
  keys: ['key1', 'key2'], // expect: session/hardcoded-secret
  maxAge: 24 * 60 * 60 * 1000,
}));
