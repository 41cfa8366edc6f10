import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DeliveryLogService } from './delivery-log.service';
import { DeliveryService } from './delivery.service';
import { InboxService } from './inbox.service';
import { NotificationsProcessor } from './notifications.processor';
import { NotificationsRepository } from './notifications.repository';
import { NOTIFICATIONS_QUEUE, NotificationsService } from './notifications.service';
import { RoleWebhooksService } from './role-webhooks.service';

/**
 * Notifications: the in-app inbox, e-mail and role webhooks, written as rows in the transaction
 * that decides them (PostgreSQL is the outbox) and delivered by a BullMQ worker with retries.
 * `NotificationsService` writes and queues them, `DeliveryService` delivers one; `InboxService`,
 * `DeliveryLogService` and `RoleWebhooksService` serve the HTTP side.
 */
@Module({
  imports: [AuditModule, BullModule.registerQueue({ name: NOTIFICATIONS_QUEUE })],
  providers: [
    NotificationsRepository,
    NotificationsService,
    DeliveryService,
    InboxService,
    DeliveryLogService,
    RoleWebhooksService,
  ],
  exports: [NotificationsService, DeliveryService, InboxService, DeliveryLogService, RoleWebhooksService, BullModule],
})
export class NotificationsModule {}

/** The delivery worker; left out of a web-only process (WORKERS_ENABLED=false). */
@Module({ imports: [NotificationsModule], providers: [NotificationsProcessor] })
export class NotificationsWorkerModule {}
