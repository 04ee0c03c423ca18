// Models Angular auth services on HttpClient (the "Angular JWT authentication" tutorials' shape,
// e.g. jasonwatmore's angular-jwt-authentication-example AuthenticationService.login): the
// observable's answer, token included, goes to localStorage in a pipe operator or a subscribe.
import { Injectable } from '@angular/core';
import { HttpClient } from '@angular/common/http';
import { map, tap } from 'rxjs/operators';

@Injectable({ providedIn: 'root' })
export class AuthenticationService {
  constructor(private http: HttpClient) {}

  login(username: string, password: string) {
    return this.http.post<{ id: number; token: string }>(`${environment.apiUrl}/users/authenticate`, { username, password }).pipe(
      map((user) => {
        localStorage.setItem('currentUser', JSON.stringify(user)); // expect: session/token-in-web-storage
        return user;
      }),
    );
  }

  register(form: { email: string; password: string }) {
    this.http.post('/api/auth/register', form).subscribe({
      next: (res) => sessionStorage.setItem('session', JSON.stringify(res)), // expect: session/token-in-web-storage
    });
  }

  loadPreferences() {
    this.http.get('/api/preferences').pipe(tap((prefs) => localStorage.setItem('prefs', JSON.stringify(prefs)))).subscribe();
  }
}

declare const environment: { apiUrl: string };
