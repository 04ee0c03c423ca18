// Models PanJiaChen/vue-element-admin src/api/user.js and the React tutorials' api.js: request
// helpers in their own module, one named for what it fetches rather than for logging in, and one
// that takes the URL from its caller.
import axios from 'axios';

export const postJSON = (url, body) => axios.post(url, body);

export async function fetchSession(form) {
  const { data } = await axios.post('/api/auth/login', form);
  return data;
}
