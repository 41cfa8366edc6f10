import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Queue } from 'bullmq';
import { AuditService, type AuditEntry } from '../audit/audit.service';
import { CLOCK, Clock } from '../../platform/clock';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { TimerRegistry } from '../../platform/queue/timer-registry';
import type { Alongside } from '../../platform/database/sql';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { escalationMessage } from './escalation-message';
import { byChannel, escalationRows, userRows, type EscalationAlert, type UserNotification } from './notification-rows';
import { InsertedNotification, NotificationsRepository } from './notifications.repository';

export const NOTIFICATIONS_QUEUE = 'notifications';
export const DELIVER_JOB = 'deliver';
/** BullMQ job ids may not contain ':'; `deliver-<uuid>` is one job per notification, whoever adds it. */
export const deliveryJobId = (notificationId: string) => `deliver-${notificationId}`;
const SWEEP_BATCH = 1000;
const FAILED_JOB_RETENTION_S = 7 * 24 * 3600;

export type { EscalationAlert, UserChannel, UserNotification } from './notification-rows';

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
   * trail); e-mails and webhook posts are queued for delivery after the commit. `hooks`: the
   * role's active webhooks when the caller read them already (`activeWebhooksAlongside`, in its
   * own statement), else they are read here.
   */
  async alertEscalation(
    em: EntityManager,
    alert: EscalationAlert,
    hooks?: readonly { role: string; url: string }[],
  ): Promise<void> {
    const queued = await this.writeEscalationAlert(alert, hooks);
    if (queued) await this.audit.recordMany(em, [queued]);
  }

  /**
   * `alertEscalation` for a caller that writes the audit event itself, in its own statement with
   * its other events (a firing step: one round trip less): writes the rows in the current unit of
   * work and answers their `notification.queued` event, or null when nothing new was queued (the
   * step's alerts were written before). The caller must record the event in the same transaction.
   */
  async writeEscalationAlert(
    alert: EscalationAlert,
    hooks?: readonly { role: string; url: string }[],
  ): Promise<AuditEntry | null> {
    const msg = escalationMessage(alert, this.config.publicBaseUrl);
    hooks ??= await this.notifications.activeWebhooksFor(alert.role);
    const inserted = await this.notifications.insert(escalationRows(alert, msg, hooks), this.clock.now());
    this.queueAfterCommit(inserted);
    if (!inserted.length) return null;
    return {
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
    };
  }

  /** One message to one user, in the inbox and/or by email; the same `dedupeKey` twice notifies once. */
  async notifyUser(em: EntityManager, n: UserNotification): Promise<void> {
    const inserted = await this.notifications.insert(userRows(n), this.clock.now());
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

  /** A role's active webhooks, as a read for another feature's statement to run alongside its own. */
  activeWebhooksAlongside(role: string): Alongside<{ role: string; url: string }[]> {
    return this.notifications.activeWebhooksAlongside(role);
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
