import { Inject, Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { AuditService } from '../audit/audit.service';
import { CLOCK, Clock } from '../../platform/clock';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { WebhookTargetRefused } from '../../platform/http/webhook-targets';
import { Mailer, WebhookClient } from '../../platform/mail/channels';
import { safeErrorText } from './escalation-message';
import { NotificationsRepository, type ToDeliver } from './notifications.repository';

export type DeliveryOutcome = 'sent' | 'skipped';

/**
 * One delivery attempt of one email / webhook notification. Re-reads the row first, so a job that
 * runs twice (BullMQ delivers at least once; the sweep may re-add it) sends once the row says
 * 'sent'. A failed attempt is recorded and rethrown for BullMQ to retry with backoff; the last one
 * marks the row 'failed' — never dropped silently. A webhook whose target is refused (it points
 * inside the network, checked again at each delivery) fails at once: retrying would not change it.
 */
@Injectable()
export class DeliveryService {
  private readonly logger = new Logger('NotificationDelivery');

  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly mailer: Mailer,
    private readonly webhooks: WebhookClient,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `lastAttempt`: the queue will not try this job again after this attempt. */
  async deliver(notificationId: string, opts: { lastAttempt: boolean }): Promise<DeliveryOutcome> {
    const n = await this.notifications.forDelivery(notificationId);
    if (!n || n.channel === 'in_app' || n.status === 'sent' || n.status === 'failed') return 'skipped';
    try {
      await this.send(n);
    } catch (e) {
      return this.failed(n, e, opts.lastAttempt);
    }
    const sentAt = this.clock.now();
    // The row marked sent and its audit event in one statement: one round trip, not four.
    await this.audit.recordWithChange(this.uow.em, this.notifications.sentChange(n.id, sentAt), {
      actorUserId: null,
      action: 'notification.sent',
      at: sentAt,
      ...auditTarget(n),
      changes: { ...describe(n), sentAt: sentAt.toISOString() },
    });
    return 'sent';
  }

  /** Records a failed attempt (the last one marks the row failed) and throws for BullMQ: retry, or give up. */
  private async failed(n: ToDeliver, e: unknown, lastAttempt: boolean): Promise<never> {
    const lastError = safeErrorText(e, [n.channel === 'webhook' ? n.target : null, this.config.smtpUrl]);
    const attempts = n.attempts + 1;
    const final = lastAttempt || attempts >= this.config.notifyAttempts || e instanceof WebhookTargetRefused;
    await this.uow.run(async (tx) => {
      const recorded = await this.notifications.recordFailedAttempt(n.id, lastError, final);
      if (final && recorded !== null) {
        this.audit.record(tx, {
          actorUserId: null,
          action: 'notification.failed',
          ...auditTarget(n),
          changes: { ...describe(n), attempts: recorded, lastError },
        });
      }
    });
    this.logger.warn(
      { notificationId: n.id, channel: n.channel, attempts, final, err: lastError },
      final ? 'notification failed for good' : 'notification attempt failed; will retry',
    );
    if (final) throw new UnrecoverableError(`notification ${n.id} failed after ${attempts} attempts: ${lastError}`);
    // Not the raw error: it may carry a webhook URL or SMTP credentials; only the scrubbed text travels.
    throw new Error(lastError);
  }

  private async send(n: ToDeliver): Promise<void> {
    if (!n.target) throw new Error(`no ${n.channel === 'email' ? 'email address' : 'URL'} to deliver to`);
    if (n.channel === 'email') {
      await this.mailer.send({ to: n.target, subject: n.subject, text: n.body });
      return;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(n.body);
    } catch {
      payload = { text: `${n.subject}${n.link ? `. Review: ${n.link}` : ''}` };
    }
    await this.webhooks.post(n.target, payload);
  }
}

/** Notification audits hang off the escalation when there is one, so one query gives its whole trail. */
function auditTarget(n: ToDeliver): { entity: string; entityId: string } {
  return n.escalationId
    ? { entity: 'Escalation', entityId: n.escalationId }
    : { entity: 'Notification', entityId: n.id };
}

/** Who, through which channel — ids and roles only, never the content or a webhook URL. */
function describe(n: ToDeliver): Record<string, unknown> {
  return {
    notificationId: n.id,
    kind: n.kind,
    channel: n.channel,
    recipientUserId: n.recipientUserId ?? null,
    recipientRole: n.recipientRole ?? null,
  };
}
