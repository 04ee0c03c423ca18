// Models the AuthContext of React tutorials (proshop, Jobster) with its helpers imported from
// other modules, one through the '@/' alias: the login answer reaches localStorage through them.
import { createContext, useState } from 'react';
import { fetchSession, postJSON } from '@/api/client';
import { saveCart, saveUser } from '../utils/storage';

export const AuthContext = createContext(null);

export function AuthProvider({ children }) {
  const [user, setUser] = useState(null);

  async function signIn(form) {
    const data = await fetchSession(form);
    saveUser(data); // expect: session/token-in-web-storage
    setUser(data.user);
  }

  async function signUp(form) {
    const res = await postJSON('/api/auth/register', form);
    localStorage.setItem('profile', JSON.stringify(res.data)); // expect: session/token-in-web-storage
  }

  async function addToCart(item) {
    const res = await postJSON('/api/cart', item);
    saveCart(res.data);
  }

  return <AuthContext.Provider value={{ user, signIn, signUp, addToCart }}>{children}</AuthContext.Provider>;
}
