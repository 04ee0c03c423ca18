// Models bradtraversy/mern-tutorial frontend/src/features/auth/authService.js: register and login
// both keep the response body (user plus token) in localStorage.
import axios from 'axios';

const API_URL = '/api/users/';

const register = async (userData) => {
  const response = await axios.post(API_URL, userData);
  if (response.data) {
    // The register endpoint answers with the token too: the function's name says it logs in.
    localStorage.setItem('user', JSON.stringify(response.data)); // expect: session/token-in-web-storage
  }
  return response.data;
};

const login = async (userData) => {
  const response = await axios.post(API_URL + 'login', userData);
  if (response.data) {
    localStorage.setItem('user', JSON.stringify(response.data)); // expect: session/token-in-web-storage
  }
  return response.data;
};

const logout = () => localStorage.removeItem('user');

export default { register, login, logout };
