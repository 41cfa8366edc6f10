import {
  applyDecorators,
  CanActivate,
  Controller,
  ExecutionContext,
  Injectable,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { InboxService } from '../features/notifications/inbox.service';
import { WebSessionsService, sameToken, type WebSession } from '../features/users/web-sessions.service';
import { DomainError, forbidden, unauthenticated } from '../kernel/errors';
import type { AuthUser, Role } from '../kernel/roles';
import { SESSION_COOKIE, readCookie } from '../platform/http/cookies';
import { Public } from '../http/auth/current-user';
import { WEB_PREFIX } from './page-requests';
import { presentNavigation, presentSignedIn } from './presenters/layout.presenter';

const PAGE_ROLES = 'pageRoles';
const ANONYMOUS_PAGE = 'anonymousPage';

/** Only these roles see the page; anyone else signed in gets the 403 page. */
export const PageRoles = (...roles: Role[]) => SetMetadata(PAGE_ROLES, roles);

/** A page anyone may open signed out (sign-in); the session is still read when there is one. */
export const Anonymous = () => SetMetadata(ANONYMOUS_PAGE, true);

export type PageRequest = Request & { webSession?: WebSession; user?: AuthUser };

/** A form posted without the session's CSRF token (or with another's). */
export const csrfRefused = () =>
  new DomainError(
    'forbidden',
    'csrf',
    'The form was not sent from this service; go back, reload the page and try again',
  );

/**
 * Every page: the session behind the cookie (in PostgreSQL; ended by idle or absolute timeout,
 * sign-out, a password change or deactivation), then the CSRF token of any form posted, then the
 * page's roles. No session on a page that needs one is `unauthenticated` (the page filter sends
 * the browser to sign in and back).
 */
@Injectable()
export class PageGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: WebSessionsService,
    private readonly inbox: InboxService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<PageRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const targets = [context.getHandler(), context.getClass()];
    res.setHeader('Cache-Control', 'no-store');
    // The navigation's unread count comes with the session, in the same statement.
    const session = await this.sessions.resume(readCookie(req, SESSION_COOKIE), this.inbox.unreadCountSql);
    if (session) {
      req.webSession = { id: session.id, user: session.user, csrfToken: session.csrfToken };
      req.user = session.user;
      res.locals.signedIn = presentSignedIn(session.user);
      res.locals.csrfToken = session.csrfToken;
      res.locals.navigation = presentNavigation(session.user, req.originalUrl.split('?')[0], Number(session.sideRead));
    }
    if (this.reflector.getAllAndOverride<boolean>(ANONYMOUS_PAGE, targets)) return true;
    if (!session) throw unauthenticated('Sign in to see this page');
    if (req.method === 'POST' && !sameToken(formField(req, '_csrf'), session.csrfToken)) throw csrfRefused();
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(PAGE_ROLES, targets);
    if (roles && !roles.includes(session.user.role)) throw forbidden('Your role does not give you access to this page');
    return true;
  }
}

/** One text field of a posted form (urlencoded, flat), or undefined. */
export function formField(req: Request, name: string): string | undefined {
  const body = req.body as Record<string, unknown> | undefined;
  const value = body && typeof body === 'object' ? body[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/**
 * A controller of pages: its routes live under `/web` (people see the API's own paths, see
 * `page-requests.ts`), outside the OpenAPI document, behind the web session (not a bearer token).
 */
export const Pages = (path = '') =>
  applyDecorators(
    Controller(`${WEB_PREFIX.slice(1)}${path ? `/${path}` : ''}`),
    ApiExcludeController(),
    Public(),
    UseGuards(PageGuard),
  );
