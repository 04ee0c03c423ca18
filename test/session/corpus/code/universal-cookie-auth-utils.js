// Models vctormb/grocerify client/src/utils/auth.js and Sararmjalal/blogext client/lib/setToken.js:
// a universal-cookie instance keeps the login token in a cookie that page script writes, so it
// can never be HttpOnly, and here it is neither Secure nor SameSite.
import Cookies from 'universal-cookie';

const cookies = new Cookies();

export const getToken = () => cookies.get('token');

export const setToken = (token) => {
  cookies.set('token', token, { path: '/' }); // expect: session/cookie-httponly-missing, session/cookie-secure-missing, session/cookie-samesite-missing
};

export function setTokenOnce(token) {
  (new Cookies).set('token', token, { path: '/', secure: true, sameSite: 'strict' }); // expect: session/cookie-httponly-missing
}

export const setTheme = (theme) => cookies.set('theme', theme, { path: '/' });

export const removeToken = () => cookies.remove('token', { path: '/' });
