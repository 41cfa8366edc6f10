import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { UsersModule } from '../../features/users/users.module';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config';
import { AuthGuard } from './auth.guard';
import { METRICS_TOKEN, metricsTokenFrom, OperatorAuth } from './operator-auth';

/** Who is calling: the global bearer-token guard, the sign-in limit, and operators' access (/metrics, /admin/queues). */
@Module({
  imports: [UsersModule],
  providers: [
    { provide: APP_GUARD, useClass: AuthGuard },
    OperatorAuth,
    { provide: METRICS_TOKEN, inject: [APP_CONFIG], useFactory: (config: AppConfig) => metricsTokenFrom(config) },
  ],
  exports: [UsersModule, OperatorAuth],
})
export class HttpAuthModule {}
