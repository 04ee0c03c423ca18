// Models expressjs/session README "app.use(session({ secret: 'keyboard cat', ... }))": the
// README's secret is copied as is; secure depends on the environment, SameSite is not set.
const express = require('express');
const session = require('express-session');

const app = express();
const isProduction = app.get('env') === 'production';

app.use(session({ // expect: session/cookie-samesite-missing
  secret: 'keyboard cat', // expect: session/hardcoded-secret
  resave: false,
  saveUninitialized: true,
  cookie: { secure: isProduction },
}));
