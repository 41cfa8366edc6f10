import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { EntityManager } from '@mikro-orm/postgresql';
import { forbidden, unauthenticated } from '../../kernel/errors';
import { AuthUser, IS_PUBLIC, ROLES_KEY } from './current-user';
import type { Role } from '../../kernel/roles';
import { User } from '../../features/users/user.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Global guard: a valid bearer token for an active user, then the route's roles. The user is
 * re-read on every request, so a deactivated user's token stops working at once and a role change
 * applies to the next request.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly em: EntityManager,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: AuthUser }>();
    const header = req.headers?.authorization;
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw unauthenticated('Sign in and send the access token as "Authorization: Bearer <token>"');
    let sub: unknown;
    try {
      const payload = await this.jwt.verifyAsync<{ sub?: unknown }>(match[1]);
      sub = payload.sub;
    } catch {
      throw unauthenticated('The access token is invalid or has expired');
    }
    if (typeof sub !== 'string' || !UUID.test(sub)) throw unauthenticated('The access token is invalid or has expired');
    const user = await this.em
      .fork()
      .findOne(User, { id: sub }, { fields: ['id', 'email', 'name', 'role', 'area', 'active'] });
    if (!user || !user.active) throw unauthenticated('The access token is no longer valid');
    const authUser: AuthUser = {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      area: user.area ?? null,
    };
    req.user = authUser;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(authUser.role)) {
      throw forbidden(`The ${authUser.role} role may not do this`);
    }
    return true;
  }
}
