// The app's bearer check, done right with the global `jwt`: an algorithm allow-list.
module.exports = (req, res, next) => {
  const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
  try {
    req.user = jwt.verify(token, process.env.ACCESS_TOKEN_SECRET, { algorithms: ['HS256'] });
    next();
  } catch {
    res.sendStatus(401);
  }
};
