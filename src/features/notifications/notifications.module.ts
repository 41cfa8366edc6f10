import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { FetchWebhookClient, Mailer, SmtpMailer, WebhookClient } from '../../platform/mail/channels';
import { DeliveryService } from './delivery.service';
import { DeliveriesController, InboxController, WebhooksController } from '../../http/notifications.controller';
import { NotificationsAdminService } from './inbox.service';
import { NotificationsProcessor } from './notifications.processor';
import { NOTIFICATIONS_QUEUE, NotificationsService } from './notifications.service';

/**
 * Notifications: the in-app inbox, email and role webhooks, delivered by a BullMQ worker with
 * retries (unless WORKERS_ENABLED=false) and re-queued by the periodic sweep. Global, so the
 * escalation engine can inject NotificationsService. Tests may override Mailer / WebhookClient.
 */
@Global()
@Module({})
export class NotificationsModule {
  static forRoot(workersEnabled: boolean): DynamicModule {
    const providers: Provider[] = [
      NotificationsService,
      NotificationsAdminService,
      DeliveryService,
      { provide: Mailer, useClass: SmtpMailer },
      { provide: WebhookClient, useClass: FetchWebhookClient },
    ];
    if (workersEnabled) providers.push(NotificationsProcessor);
    return {
      module: NotificationsModule,
      imports: [BullModule.registerQueue({ name: NOTIFICATIONS_QUEUE })],
      controllers: [InboxController, DeliveriesController, WebhooksController],
      providers,
      exports: [NotificationsService, DeliveryService, Mailer, WebhookClient],
    };
  }
}
