import { ENTITIES } from './entities';
import { DynamicModule, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AdminQueuesModule } from './http/admin-queues.module';
import { HttpModule } from './http/http.module';
import { WebModule } from './web/web.module';
import { NotificationsWorkerModule } from './features/notifications/notifications.module';
import { PlatformModule } from './platform/platform.module';
import { Clock } from './platform/clock';
import { redisOptionsFromUrl } from './platform/redis/redis-options';
import { AppConfig } from './platform/config/config';
import { ormConfig } from './platform/database/mikro-orm.config';
import { SchedulerModule } from './platform/queue/scheduler.module';

export interface AppOptions {
  config: AppConfig;
  clock?: Clock;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

@Module({})
export class AppModule {
  static forRoot({ config, clock }: AppOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot(config, clock),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            // A request id per request: the caller's X-Request-Id when sane, else a new one; echoed back.
            genReqId: (req: IncomingMessage, res: ServerResponse) => {
              const given = req.headers['x-request-id'];
              const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : crypto.randomUUID();
              res.setHeader('X-Request-Id', id);
              return id;
            },
            // No bodies, no query strings, no auth headers: nothing personal reaches the log.
            serializers: {
              req: (req: { id: string; method: string; url: string }) => ({
                id: req.id,
                method: req.method,
                path: req.url?.split('?')[0],
              }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
            redact: ['req.headers', 'res.headers'],
            customLogLevel: (_req, res, err) =>
              err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
            autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
          },
        }),
        MikroOrmModule.forRoot(ormConfig(config.databaseUrl, { entities: ENTITIES, poolMax: config.databasePoolMax })),
        BullModule.forRoot({
          prefix: config.queuePrefix,
          connection: { ...redisOptionsFromUrl(config.redisUrl), maxRetriesPerRequest: null },
        }),
        SchedulerModule.forRoot(config.workersEnabled),
        ...(config.workersEnabled ? [NotificationsWorkerModule] : []),
        HttpModule,
        AdminQueuesModule,
        // Last: its catch-all 404 page must not shadow any other route.
        WebModule,
      ],
    };
  }
}
