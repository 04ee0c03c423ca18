// Models the useCookies hooks of React apps (react-cookie README "useCookies", and auth hooks such
// as useAuthCookie in many Vite + React clients): the setter writes the token from page script.
import { useCookies } from 'react-cookie';
import axios from 'axios';

export const useAuthCookie = () => {
  const [cookies, setCookie, removeCookie] = useCookies(['token']);

  const login = async (email: string, password: string) => {
    const { data } = await axios.post('/api/auth/login', { email, password });
    setCookie('token', data.token, { path: '/', maxAge: 3600, sameSite: 'strict' }); // expect: session/cookie-httponly-missing, session/cookie-secure-missing
  };

  const setLanguage = (lang: string) => setCookie('lang', lang, { path: '/' });

  const logout = () => removeCookie('token', { path: '/' });

  return { token: cookies.token, login, logout, setLanguage };
};
