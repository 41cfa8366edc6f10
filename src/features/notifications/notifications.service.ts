import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Queue } from 'bullmq';
import { AuditService } from '../audit/audit.service';
import { CLOCK, Clock } from '../../platform/clock';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { TimerRegistry } from '../../platform/queue/timer-registry';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { escalationMessage, type EscalationMessageInput } from './escalation-message';
import { Channel } from './notification.entities';
import { InsertedNotification, NewNotification, NotificationsRepository } from './notifications.repository';

export const NOTIFICATIONS_QUEUE = 'notifications';
export const DELIVER_JOB = 'deliver';
/** BullMQ job ids may not contain ':'; `deliver-<uuid>` is one job per notification, whoever adds it. */
export const deliveryJobId = (notificationId: string) => `deliver-${notificationId}`;
const SWEEP_BATCH = 1000;
const FAILED_JOB_RETENTION_S = 7 * 24 * 3600;

/** What a firing escalation step hands over: the message facts (see EscalationMessageInput) and who gets it. */
export interface EscalationAlert extends EscalationMessageInput {
  youngPersonId: string;
  /** Chosen by the caller (the escalation routing). */
  recipients: { userId: string; email: string; role: string }[];
}

export type UserChannel = Extract<Channel, 'in_app' | 'email'>;

export interface UserNotification {
  /** Unique per message; each channel adds its own suffix (`<dedupeKey>:in_app`, `<dedupeKey>:email`). */
  dedupeKey: string;
  userId: string;
  email?: string | null;
  kind: string;
  subject: string;
  body: string;
  link: string | null;
  youngPersonId?: string | null;
  escalationId?: string | null;
  channels: UserChannel[];
}

/**
 * Writes notifications inside the caller's transaction (one row per recipient per channel, deduped
 * by key so a step that fires twice notifies once) and queues their delivery after the commit.
 * PostgreSQL is the outbox: a message whose job Redis lost is re-queued by the sweep.
 */
