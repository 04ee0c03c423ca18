// The same route done right: the refresh token is revoked in the store before the cookie goes.
import { revokeRefreshToken } from '~/server/utils/tokens';

export default defineEventHandler(async (event) => {
  await revokeRefreshToken(getCookie(event, 'refresh_token'));
  deleteCookie(event, 'refresh_token', { path: '/' });
  return { ok: true };
});
