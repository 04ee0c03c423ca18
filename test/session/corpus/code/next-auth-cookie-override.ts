// Models the `cookies` option of nextauthjs/next-auth docs (configuration/options#cookies) as
// trimmed in apps that share the session across subdomains: the override drops httpOnly.
import NextAuth from 'next-auth';
import GoogleProvider from 'next-auth/providers/google';

export default NextAuth({
  secret: process.env.NEXTAUTH_SECRET,
  providers: [GoogleProvider({ clientId: process.env.GOOGLE_ID!, clientSecret: process.env.GOOGLE_SECRET! })],
  cookies: {
    sessionToken: { // expect: session/cookie-httponly-missing
      name: '__Secure-next-auth.session-token',
      options: { sameSite: 'lax', path: '/', secure: true, domain: '.example.com' },
    },
  },
});
