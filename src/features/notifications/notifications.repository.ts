import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/postgresql';
import { executePrepared, type Alongside, type Params } from '../../platform/database/sql';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { Channel, DeliveryStatus, Notification, RoleWebhook } from './notification.entities';

/** A notification to write: one message to one recipient through one channel. */
export interface NewNotification {
  dedupeKey: string;
  escalationId: string | null;
  youngPersonId: string | null;
  recipientUserId: string | null;
  recipientRole: string | null;
  channel: Channel;
  target: string | null;
  kind: string;
  subject: string;
  body: string;
  link: string | null;
}

/** A row this call created (a duplicate dedupe key creates none). */
export interface InsertedNotification {
  id: string;
  channel: Channel;
  recipient_user_id: string | null;
  recipient_role: string | null;
}

/** What one delivery attempt needs of an e-mail or webhook notification's row. */
export type ToDeliver = Pick<
  Notification,
  | 'id'
  | 'escalationId'
  | 'recipientUserId'
  | 'recipientRole'
  | 'channel'
  | 'target'
  | 'kind'
  | 'subject'
  | 'body'
  | 'link'
  | 'status'
  | 'attempts'
>;

export interface DeliveryFilter {
  escalationId?: string;
  status?: DeliveryStatus;
  channel?: Channel;
  recipientUserId?: string;
}

const COLUMNS = [
  'id',
  'dedupe_key',
  'escalation_id',
  'young_person_id',
  'recipient_user_id',
  'recipient_role',
  'channel',
  'target',
  'kind',
  'subject',
  'body',
  'link',
  'status',
  'attempts',
  'last_error',
  'created_at',
  'sent_at',
  'read_at',
];

const NEWEST_FIRST = { orderBy: { createdAt: 'desc', id: 'desc' } } as const;

/**
 * How many of a user's in-app entries are unread, as one SQL expression of the user's id
 * (`userId`: a column or a placeholder): the navigation's count on every page, which the page guard
 * reads in the same statement as the session (`InboxService.unreadCountSql`).
 */
export const unreadCountOf = (userId: string) =>
  `(select count(*)::int from notification
     where recipient_user_id = ${userId} and channel = 'in_app' and read_at is null)`;

