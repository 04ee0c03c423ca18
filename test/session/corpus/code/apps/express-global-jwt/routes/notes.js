// Bearer-token routes of the app: no cookie rides along, so no CSRF question.
const router = require('express').Router();

router.post('/notes', (req, res) => res.status(201).json({ owner: req.user.id, text: req.body.text }));

module.exports = router;
