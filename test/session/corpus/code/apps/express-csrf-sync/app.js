// Models Psifi-Solutions/csrf-sync's README: a synchronizer-token defence in app.js covers the
// routes of routes/posts.js, even though the session cookie has no SameSite.
const express = require('express');
const session = require('express-session');
const { csrfSync } = require('csrf-sync');

const { csrfSynchronisedProtection } = csrfSync();
const app = express();
app.use(session({ // expect: session/cookie-samesite-missing
  secret: process.env.SESSION_SECRET,
  resave: false,
  saveUninitialized: false,
  cookie: { secure: true },
}));
app.use(csrfSynchronisedProtection);
app.use('/posts', require('./routes/posts'));
module.exports = app;
