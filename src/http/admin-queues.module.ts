import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule } from '@bull-board/nestjs';
import { Controller, Get, Logger, Module } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { AuditService } from '../features/audit/audit.service';
import { Roles } from './auth/current-user';
import { CAN } from '../kernel/roles';
import { ProblemDetailsFilter } from '../platform/http/problem.filter';
import { forbidden, isDomainError, unauthenticated, unavailable } from '../kernel/errors';
import type { AuthUser } from '../kernel/roles';
import { readCookie, SESSION_COOKIE } from '../platform/http/cookies';
import { WebSessionsService } from '../features/users/web-sessions.service';
import { AuditModule } from '../features/audit/audit.module';
import { HttpAuthModule } from './auth/http-auth.module';
import { UnitOfWork } from '../platform/database/unit-of-work';
import { OperatorAuth } from './auth/operator-auth';
import { NOTIFICATIONS_QUEUE } from '../features/notifications/notifications.service';
import { TIMERS_QUEUE } from '../platform/queue/bullmq-scheduler';

export const QUEUE_DASHBOARD_ROUTE = '/admin/queues';

/** Whether a request came from a page of this service (not another site's form or script). */
function sameOrigin(req: Request): boolean {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin';
  const origin = req.headers.origin;
  return typeof origin === 'string' && origin === `${req.protocol}://${req.get('host')}`;
}

/**
 * Who is at the dashboard: an admin's access token in the Authorization header (an operator's
 * proxy or script), or else an admin's web session (a browser, signed in on the sign-in page).
 * A browser changing anything (retry, remove, pause…) must come from this service's own pages.
 */
async function dashboardUser(req: Request, auth: OperatorAuth, sessions: WebSessionsService): Promise<AuthUser> {
  if (req.headers.authorization) return auth.admin(req.headers.authorization);
  const session = await sessions.resume(readCookie(req, SESSION_COOKIE));
  if (!session) throw unauthenticated('Sign in as an administrator to see the queue dashboard');
  if (!CAN.operate.includes(session.user.role)) throw forbidden('Only administrators may see the queue dashboard');
  if (req.method !== 'GET' && req.method !== 'HEAD' && !sameOrigin(req)) {
    throw forbidden('Changes to the queues are made from the dashboard page itself');
  }
  return session.user;
}

/**
 * In front of Bull Board: an admin (token or web session, `dashboardUser`), or a problem-details
 * 401 / 403 (a browser asking for the page is sent to sign in, and back). Every action taken
 * through the dashboard (anything but GET: retry, promote, remove, clean, pause) is audited with
 * its actor first.
 */
export function adminOnly(auth: OperatorAuth, sessions: WebSessionsService, uow: UnitOfWork, audit: AuditService) {
  const filter = new ProblemDetailsFilter();
  const logger = new Logger('QueueDashboard');
  const fail = (err: unknown, req: Request, res: Response) => {
    const path = (req.originalUrl ?? req.url).split('?')[0];
    if (
      isDomainError(err, 'unauthenticated') &&
      req.method === 'GET' &&
      !req.headers.authorization &&
      prefersHtml(req)
    ) {
      return res.redirect(303, `/sign-in?returnTo=${encodeURIComponent(path)}`);
    }
    filter.catch(err, { switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }) } as never);
  };
  return (req: Request, res: Response, next: NextFunction): void => {
    res.setHeader('Cache-Control', 'no-store');
    dashboardUser(req, auth, sessions)
      .then(async (user) => {
        if (req.method !== 'GET' && req.method !== 'HEAD') {
          await uow.run((tx) => {
            audit.record(tx, {
              actorUserId: user.id,
              action: 'queue_dashboard.action',
              entity: 'QueueDashboard',
              entityId: user.id,
              changes: { method: req.method, path: (req.originalUrl ?? req.url).split('?')[0] },
            });
          });
          logger.log(`${user.email} ${req.method} ${(req.originalUrl ?? req.url).split('?')[0]}`);
        }
        next();
      })
      .catch((err) => fail(err, req, res));
  };
}

const prefersHtml = (req: Request) => /text\/html/.test(String(req.headers.accept ?? ''));

/** Documents the dashboard in OpenAPI. Bull Board, mounted in front of the router, answers these requests itself. */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('admin/queues')
export class AdminQueuesController {
  @Get()
  @Roles(...CAN.operate)
  @ApiOperation({
    summary: 'Queue dashboard (Bull Board) for the timers and notifications queues',
    description:
      'A browser page (HTML, with its assets and JSON API under /admin/queues/…) showing BullMQ jobs: waiting, delayed, active, failed; an admin may ' +
      'retry or remove jobs (each such action is audited). Admins only: an admin signed in on the sign-in page opens it in the browser (the web ' +
      'session; changes only from the dashboard page itself), or a script sends "Authorization: Bearer <admin access token>". Anonymous: 401 ' +
      '(a browser is sent to sign in); any other role: 403 (problem details).',
  })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The dashboard page', content: { 'text/html': { schema: { type: 'string' } } } })
  @ApiUnauthorizedResponse()
  @ApiForbiddenResponse()
  dashboard(): never {
    throw unavailable('The queue dashboard is not mounted in this process');
  }
}

@Module({
  imports: [
    BullBoardModule.forRootAsync({
      imports: [HttpAuthModule, AuditModule],
      inject: [OperatorAuth, WebSessionsService, UnitOfWork, AuditService],
      useFactory: (auth: OperatorAuth, sessions: WebSessionsService, uow: UnitOfWork, audit: AuditService) => ({
        route: QUEUE_DASHBOARD_ROUTE,
        adapter: ExpressAdapter,
        boardOptions: { uiConfig: { boardTitle: 'Care leaver queues' } },
        middleware: adminOnly(auth, sessions, uow, audit),
      }),
    }),
    BullBoardModule.forFeature(
      { name: TIMERS_QUEUE, adapter: BullMQAdapter },
      { name: NOTIFICATIONS_QUEUE, adapter: BullMQAdapter },
    ),
  ],
  controllers: [AdminQueuesController],
})
export class AdminQueuesModule {}
