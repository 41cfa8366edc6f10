import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { HealthService } from './health.service';
import { MetricsService } from './metrics.service';

/** What operators watch: health of PostgreSQL and Redis, and the Prometheus metrics. */
@Module({
  imports: [NotificationsModule],
  providers: [HealthService, MetricsService],
  exports: [HealthService, MetricsService],
})
export class OperationsModule {}
