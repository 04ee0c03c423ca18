// Models the NestJS docs' JwtAuthGuard: a bearer guard (passport-jwt), not the session cookie.
import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';

@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {}
