// Models cross-site SPA + API setups in public repos that set SameSite=None to make the cookie
// flow, and forget Secure.
const express = require('express');

const router = express.Router();

router.post('/login', async (req, res) => {
  const { sessionId } = await req.app.locals.sessions.create(req.body);
  res.cookie('sid', sessionId, { httpOnly: true, sameSite: 'none' }); // expect: session/cookie-secure-missing, session/cookie-samesite-none-insecure
  res.json({ ok: true });
});

module.exports = router;
