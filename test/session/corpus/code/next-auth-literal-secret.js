// Models next-auth v4 configurations in public repos that commit the secret inline.
import NextAuth from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';

export default NextAuth({
  secret: 'my-super-secret-nextauth-key', // expect: session/hardcoded-secret
  providers: [CredentialsProvider({ credentials: {}, authorize: async () => null })],
});
