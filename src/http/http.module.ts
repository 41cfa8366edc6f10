import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { AreasModule } from '../features/areas/areas.module';
import { AuditModule } from '../features/audit/audit.module';
import { ContactsModule } from '../features/contacts/contacts.module';
import { EscalationsModule } from '../features/escalations/escalations.module';
import { InventoryModule } from '../features/inventory/inventory.module';
import { NotificationsModule } from '../features/notifications/notifications.module';
import { OperationsModule } from '../features/operations/operations.module';
import { PlacementsModule } from '../features/placements/placements.module';
import { ReportsModule } from '../features/reports/reports.module';
import { StaysModule } from '../features/stays/stays.module';
import { YoungPeopleModule } from '../features/young-people/young-people.module';
import { AreasController } from './areas.controller';
import { AuditController } from './audit.controller';
import { ContactsController } from './contacts.controller';
import { CoverageController } from './coverage.controller';
import { HttpAuthModule } from './auth/http-auth.module';
import { EscalationsController, PoliciesController } from './escalations.controller';
import { HealthController } from './health.controller';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { BedsController, ProvidersController, ServiceLevelsController } from './inventory.controller';
import { LiveListController } from './live-list.controller';
import { MetricsController, MetricsGuard } from './metrics.controller';
import { DeliveriesController, InboxController, WebhooksController } from './notifications.controller';
import { OccupancyController } from './occupancy.controller';
import { PlacementsController } from './placements.controller';
import { PlacementQueueController } from './placement-queue.controller';
import { Ssda903Controller } from './ssda903.controller';
import { StaysController } from './stays.controller';
import { TimelineController } from './timeline.controller';
import { AuthController, UsersController } from './users.controller';
import { YoungPeopleController } from './young-people.controller';

/**
 * The JSON API: thin controllers over the features' services. A controller validates input
 * (DTOs), names the roles (`CAN`), calls one service method and returns its view; domain errors
 * become problem details in `platform/http/problem.filter.ts`.
 */
@Module({
  imports: [
    HttpAuthModule,
    AreasModule,
    AuditModule,
    InventoryModule,
    YoungPeopleModule,
    ContactsModule,
    StaysModule,
    PlacementsModule,
    EscalationsModule,
    NotificationsModule,
    ReportsModule,
    OperationsModule,
  ],
  controllers: [
    AuthController,
    UsersController,
    AreasController,
    AuditController,
    ServiceLevelsController,
    ProvidersController,
    BedsController,
    YoungPeopleController,
    TimelineController,
    ContactsController,
    StaysController,
    PlacementQueueController,
    PlacementsController,
    PoliciesController,
    EscalationsController,
    CoverageController,
    InboxController,
    DeliveriesController,
    WebhooksController,
    LiveListController,
    Ssda903Controller,
    OccupancyController,
    HealthController,
    MetricsController,
  ],
  providers: [MetricsGuard],
})
export class HttpModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
