// Models the passport-google-oauth20 example app: express-session only carries the OAuth
// handshake; the API in routes/api.js authenticates with a bearer JWT (middleware/requireJwt.js).
const express = require('express');
const session = require('express-session');
const passport = require('passport');

const app = express();
app.use(session({ // expect: session/cookie-samesite-missing
  secret: process.env.SESSION_SECRET,
  resave: false,
  saveUninitialized: false,
  cookie: { secure: true },
}));
app.use(passport.initialize());
app.use(passport.session());
app.use('/api', require('./routes/api'));
module.exports = app;
