// Models the auth services of React + Express starters that route the login answer through a
// small helper (bezkoder react-jwt-auth's auth.service.js shape, with the write moved to a
// `persist` helper, as e.g. the setSession helpers of Minimal/Berry dashboard kits do).
import axios from 'axios';

const API_URL = process.env.REACT_APP_API_URL;

const persist = (key, value) => {
  localStorage.setItem(key, JSON.stringify(value)); // expect: session/token-in-web-storage
};

const setSession = (accessToken) => {
  if (accessToken) {
    localStorage.setItem('serviceToken', accessToken); // expect: session/token-in-web-storage
    axios.defaults.headers.common.Authorization = `Bearer ${accessToken}`;
  } else {
    localStorage.removeItem('serviceToken');
  }
};

export async function login(email, password) {
  const response = await axios.post(`${API_URL}/api/account/login`, { email, password });
  persist('user', response.data);
  setSession(response.data.serviceToken);
  return response.data;
}

export async function loadSettings() {
  const response = await axios.get(`${API_URL}/api/settings`);
  persist('settings', response.data);
}
