// Models react-navigation/react-navigation docs "Authentication flows" (AuthContext signIn):
// the token from the sign-in request is kept in AsyncStorage.
import AsyncStorage from '@react-native-async-storage/async-storage';
import axios from 'axios';

export const authContext = {
  signIn: async (data: { username: string; password: string }) => {
    const response = await axios.post('https://api.example.com/auth/signin', data);
    const { token } = response.data;
    await AsyncStorage.setItem('userToken', token); // expect: session/token-in-web-storage
    return token;
  },
  signOut: async () => {
    await AsyncStorage.removeItem('userToken');
  },
  remember: async (username: string) => {
    await AsyncStorage.setItem('lastUsername', username);
  },
};
