// Models expressjs/session README with the production settings it recommends: HttpOnly by
// default, Secure and SameSite set, secret from the environment. Nothing to report.
const express = require('express');
const session = require('express-session');

const app = express();
app.set('trust proxy', 1);
app.use(
  session({
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    cookie: { secure: true, sameSite: 'lax', maxAge: 60 * 60 * 1000 },
  }),
);

app.get('/', (req, res) => {
  req.session.views = (req.session.views || 0) + 1;
  res.send(`views: ${req.session.views}`);
});
