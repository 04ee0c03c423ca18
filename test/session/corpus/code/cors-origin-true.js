// Models the server.js of many MERN boilerplates: `cors({ origin: true, credentials: true })` so
// that the dev frontend can send cookies.
const express = require('express');
const cors = require('cors');
const cookieParser = require('cookie-parser');

const app = express();
app.use(cors({ origin: true, credentials: true })); // expect: session/cors-credentials-any-origin
app.use(cookieParser());
app.use(express.json());

module.exports = app;
