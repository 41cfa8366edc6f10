import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { SignInService } from '../../features/users/sign-in.service';
import { forbidden, unauthenticated } from '../../kernel/errors';
import type { AuthUser, Role } from '../../kernel/roles';
import { IS_PUBLIC, ROLES_KEY } from './current-user';

/** The bearer token of an `Authorization` header, or `unauthenticated`. */
export function bearerToken(header: unknown): string {
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!match) throw unauthenticated('Sign in and send the access token as "Authorization: Bearer <token>"');
  return match[1];
}

/**
 * Global guard: a valid bearer token for an active user, then the route's roles (checked before
 * the body is looked at). The user is re-read on every request, so a deactivated user's token
 * stops working at once and a role change applies to the next request.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly signIn: SignInService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: AuthUser }>();
    const user = await this.signIn.verify(bearerToken(req.headers?.authorization));
    req.user = user;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(user.role)) throw forbidden(`The ${user.role} role may not do this`);
    return true;
  }
}
