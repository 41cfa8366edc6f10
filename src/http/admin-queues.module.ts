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
import { unavailable } from '../kernel/errors';
import { AuditModule } from '../features/audit/audit.module';
import { HttpAuthModule } from './auth/http-auth.module';
import { UnitOfWork } from '../platform/database/unit-of-work';
import { OperatorAuth } from './auth/operator-auth';
import { NOTIFICATIONS_QUEUE } from '../features/notifications/notifications.service';
import { TIMERS_QUEUE } from '../platform/queue/bullmq-scheduler';

export const QUEUE_DASHBOARD_ROUTE = '/admin/queues';

/**
 * In front of Bull Board: an admin's access token in the Authorization header, or a problem-details
 * 401 (none / invalid) or 403 (any other role). A browser does not send that header by itself: an
 * operator reaches the dashboard through a proxy that adds it. Every action taken through the
 * dashboard (anything but GET: retry, promote, remove, clean, pause) is audited with its actor first.
 */
export function adminOnly(auth: OperatorAuth, uow: UnitOfWork, audit: AuditService) {
  const filter = new ProblemDetailsFilter();
  const logger = new Logger('QueueDashboard');
  const fail = (err: unknown, req: Request, res: Response) =>
    filter.catch(err, { switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }) } as never);
  return (req: Request, res: Response, next: NextFunction): void => {
    res.setHeader('Cache-Control', 'no-store');
    auth
      .admin(req.headers.authorization)
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
      'retry or remove jobs (each such action is audited). Admins only: the page needs "Authorization: Bearer <admin access token>" on every request, ' +
      'so an operator reaches it through a reverse proxy that adds the header. Anonymous: 401; any other role: 403 (problem details).',
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
      inject: [OperatorAuth, UnitOfWork, AuditService],
      useFactory: (auth: OperatorAuth, uow: UnitOfWork, audit: AuditService) => ({
        route: QUEUE_DASHBOARD_ROUTE,
        adapter: ExpressAdapter,
        boardOptions: { uiConfig: { boardTitle: 'Care leaver queues' } },
        middleware: adminOnly(auth, uow, audit),
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
