// Models hand-written CORS middleware from pre-`cors` Express tutorials: the Origin header is
// echoed with credentials allowed.
module.exports = function allowCrossDomain(req, res, next) {
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin); // expect: session/cors-credentials-any-origin
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.setHeader('Access-Control-Allow-Methods', 'GET,PUT,POST,DELETE');
  next();
};

module.exports.checked = function allowKnown(req, res, next) {
  const origin = req.headers.origin;
  if (['https://app.example.com'].includes(origin)) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
  }
  next();
};
