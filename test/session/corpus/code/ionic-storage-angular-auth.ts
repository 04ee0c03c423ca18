// Models Ionic Angular auth services on @ionic/storage-angular (Ionic Storage README and the
// "JWT auth with Ionic" tutorials): the token from the login call goes into this.storage.
import { Injectable } from '@angular/core';
import { HttpClient } from '@angular/common/http';
import { Storage } from '@ionic/storage-angular';
import { firstValueFrom } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class AuthService {
  constructor(private http: HttpClient, private storage: Storage) {}

  async login(email: string, password: string) {
    const res = await firstValueFrom(this.http.post<{ access_token: string }>('/api/auth/login', { email, password }));
    await this.storage.set('access_token', res.access_token); // expect: session/token-in-web-storage
    await this.storage.set('last_email', email);
  }
}
