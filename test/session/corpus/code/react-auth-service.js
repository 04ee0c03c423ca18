// Models bezkoder/react-jwt-auth src/services/auth.service.js: the login response (which carries
// accessToken) is kept whole in localStorage.
import axios from 'axios';

const API_URL = 'http://localhost:8080/api/auth/';

class AuthService {
  login(username, password) {
    return axios.post(API_URL + 'signin', { username, password }).then((response) => {
      if (response.data.accessToken) {
        localStorage.setItem('user', JSON.stringify(response.data)); // expect: session/token-in-web-storage
      }
      return response.data;
    });
  }

  logout() {
    localStorage.removeItem('user');
  }

  getCurrentUser() {
    return JSON.parse(localStorage.getItem('user'));
  }
}

export default new AuthService();
