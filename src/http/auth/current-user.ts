import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AuthUser, Role } from '../../kernel/roles';

export const IS_PUBLIC = 'isPublic';
export const ROLES_KEY = 'roles';

/** Open to anonymous callers (login, health, docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
/** Only these roles; everyone else signed in gets 403. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});
