// Models express-session apps whose logout only clears the cookie (a common mistake in
// express-session tutorials), next to the right way (req.session.destroy, passport req.logout).
const express = require('express');
const session = require('express-session');
const RedisStore = require('connect-redis').default;

const app = express();
app.use(session({ store: new RedisStore({ client: global.redis }), secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false, cookie: { httpOnly: true, secure: true, sameSite: 'lax' } }));

app.post('/logout', (req, res) => { // expect: session/logout-not-revoked
  res.clearCookie('connect.sid');
  res.redirect('/');
});

app.post('/auth/logout', (req, res, next) => {
  req.logout((err) => {
    if (err) return next(err);
    req.session.destroy(() => {
      res.clearCookie('connect.sid');
      res.redirect('/');
    });
  });
});

module.exports = app;