@Injectable()
export class NotificationsService implements OnModuleInit {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly audit: AuditService,
    private readonly registry: TimerRegistry,
    private readonly uow: UnitOfWork,
    @InjectQueue(NOTIFICATIONS_QUEUE) private readonly queue: Queue,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.registry.registerSweeper('notifications', () => this.sweep());
  }

  /**
   * An escalation step fired: an inbox entry and an email for every recipient, and a post to the
   * step role's webhook if one is set. Runs in the caller's transaction (`em`, for the audit
   * trail); e-mails and webhook posts are queued for delivery after the commit.
   */
  async alertEscalation(em: EntityManager, alert: EscalationAlert): Promise<void> {
    const msg = escalationMessage(alert, this.config.publicBaseUrl);
    const base = {
      escalationId: alert.escalationId,
      youngPersonId: alert.youngPersonId,
      kind: 'escalation',
      subject: msg.subject,
      link: msg.link,
    };
    const rows: NewNotification[] = [];
    const seen = new Set<string>();
    for (const r of alert.recipients) {
      if (seen.has(r.userId)) continue;
      seen.add(r.userId);
      rows.push({
        ...base,
        dedupeKey: `esc:${alert.escalationId}:in_app:${r.userId}`,
        recipientUserId: r.userId,
        recipientRole: r.role,
        channel: 'in_app',
        target: null,
        body: msg.text,
      });
      const email = r.email?.trim();
      if (email) {
        rows.push({
          ...base,
          dedupeKey: `esc:${alert.escalationId}:email:${r.userId}`,
          recipientUserId: r.userId,
          recipientRole: r.role,
          channel: 'email',
          target: email,
          body: msg.text,
        });
      }
    }
    const hooks = await this.notifications.activeWebhooksFor(alert.role);
    for (const hook of hooks) {
      rows.push({
        ...base,
        dedupeKey: `esc:${alert.escalationId}:webhook:${hook.role}`,
        recipientUserId: null,
        recipientRole: hook.role,
        channel: 'webhook',
        target: hook.url,
        body: JSON.stringify(msg.webhook),
      });
    }
    const inserted = await this.notifications.insert(rows, this.clock.now());
    if (inserted.length) {
      this.audit.record(em, {
        actorUserId: null,
        action: 'notification.queued',
        entity: 'Escalation',
        entityId: alert.escalationId,
        changes: {
          kind: 'escalation',
          step: alert.step,
          role: alert.role,
          recipients: byChannel(inserted),
          notificationIds: inserted.map((r) => r.id),
        },
      });
    }
    this.queueAfterCommit(inserted);
  }

  /** One message to one user, in the inbox and/or by email; the same `dedupeKey` twice notifies once. */
  async notifyUser(em: EntityManager, n: UserNotification): Promise<void> {
    const base = {
      escalationId: n.escalationId ?? null,
      youngPersonId: n.youngPersonId ?? null,
      recipientUserId: n.userId,
      recipientRole: null,
      kind: n.kind,
      subject: n.subject,
      body: n.body,
      link: n.link,
    };
    const rows: NewNotification[] = [];
    for (const channel of new Set(n.channels)) {
      if (channel === 'in_app') rows.push({ ...base, dedupeKey: `${n.dedupeKey}:in_app`, channel, target: null });
      const email = n.email?.trim();
      if (channel === 'email' && email)
        rows.push({ ...base, dedupeKey: `${n.dedupeKey}:email`, channel, target: email });
    }
    const inserted = await this.notifications.insert(rows, this.clock.now());
    if (inserted.length) {
      this.audit.record(em, {
        actorUserId: null,
        action: 'notification.queued',
        entity: n.escalationId ? 'Escalation' : 'Notification',
        entityId: n.escalationId ?? inserted[0].id,
        changes: { kind: n.kind, recipients: byChannel(inserted), notificationIds: inserted.map((r) => r.id) },
      });
    }
    this.queueAfterCommit(inserted);
  }

  /** Queues delivery of these notifications (idempotent: one job id per notification). */
  async enqueue(notificationIds: string[]): Promise<void> {
    for (let i = 0; i < notificationIds.length; i += SWEEP_BATCH) {
      await this.queue.addBulk(
        notificationIds.slice(i, i + SWEEP_BATCH).map((id) => ({
          name: DELIVER_JOB,
          data: { id },
          opts: {
            jobId: deliveryJobId(id),
            attempts: this.config.notifyAttempts,
            backoff: { type: 'exponential', delay: this.config.notifyBackoffMs },
            removeOnComplete: true,
            removeOnFail: { age: FAILED_JOB_RETENTION_S },
          },
        })),
      );
    }
  }

  /**
   * Re-queues every email / webhook notification not yet delivered (a wiped Redis, a crash between
   * commit and enqueue), in batches of 1000. A job that BullMQ gave up on while the row still says
   * 'retrying' (its last attempt could not be recorded) is retried; the row's attempt count still
   * bounds it.
   */
  async sweep(): Promise<{ undelivered: number; retried: number }> {
    let cursor: string | null = null;
    let undelivered = 0;
    let retried = 0;
    for (;;) {
      const rows = await this.notifications.undelivered(cursor, SWEEP_BATCH);
      if (!rows.length) break;
      for (const r of rows.filter((x) => x.status === 'retrying')) {
        const job = await this.queue.getJob(deliveryJobId(r.id));
        if (job && (await job.getState()) === 'failed') {
          await job.retry('failed').catch(() => undefined);
          retried++;
        }
      }
      await this.enqueue(rows.map((r) => r.id));
      undelivered += rows.length;
      cursor = rows[rows.length - 1].id;
      if (rows.length < SWEEP_BATCH) break;
    }
    return { undelivered, retried };
  }

  /** E-mails and webhooks are queued for delivery once the rows are committed (in-app ones are delivered by the commit). */
  private queueAfterCommit(inserted: InsertedNotification[]): void {
    const ids = inserted.filter((r) => r.channel !== 'in_app').map((r) => r.id);
    if (ids.length) this.uow.afterCommit(() => this.enqueue(ids));
  }
}

function byChannel(rows: InsertedNotification[]): Record<Channel, string[]> {
  return {
    in_app: rows.filter((r) => r.channel === 'in_app').map((r) => r.recipient_user_id as string),
    email: rows.filter((r) => r.channel === 'email').map((r) => r.recipient_user_id as string),
    webhook: rows.filter((r) => r.channel === 'webhook').map((r) => r.recipient_role as string),
  };
}
