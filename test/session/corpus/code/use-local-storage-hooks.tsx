// Models React and Vue components keeping the token through storage hooks (usehooks-ts
// `useLocalStorage`, VueUse `useLocalStorage` in a composable): the hook writes localStorage.
import { useLocalStorage } from 'usehooks-ts';
import { useLocalStorage as useVueStorage } from '@vueuse/core';
import axios from 'axios';

export function useLogin() {
  const [, setToken] = useLocalStorage<string | null>('token', null);
  const [, setSidebar] = useLocalStorage('sidebar', true);
  return async (email: string, password: string) => {
    const { data } = await axios.post('/api/auth/login', { email, password });
    setToken(data.accessToken); // expect: session/token-in-web-storage
    setSidebar(false);
  };
}

export function useVueAuth() {
  const accessToken = useVueStorage('access_token', '');
  const signIn = async (form: { email: string; password: string }) => {
    const res = await fetch('/api/auth/signin', { method: 'POST', body: JSON.stringify(form) });
    accessToken.value = (await res.json()).access_token; // expect: session/token-in-web-storage
  };
  return { accessToken, signIn };
}
