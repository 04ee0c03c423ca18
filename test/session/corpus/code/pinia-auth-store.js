// Models Pinia auth stores such as joren97x/task-management-system client/src/stores/user.js and
// the jason watmore "Vue 3 + Pinia JWT authentication" example: the login action fetches the
// user (token included) and hands it to another action that persists it.
import { defineStore } from 'pinia';
import axios from 'axios';

export const useAuthStore = defineStore('auth', {
  state: () => ({ user: JSON.parse(localStorage.getItem('user')), returnUrl: null }),
  actions: {
    setUser(user) {
      this.user = user;
      localStorage.setItem('user', JSON.stringify(user)); // expect: session/token-in-web-storage
    },
    setPreferences(prefs) {
      localStorage.setItem('prefs', JSON.stringify(prefs));
    },
    async login(username, password) {
      const { data } = await axios.post(`${import.meta.env.VITE_API_URL}/users/authenticate`, { username, password });
      this.setUser(data);
      const prefs = await axios.get(`${import.meta.env.VITE_API_URL}/users/preferences`);
      this.setPreferences(prefs.data);
    },
    logout() {
      this.user = null;
      localStorage.removeItem('user');
    },
  },
});
