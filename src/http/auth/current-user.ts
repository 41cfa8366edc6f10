import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { AuthUser, Role } from '../../kernel/roles';

export const IS_PUBLIC = 'isPublic';
export const ROLES_KEY = 'roles';

/** Open to anonymous callers (login, health, docs). */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension('x-roles', ['anonymous']));
/** Only these roles; everyone else signed in gets 403. The OpenAPI document lists them (`x-roles`). */
export const Roles = (...roles: Role[]) =>
  applyDecorators(SetMetadata(ROLES_KEY, roles), ApiExtension('x-roles', roles));

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});
