// Models Ionic + Capacitor apps keeping the login answer in Preferences (Capacitor docs
// "Preferences API": `await Preferences.set({ key, value })`, used by many Ionic auth services
// for the JWT), and the older @capacitor/storage Storage.set of the same shape.
import { Preferences } from '@capacitor/preferences';
import { Storage } from '@capacitor/storage';

const TOKEN_KEY = 'my-token';

export class AuthService {
  constructor(private http: { post: (url: string, body: unknown) => Promise<{ token: string; user: unknown }> }) {}

  async login(credentials: { email: string; password: string }) {
    const data = await this.http.post('https://api.example.com/auth/login', credentials);
    await Preferences.set({ key: TOKEN_KEY, value: data.token }); // expect: session/token-in-web-storage
    await Preferences.set({ key: 'user', value: JSON.stringify(data.user) });
    await Storage.set({ key: 'auth', value: JSON.stringify(data) }); // expect: session/token-in-web-storage
    await Preferences.set({ key: 'theme', value: 'dark' });
  }
}
