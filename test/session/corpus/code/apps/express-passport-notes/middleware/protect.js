// Models bradtraversy/storybooks middleware/auth.js under a name that says nothing about sessions:
// what makes it a session guard is its body (req.isAuthenticated()), read one import deep.
module.exports = {
  protectRoute(req, res, next) {
    if (req.isAuthenticated()) return next();
    res.redirect('/');
  },
};
