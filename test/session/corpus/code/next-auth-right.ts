// Models nextauthjs/next-auth docs (pages/api/auth/[...nextauth].ts): secret from the environment,
// JWT sessions with next-auth's own HttpOnly, Secure, SameSite=Lax cookies. Nothing to report.
import NextAuth, { type NextAuthOptions } from 'next-auth';
import GithubProvider from 'next-auth/providers/github';

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  providers: [GithubProvider({ clientId: process.env.GITHUB_ID!, clientSecret: process.env.GITHUB_SECRET! })],
  session: { strategy: 'jwt', maxAge: 30 * 24 * 60 * 60 },
  callbacks: {
    async jwt({ token, account }) {
      if (account) token.accessToken = account.access_token;
      return token;
    },
  },
};

export default NextAuth(authOptions);
