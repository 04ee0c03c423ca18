// Models Pinia stores using pinia-plugin-persistedstate (its README: `persist: true` stores the
// state in localStorage), as many Vue 3 admin templates do for the auth store.
import { defineStore } from 'pinia';
import { ref } from 'vue';

export const useUserStore = defineStore('user', { // expect: session/token-in-web-storage
  state: () => ({ token: '', userInfo: null as null | { name: string } }),
  actions: {
    setToken(token: string) {
      this.token = token;
    },
  },
  persist: true,
});

export const useAppStore = defineStore('app', {
  state: () => ({ sidebarOpen: true, locale: 'en' }),
  persist: true,
});

export const useMemoryStore = defineStore('memory', () => ({ token: ref('') }));
