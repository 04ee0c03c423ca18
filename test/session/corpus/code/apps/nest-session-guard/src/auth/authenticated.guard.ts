// Models sampath88/nestjs-authentication src/auth/authenticated.guard.ts: the session guard.
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';

@Injectable()
export class AuthenticatedGuard implements CanActivate {
  async canActivate(context: ExecutionContext) {
    const request = context.switchToHttp().getRequest();
    return request.isAuthenticated();
  }
}
