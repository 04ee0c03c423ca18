// Models Vue 2 login components on vue-cookies (its README: `this.$cookies.set(keyName, value,
// expireTimes, path, domain, secure, sameSite)`) and Nuxt 3 composables on useCookie (Nuxt docs
// "useCookie", auto-imported, `token.value = data.token` after the login call): page script
// writes the token.
import axios from 'axios';

export default {
  methods: {
    async login() {
      const { data } = await axios.post('/api/auth/login', this.form);
      this.$cookies.set('token', data.token, '1d'); // expect: session/cookie-httponly-missing, session/cookie-secure-missing, session/cookie-samesite-missing
      this.$cookies.set('lang', this.form.lang, '30d');
      this.$router.push('/');
    },
  },
};

export function useAuth() {
  const token = useCookie('auth_token', { maxAge: 60 * 60 * 24, sameSite: 'lax' });
  const signIn = async (form) => {
    const data = await $fetch('/api/auth/signin', { method: 'POST', body: form });
    token.value = data.token; // expect: session/cookie-httponly-missing, session/cookie-secure-missing
  };
  const signOut = () => {
    token.value = null;
  };
  return { token, signIn, signOut };
}
