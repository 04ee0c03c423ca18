// Models csurf-era Express apps (expressjs/csurf README "single page application"): the
// XSRF-TOKEN cookie must be readable by the page; logout clears the auth cookie. Only csurf's deprecation is reported (info).
const express = require('express');
const csrf = require('csurf'); // expect: session/csrf-unprotected

const app = express();
const csrfProtection = csrf({ cookie: { httpOnly: true, secure: true, sameSite: 'strict' } });

app.get('/form', csrfProtection, (req, res) => {
  res.cookie('XSRF-TOKEN', req.csrfToken());
  res.render('send');
});

app.post('/logout', (req, res) => {
  res.cookie('token', '', { expires: new Date(0) });
  res.clearCookie('sid');
  res.redirect('/');
});
