// Models the Expo docs' authentication guide (docs.expo.dev "Authentication with SecureStore",
// the signIn/restoreToken reducer example): the token lives in expo-secure-store, only a
// non-secret flag in AsyncStorage. Nothing to report.
import * as SecureStore from 'expo-secure-store';
import AsyncStorage from '@react-native-async-storage/async-storage';

export async function signIn(username: string, password: string) {
  const res = await fetch('https://api.example.com/auth/signin', { method: 'POST', body: JSON.stringify({ username, password }) });
  const { token } = await res.json();
  await SecureStore.setItemAsync('userToken', token);
  await AsyncStorage.setItem('hasSignedInBefore', 'true');
  return token;
}
