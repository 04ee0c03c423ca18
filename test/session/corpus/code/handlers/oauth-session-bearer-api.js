// Models Express APIs that keep express-session only for the passport OAuth handshake (the
// passport-google-oauth20 example needs a session) while the API itself authenticates with a
// bearer token: those routes are not cookie-authenticated, so no CSRF finding; the one route
// behind connect-ensure-login's session guard is.
const express = require('express');
const session = require('express-session');
const passport = require('passport');
const { ensureLoggedIn } = require('connect-ensure-login');
const { requireBearer } = require('./auth');

const app = express();
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false })); // expect: session/cookie-samesite-missing, session/cookie-secure-missing
app.use(passport.initialize());
app.use(passport.session());

app.get('/auth/google', passport.authenticate('google', { scope: ['profile'] }));

app.post('/api/posts', requireBearer, async (req, res) => {
  res.status(201).json(await req.app.locals.posts.create(req.auth.sub, req.body));
});

app.delete('/api/posts/:id', requireBearer, async (req, res) => {
  await req.app.locals.posts.remove(req.auth.sub, req.params.id);
  res.sendStatus(204);
});

app.post('/settings', ensureLoggedIn('/login'), async (req, res) => { // expect: session/csrf-unprotected
  await req.app.locals.settings.save(req.body);
  res.redirect('/settings');
});

module.exports = app;
