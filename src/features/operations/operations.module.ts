import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { HealthQueries } from './health.queries';
import { HealthService } from './health.service';
import { MetricsQueries } from './metrics.queries';
import { MetricsService } from './metrics.service';

/** What operators watch: health of PostgreSQL and Redis, and the Prometheus metrics. */
@Module({
  imports: [NotificationsModule],
  providers: [HealthQueries, HealthService, MetricsQueries, MetricsService],
  exports: [HealthService, MetricsService],
})
export class OperationsModule {}
