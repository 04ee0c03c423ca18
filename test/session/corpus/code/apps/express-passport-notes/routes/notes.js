// Models bradtraversy/storybooks routes/stories.js: state-changing routes behind a session guard
// from another file, in an app whose session cookie (app.js) has no SameSite.
const express = require('express');
const { protectRoute } = require('../middleware/protect');
const Note = require('../models/Note');

const router = express.Router();

router.get('/', protectRoute, async (req, res) => {
  res.render('notes/index', { notes: await Note.find({ user: req.user.id }).lean() });
});

router.post('/', protectRoute, async (req, res) => { // expect: session/csrf-unprotected
  await Note.create({ ...req.body, user: req.user.id });
  res.redirect('/notes');
});

router.put('/:id', protectRoute, async (req, res) => { // expect: session/csrf-unprotected
  await Note.findOneAndUpdate({ _id: req.params.id, user: req.user.id }, req.body);
  res.redirect('/notes');
});

router.delete('/:id', protectRoute, async (req, res) => { // expect: session/csrf-unprotected
  await Note.deleteOne({ _id: req.params.id, user: req.user.id });
  res.redirect('/notes');
});

// A public form: no guard, no session read, nothing a forged request could do as the user.
router.post('/feedback', async (req, res) => {
  await Note.create({ feedback: req.body.text });
  res.sendStatus(204);
});

module.exports = router;
