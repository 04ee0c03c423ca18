// Models express-session apps of server-rendered tutorials (the express-session README setup
// with a todo/notes app on top, e.g. the `app.use(session({ secret, cookie: { maxAge } }))` apps
// found across course repositories): the session cookie has no SameSite and nothing checks for
// CSRF, so every state-changing route can be ridden by another site.
const express = require('express');
const session = require('express-session');
const MongoStore = require('connect-mongo');
const Todo = require('./models/todo');

const app = express();
app.use(express.urlencoded({ extended: true }));
app.use(session({ // expect: session/cookie-samesite-missing
  secret: process.env.SESSION_SECRET,
  resave: false,
  saveUninitialized: false,
  store: MongoStore.create({ mongoUrl: process.env.MONGODB_URI }),
  cookie: { httpOnly: true, secure: process.env.NODE_ENV === 'production', maxAge: 1000 * 60 * 60 },
}));

app.post('/login', async (req, res) => {
  req.session.userId = await verify(req.body);
  res.redirect('/todos');
});

app.post('/todos', async (req, res) => { // expect: session/csrf-unprotected
  await Todo.create({ owner: req.session.userId, text: req.body.text });
  res.redirect('/todos');
});

app.delete('/todos/:id', async (req, res) => { // expect: session/csrf-unprotected
  await Todo.deleteOne({ _id: req.params.id, owner: req.session.userId });
  res.sendStatus(204);
});

app.post('/account/email', async (req, res) => { // expect: session/csrf-unprotected
  await updateEmail(req.session.userId, req.body.email);
  res.redirect('/account');
});

app.get('/todos', async (req, res) => res.json(await Todo.find({ owner: req.session.userId })));

async function verify(body) {
  return body.username;
}

async function updateEmail(id, email) {
  return { id, email };
}

module.exports = app;
