// Models the document.cookie login helpers of many jQuery-era tutorials (e.g. w3schools-style
// setCookie used by frontends of auth0-blog/nodejs-jwt-authentication-sample).
async function login(username, password) {
  const res = await fetch('/sessions/create', { method: 'POST', body: JSON.stringify({ username, password }) });
  const body = await res.json();
  document.cookie = 'id_token=' + body.id_token + '; path=/'; // expect: session/cookie-httponly-missing, session/cookie-secure-missing, session/cookie-samesite-missing
  document.cookie = 'lang=en; path=/';
}

export { login };
