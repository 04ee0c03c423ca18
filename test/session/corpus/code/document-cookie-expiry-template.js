// Models Manikanta662001/Authclient src/utils/utils.jsx and other hand-written cookie helpers: a
// template builds the cookie string with an expiry date; the date fills a value, not a flag, so
// the string shows for certain that the cookie is neither Secure nor SameSite.
export const setCookie = (token) => {
  const d = new Date();
  d.setTime(d.getTime() + 60 * 60000);
  document.cookie = `logincookie=${token};expires=${d.toUTCString()};path=/`; // expect: session/cookie-httponly-missing, session/cookie-secure-missing, session/cookie-samesite-missing
};

export const setPreference = (flags) => {
  document.cookie = `token=${localToken()};path=/${flags}`; // expect: session/cookie-httponly-missing
};

function localToken() {
  return window.name;
}
