// Models the expressjs/session README with the cookie options it recommends: SameSite=Lax keeps
// cross-site POSTs from carrying the session, so the routes in routes/items.js are not reported.
const express = require('express');
const session = require('express-session');

const app = express();
app.set('trust proxy', 1);
app.use(session({
  secret: process.env.SESSION_SECRET,
  resave: false,
  saveUninitialized: false,
  cookie: { secure: true, sameSite: 'lax', maxAge: 3600000 },
}));
app.use('/items', require('./routes/items'));
module.exports = app;
