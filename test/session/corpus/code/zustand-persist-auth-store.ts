// Models zustand auth stores with the persist middleware (zustand docs "Persisting store data":
// `create(persist(...), { name })`, used as the auth store of many React + Vite apps): persist
// writes the whole state, token included, to localStorage unless told otherwise.
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

interface AuthState {
  token: string | null;
  user: { id: string; name: string } | null;
  setAuth: (token: string, user: { id: string; name: string }) => void;
  logout: () => void;
}

export const useAuthStore = create<AuthState>()(
  persist( // expect: session/token-in-web-storage
    (set) => ({
      token: null,
      user: null,
      setAuth: (token, user) => set({ token, user }),
      logout: () => set({ token: null, user: null }),
    }),
    { name: 'auth-storage' },
  ),
);

export const useSettingsStore = create<{ theme: string }>()(persist(() => ({ theme: 'light' }), { name: 'settings', storage: createJSONStorage(() => localStorage) }));
