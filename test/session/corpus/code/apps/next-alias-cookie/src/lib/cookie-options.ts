// Models vercel/next.js examples' shared cookie options module, imported through the '@/' alias.
export const sessionCookie = {
  httpOnly: true,
  path: '/',
};
