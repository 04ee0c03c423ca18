// Models the `global.jwt = require('jsonwebtoken')` idiom of many small Express apps, and
// mikemariano19/blog-site backend/routes/refreshTokenRoute.js: the routers use a `jwt` they never
// require. The app's package.json says which library that is.
const express = require('express');
const cookieParser = require('cookie-parser');

global.jwt = require('jsonwebtoken');

const app = express();
app.use(express.json());
app.use(cookieParser());
app.use('/auth', require('./routes/refresh'));
app.use('/api', require('./middleware/auth'), require('./routes/notes'));
app.listen(3000);
