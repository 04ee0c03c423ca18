// Models the AuthContext of React + Express tutorials (e.g. the social-app client
// src/context/authContext.js pattern: useState seeded from localStorage, a login that sets it,
// an effect that persists it). The login answer reaches localStorage through React state.
import axios from 'axios';
import { createContext, useEffect, useState } from 'react';

export const AuthContext = createContext();

export const AuthContextProvider = ({ children }) => {
  const [currentUser, setCurrentUser] = useState(JSON.parse(localStorage.getItem('user')) || null);
  const [darkMode, setDarkMode] = useState(JSON.parse(localStorage.getItem('darkMode')) || false);

  const login = async (inputs) => {
    const res = await axios.post('http://localhost:8800/api/auth/login', inputs, { withCredentials: true });
    setCurrentUser(res.data);
  };

  const toggle = () => setDarkMode(!darkMode);

  useEffect(() => {
    localStorage.setItem('user', JSON.stringify(currentUser)); // expect: session/token-in-web-storage
  }, [currentUser]);

  useEffect(() => {
    localStorage.setItem('darkMode', darkMode);
  }, [darkMode]);

  return <AuthContext.Provider value={{ currentUser, login, toggle }}>{children}</AuthContext.Provider>;
};
