import { Inject, Injectable } from '@nestjs/common';
import { notFound } from '../../kernel/errors';
import { type AuthUser } from '../../kernel/roles';
import { CLOCK, Clock } from '../../platform/clock';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { pageOf } from '../../platform/pagination';
import { AuditService } from '../audit/audit.service';
import { Notification } from './notification.entities';
import { InboxItemView, InboxPage, InboxQuery } from './notifications.dto';
import { NotificationsRepository, unreadCountOf } from './notifications.repository';

export function toInboxItem(n: Notification): InboxItemView {
  return {
    id: n.id,
    kind: n.kind,
    subject: n.subject,
    body: n.body,
    link: n.link ?? null,
    escalationId: n.escalationId ?? null,
    youngPersonId: n.youngPersonId ?? null,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}

/** The signed-in user's own in-app inbox: reading it and marking entries read. */
@Injectable()
export class InboxService {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async inbox(user: AuthUser, q: InboxQuery): Promise<InboxPage> {
    const { limit, offset } = pageOf(q);
    const unread = q.unread === undefined ? undefined : q.unread === 'true';
    const [[rows, total], unreadCount] = await Promise.all([
      this.notifications.inboxPage(user.id, unread, limit, offset),
      this.notifications.unreadCount(user.id),
    ]);
    return { items: rows.map(toInboxItem), total, unread: unreadCount };
  }

  /** How many of the user's inbox entries are unread (the count in the pages' navigation). */
  unreadCount(user: AuthUser): Promise<number> {
    return this.notifications.unreadCount(user.id);
  }

  /**
   * The same count as a SQL expression of a user id column, for a read that already has the user
   * in hand (the page guard reads it with the session: one statement a page, not two).
   */
  readonly unreadCountSql = (userIdColumn: string): string => unreadCountOf(userIdColumn);

  /** Marks one of the caller's inbox entries read (idempotent: the first read time stays). */
  async markRead(user: AuthUser, id: string): Promise<InboxItemView> {
    return this.uow.run(async (em) => {
      const n = await this.notifications.findInboxEntryForUpdate(user.id, id);
      if (!n) throw notFound('Notification', id);
      if (!n.readAt) {
        n.readAt = this.clock.now();
        this.audit.record(em, {
          actorUserId: user.id,
          action: 'notification.read',
          at: n.readAt,
          ...(n.escalationId
            ? { entity: 'Escalation', entityId: n.escalationId }
            : { entity: 'Notification', entityId: n.id }),
          changes: { notificationId: n.id, kind: n.kind, readAt: n.readAt.toISOString() },
        });
      }
      return toInboxItem(n);
    });
  }
}
