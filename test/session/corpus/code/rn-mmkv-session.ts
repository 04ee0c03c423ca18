// Models React Native apps that moved from AsyncStorage to react-native-mmkv for speed (the MMKV
// README "Create a new instance" and auth stores built on it): the default instance is plain
// files; the encrypted instance with a key from the Keychain is fine.
import { MMKV } from 'react-native-mmkv';
import * as Keychain from 'react-native-keychain';

export const storage = new MMKV();
const secure = new MMKV({ id: 'secure-session', encryptionKey: 'key-from-keychain' });

export async function saveSession(accessToken: string, refreshToken: string) {
  storage.set('accessToken', accessToken); // expect: session/token-in-web-storage
  storage.set('refresh_token', refreshToken); // expect: session/token-in-web-storage
  storage.set('onboarded', true);
  secure.set('accessToken', accessToken);
  await Keychain.setGenericPassword('session', refreshToken);
}
