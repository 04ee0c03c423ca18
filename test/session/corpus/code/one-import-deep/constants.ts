// Models the constants module of TypeScript Express APIs (src/constants.ts or config/jwt.ts
// exporting lifetimes as strings). Nothing to report here: the controller next to it uses them.
export const ACCESS_TOKEN_TTL = '1d';
export const REFRESH_TOKEN_TTL = '7d';
export const PASSWORD_RESET_TTL = '30m';
