// Models Apollo Server auth resolvers (apollographql docs "Authentication and authorization"
// with the login mutation of many Apollo + JWT tutorials): the mutation's answer is a JSON body
// that page scripts read, refresh token included.
const jwt = require('jsonwebtoken');
const { User } = require('./models');

const resolvers = {
  Query: {
    me: (parent, args, context) => context.user,
  },
  Mutation: {
    login: async (parent, { email, password }) => {
      const user = await User.authenticate(email, password);
      const token = jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '15m' });
      const refreshToken = jwt.sign({ sub: user.id }, process.env.REFRESH_SECRET, { expiresIn: '7d' });
      return { token, refreshToken, user }; // expect: session/refresh-token-exposed
    },
  },
};

module.exports = { resolvers };
