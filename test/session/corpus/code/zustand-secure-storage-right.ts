// Models Expo apps that persist their zustand auth store through expo-secure-store (the
// createJSONStorage adapter over SecureStore.getItemAsync/setItemAsync, as the zustand docs'
// custom storage section shows): the token sits in the Keychain/Keystore. Nothing to report.
import * as SecureStore from 'expo-secure-store';
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

const secureStorage = {
  getItem: (name: string) => SecureStore.getItemAsync(name),
  setItem: (name: string, value: string) => SecureStore.setItemAsync(name, value),
  removeItem: (name: string) => SecureStore.deleteItemAsync(name),
};

export const useSession = create<{ accessToken: string | null }>()(
  persist(() => ({ accessToken: null }), { name: 'session', storage: createJSONStorage(() => secureStorage) }),
);