/** Every query on `notification` (the outbox, the inbox, the delivery log) and `role_webhook`. */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly uow: UnitOfWork) {}

  private get em() {
    return this.uow.em;
  }

  // ---------- the outbox ----------

  /**
   * INSERT … ON CONFLICT (dedupe_key) DO NOTHING: returns only the rows this call created. Values
   * are bound by the driver (`$n`), not formatted into the text: bodies are the longest values the
   * firing path writes. Prepared (one text per number of rows: a step's recipients are few).
   */
  async insert(rows: NewNotification[], now: Date): Promise<InsertedNotification[]> {
    if (!rows.length) return [];
    const params: unknown[] = [];
    const values: string[] = [];
    for (const r of rows) {
      const inApp = r.channel === 'in_app';
      // In-app delivery is the row itself: it is sent the moment it is committed.
      const first = params.length;
      params.push(
        crypto.randomUUID(),
        r.dedupeKey,
        r.escalationId,
        r.youngPersonId,
        r.recipientUserId,
        r.recipientRole,
        r.channel,
        r.target,
        r.kind,
        r.subject,
        r.body,
        r.link,
        inApp ? 'sent' : 'pending',
        0,
        null,
        now,
        inApp ? now : null,
        null,
      );
      values.push(`(${COLUMNS.map((_, i) => `$${first + i + 1}`).join(', ')})`);
    }
    return executePrepared<InsertedNotification>(
      this.em,
      `insert into notification (${COLUMNS.join(', ')}) values ${values.join(', ')}
       on conflict (dedupe_key) do nothing
       returning id, channel, recipient_user_id, recipient_role`,
      params,
    );
  }

  /** E-mails and webhook posts not yet delivered, in id order after `cursor`. */
  undelivered(cursor: string | null, limit: number): Promise<{ id: string; status: DeliveryStatus }[]> {
    return this.em.execute(
      `select id, status from notification
        where status in ('pending', 'retrying') and channel <> 'in_app' ${cursor ? 'and id > ?' : ''}
        order by id limit ${limit}`,
      cursor ? [cursor] : [],
    );
  }

  // ---------- delivery ----------

  /** What one delivery attempt needs of its row (a prepared read: every e-mail and webhook post makes it). */
  async forDelivery(id: string): Promise<ToDeliver | null> {
    const [row] = await executePrepared<ToDeliver>(
      this.em,
      `select id, escalation_id as "escalationId", recipient_user_id as "recipientUserId", recipient_role as "recipientRole",
              channel, target, kind, subject, body, link, status, attempts
         from notification where id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** Counts a failed attempt on an undelivered row; answers the attempts so far, or null if the row was no longer undelivered. */
  async recordFailedAttempt(id: string, lastError: string, final: boolean): Promise<number | null> {
    const updated = await this.em.execute<{ attempts: number }[]>(
      `update notification set attempts = attempts + 1, last_error = ?, status = ?
        where id = ? and status in ('pending', 'retrying') returning attempts`,
      [lastError, final ? 'failed' : 'retrying', id],
    );
    return updated.length ? updated[0].attempts : null;
  }

  /**
   * Marks an undelivered row sent, as a statement for the audit trail to run with its event
   * (`AuditService.recordWithChange`); it returns the attempts so far, or no row if the row was
   * no longer undelivered.
   */
  sentChange(id: string, sentAt: Date): { sql: string; params: unknown[] } {
    return {
      sql: `update notification set attempts = attempts + 1, status = 'sent', sent_at = $1
             where id = $2 and status in ('pending', 'retrying') returning attempts`,
      params: [sentAt, id],
    };
  }

  // ---------- the inbox ----------

  /** One page of a user's in-app entries (all, unread only or read only), newest first, and how many in all. */
  inboxPage(
    userId: string,
    unread: boolean | undefined,
    limit: number,
    offset: number,
  ): Promise<[Notification[], number]> {
    const mine = { recipientUserId: userId, channel: 'in_app' as const };
    const where =
      unread === true ? { ...mine, readAt: null } : unread === false ? { ...mine, readAt: { $ne: null } } : mine;
    return this.em.fork().findAndCount(Notification, where, { ...NEWEST_FIRST, limit, offset });
  }

  async unreadCount(userId: string): Promise<number> {
    const [row] = await executePrepared<{ unread: number }>(this.em, `select ${unreadCountOf('$1')} as unread`, [
      userId,
    ]);
    return row.unread;
  }

  /** One of the user's own in-app entries, locked until the transaction ends. */
  findInboxEntryForUpdate(userId: string, id: string): Promise<Notification | null> {
    return this.em.findOne(
      Notification,
      { id, recipientUserId: userId, channel: 'in_app' },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
  }

  // ---------- the delivery log ----------

  deliveriesPage(f: DeliveryFilter, limit: number, offset: number): Promise<[Notification[], number]> {
    const where = {
      escalationId: f.escalationId,
      status: f.status,
      channel: f.channel,
      recipientUserId: f.recipientUserId,
    };
    return this.em.findAndCount(Notification, where, { ...NEWEST_FIRST, limit, offset });
  }

  // ---------- role webhooks ----------

  activeWebhooksFor(role: string): Promise<RoleWebhook[]> {
    return this.em.find(RoleWebhook, { role, active: true });
  }

  /**
   * A role's active webhooks as a read another feature's statement runs alongside its own: a
   * firing step reads them with its facts, one round trip instead of two.
   */
  activeWebhooksAlongside(role: string): Alongside<{ role: string; url: string }[]> {
    return {
      sql: (params: Params) =>
        `(select coalesce(json_agg(json_build_object('role', w.role, 'url', w.url) order by w.role), '[]'::json)
            from role_webhook w where w.role = ${params.add(role)} and w.active)`,
      read: (value) =>
        (typeof value === 'string' ? JSON.parse(value) : (value ?? [])) as { role: string; url: string }[],
    };
  }

  allWebhooks(): Promise<RoleWebhook[]> {
    return this.em.find(RoleWebhook, {}, { orderBy: { role: 'asc' } });
  }

  findWebhookForUpdate(role: string): Promise<RoleWebhook | null> {
    return this.em.findOne(RoleWebhook, { role }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  /** A new role webhook, written when the unit of work commits. */
  addWebhook(data: {
    role: string;
    url: string;
    active: boolean;
    updatedAt: Date;
    updatedByUserId: string;
  }): RoleWebhook {
    const em = this.em;
    const hook = em.create(RoleWebhook, data);
    em.persist(hook);
    return hook;
  }

  /** Removes a role webhook when the unit of work commits. */
  removeWebhook(hook: RoleWebhook): void {
    this.em.remove(hook);
  }
}
