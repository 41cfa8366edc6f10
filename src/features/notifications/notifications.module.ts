import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DeliveryService } from './delivery.service';
import { NotificationsAdminService } from './inbox.service';
import { NotificationsProcessor } from './notifications.processor';
import { NOTIFICATIONS_QUEUE, NotificationsService } from './notifications.service';

/**
 * Notifications: the in-app inbox, e-mail and role webhooks, written as rows in the transaction
 * that decides them (PostgreSQL is the outbox) and delivered by a BullMQ worker with retries.
 */
@Module({
  imports: [AuditModule, BullModule.registerQueue({ name: NOTIFICATIONS_QUEUE })],
  providers: [NotificationsService, NotificationsAdminService, DeliveryService],
  exports: [NotificationsService, NotificationsAdminService, DeliveryService, BullModule],
})
export class NotificationsModule {}

/** The delivery worker; left out of a web-only process (WORKERS_ENABLED=false). */
@Module({ imports: [NotificationsModule], providers: [NotificationsProcessor] })
export class NotificationsWorkerModule {}
