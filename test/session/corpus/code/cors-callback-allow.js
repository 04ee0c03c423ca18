// Models expressjs/cors README "configuring CORS w/ dynamic origin" as it is often shortened: the
// callback allows every origin, with credentials.
const cors = require('cors');

const corsOptions = {
  origin: function (origin, callback) { // expect: session/cors-credentials-any-origin
    callback(null, true);
  },
  credentials: true,
};

module.exports = (app) => app.use(cors(corsOptions));
