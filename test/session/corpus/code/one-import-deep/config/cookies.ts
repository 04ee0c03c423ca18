// Models the shared cookie options module of Express + TypeScript APIs (config/cookies.ts exporting
// one options object for every auth cookie). Nothing to report here: the controllers spread it.
export const secureCookie = {
  httpOnly: true,
  secure: true,
  sameSite: 'strict' as const,
  path: '/',
};

export const legacyCookie = {
  httpOnly: true,
  path: '/',
};
