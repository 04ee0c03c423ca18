// Models PanJiaChen/vue-element-admin src/utils/auth.js: the token is kept in a cookie written by
// browser code with js-cookie, which can never be HttpOnly.
import Cookies from 'js-cookie';

const TokenKey = 'Admin-Token';

export function getToken() {
  return Cookies.get(TokenKey);
}

export function setToken(token) {
  return Cookies.set(TokenKey, token); // expect: session/cookie-httponly-missing, session/cookie-secure-missing, session/cookie-samesite-missing
}

export function removeToken() {
  return Cookies.remove(TokenKey);
}

export function setLanguage(lang) {
  return Cookies.set('language', lang);
}
