// Models bradtraversy/storybooks app.js: express-session configured here, with passport restoring
// the user from it; the routes that change state live in routes/notes.js and are judged against
// this cookie (no SameSite, no CSRF defence anywhere in the app).
const express = require('express');
const session = require('express-session');
const passport = require('passport');

const app = express();
app.use(express.urlencoded({ extended: false }));

app.use(session({ // expect: session/cookie-secure-missing, session/cookie-samesite-missing
  secret: process.env.SESSION_SECRET,
  resave: false,
  saveUninitialized: false,
}));
app.use(passport.initialize());
app.use(passport.session());

app.use('/notes', require('./routes/notes'));

module.exports = app;
