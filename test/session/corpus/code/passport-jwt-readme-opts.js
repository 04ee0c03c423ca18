// Models the passport-jwt README "Configure Strategy" (mikenicholson/passport-jwt): the options
// object starts empty and is filled one property per line before the strategy is made. The
// finding belongs where the options are written, once, not again at every strategy reusing them.
const passport = require('passport');
const JwtStrategy = require('passport-jwt').Strategy;
const ExtractJwt = require('passport-jwt').ExtractJwt;
const User = require('./models/user');

const opts = {}; // expect: session/jwt-verify-algorithms-missing
opts.jwtFromRequest = ExtractJwt.fromAuthHeaderAsBearerToken();
opts.secretOrKey = 'secret'; // expect: session/hardcoded-secret
opts.issuer = 'accounts.examplesoft.com';
opts.audience = 'yoursite.net';

passport.use(new JwtStrategy(opts, (jwtPayload, done) => {
  User.findOne({ id: jwtPayload.sub }, (err, user) => done(err, user || false));
}));

passport.use('jwt-admin', new JwtStrategy({ ...opts, passReqToCallback: true }, (req, jwtPayload, done) => {
  done(null, jwtPayload.admin ? jwtPayload : false);
}));
