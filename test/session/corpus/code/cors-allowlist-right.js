// Models expressjs/cors README "configuring CORS w/ dynamic origin": an allow-list decides.
// Nothing to report.
const cors = require('cors');

const allowlist = ['https://app.example.com', 'https://admin.example.com'];
const corsOptions = {
  origin(origin, callback) {
    if (!origin || allowlist.indexOf(origin) !== -1) callback(null, true);
    else callback(new Error('Not allowed by CORS'));
  },
  credentials: true,
};

module.exports = (app) => app.use(cors(corsOptions));
