// Models the login controllers of MERN tutorials that sign the user document's JSON with no
// options at all (e.g. `jwt.sign(payload, process.env.JWT_SECRET)` after building payload from
// the user model elsewhere): the token never expires.
const jwt = require('jsonwebtoken');
const User = require('../models/User');

exports.login = async (req, res) => {
  const user = await User.findOne({ email: req.body.email });
  const payload = user.toAuthJSON();
  const token = jwt.sign(payload, process.env.JWT_SECRET); // expect: session/jwt-expiry-missing
  jwt.sign({ user: { id: user.id } }, process.env.JWT_SECRET, (err, signed) => { // expect: session/jwt-expiry-missing
    if (err) throw err;
    res.json({ token, signed });
  });
};
