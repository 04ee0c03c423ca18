// Models the same kind of app done right: SameSite=Lax on the session cookie (the express-session
// README's advice) and the csrf-csrf double-submit middleware. Nothing to report.
const express = require('express');
const session = require('express-session');
const { doubleCsrf } = require('csrf-csrf');

const app = express();
const { doubleCsrfProtection } = doubleCsrf({ getSecret: () => process.env.CSRF_SECRET, cookieName: '__Host-csrf' });
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false, cookie: { httpOnly: true, secure: true, sameSite: 'lax' } }));
app.use(doubleCsrfProtection);

app.post('/todos', async (req, res) => {
  await req.app.locals.todos.add(req.session.userId, req.body.text);
  res.redirect('/todos');
});

module.exports = app;
