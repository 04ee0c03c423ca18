// Models the Angular TokenService of emimaster16/my-store src/app/services/token.service.ts and
// similar ngx-cookie-service helpers: the token cookie is written by the browser (never HttpOnly),
// once with no options and once through the positional (expires, path, domain, secure, sameSite) form.
import { Injectable } from '@angular/core';
import { CookieService } from 'ngx-cookie-service';

@Injectable({ providedIn: 'root' })
export class TokenService {
  constructor(private cookieService: CookieService) {}

  setToken(token: string) {
    this.cookieService.set('token', token); // expect: session/cookie-httponly-missing, session/cookie-secure-missing, session/cookie-samesite-missing
  }

  setNamedToken(name: string, token: string) {
    this.cookieService.set(name, token, undefined, '/', undefined, true, 'Strict'); // expect: session/cookie-httponly-missing
  }

  setConsent() {
    this.cookieService.set('cookie-consent', 'yes', { path: '/', sameSite: 'Lax' });
  }

  getToken() {
    return this.cookieService.get('token');
  }

  removeToken() {
    this.cookieService.delete('token');
  }
}
