import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { AuditService } from '../audit/audit.service';
import { CLOCK, Clock } from '../../platform/clock';
import { Page, pageOf } from '../../platform/pagination';
import { notFound } from '../../kernel/errors';
import { uuidV5 } from '../../platform/uuid';
import { maskUrl } from './escalation-message';
import { Notification, RoleWebhook } from './notification.entities';
import {
  DeliveryQuery,
  DeliveryView,
  InboxItemView,
  InboxPage,
  InboxQuery,
  PutWebhookDto,
  WebhookRole,
  WebhookView,
} from './notifications.dto';
import { type AuthUser } from '../../kernel/roles';

/** Namespace of the audit ids of role webhooks (their key is the role, audit ids are UUIDs). Never change it. */
const ROLE_WEBHOOK_NAMESPACE = '3b0f5d0e-8a51-4b7e-9d55-2c1e6a7f4b10';
export const roleWebhookAuditId = (role: string) => uuidV5(ROLE_WEBHOOK_NAMESPACE, `role-webhook:${role}`);

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

export function toDeliveryView(n: Notification): DeliveryView {
  return {
    id: n.id,
    escalationId: n.escalationId ?? null,
    channel: n.channel,
    recipientUserId: n.recipientUserId ?? null,
    recipientRole: n.recipientRole ?? null,
    target: n.channel === 'webhook' ? maskUrl(n.target ?? null) : (n.target ?? null),
    status: n.status,
    attempts: n.attempts,
    lastError: n.lastError ?? null,
    createdAt: n.createdAt.toISOString(),
    sentAt: n.sentAt?.toISOString() ?? null,
  };
}

export function toWebhookView(w: RoleWebhook): WebhookView {
  return {
    role: w.role as WebhookRole,
    url: w.url,
    active: w.active,
    updatedAt: w.updatedAt.toISOString(),
    updatedByUserId: w.updatedByUserId ?? null,
  };
}

/** The HTTP side of notifications: a user's inbox, the delivery log, the role webhooks. */
@Injectable()
export class NotificationsAdminService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async inbox(user: AuthUser, q: InboxQuery): Promise<InboxPage> {
    const { limit, offset } = pageOf(q);
    const mine = { recipientUserId: user.id, channel: 'in_app' as const };
    const where =
      q.unread === 'true'
        ? { ...mine, readAt: null }
        : q.unread === 'false'
          ? { ...mine, readAt: { $ne: null } }
          : mine;
    const [[rows, total], unread] = await Promise.all([
      this.em.fork().findAndCount(Notification, where, { orderBy: { createdAt: 'desc', id: 'desc' }, limit, offset }),
      this.em.fork().count(Notification, { ...mine, readAt: null }),
    ]);
    return { items: rows.map(toInboxItem), total, unread };
  }

  /** Marks one of the caller's inbox entries read (idempotent: the first read time stays). */
  async markRead(user: AuthUser, id: string): Promise<InboxItemView> {
    return this.em.transactional(async (em) => {
      const n = await em.findOne(
        Notification,
        { id, recipientUserId: user.id, channel: 'in_app' },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
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

  async deliveries(q: DeliveryQuery): Promise<Page<DeliveryView>> {
    const { limit, offset } = pageOf(q);
    const where = {
      escalationId: q.escalationId,
      status: q.status,
      channel: q.channel,
      recipientUserId: q.recipientUserId,
    };
    const [rows, total] = await this.em.findAndCount(Notification, where, {
      orderBy: { createdAt: 'desc', id: 'desc' },
      limit,
      offset,
    });
    return { items: rows.map(toDeliveryView), total };
  }

  async webhooks(): Promise<Page<WebhookView>> {
    const rows = await this.em.find(RoleWebhook, {}, { orderBy: { role: 'asc' } });
    return { items: rows.map(toWebhookView), total: rows.length };
  }

  async putWebhook(user: AuthUser, role: WebhookRole, dto: PutWebhookDto): Promise<WebhookView> {
    return this.em.transactional(async (em) => {
      const now = this.clock.now();
      const active = dto.active ?? true;
      const existing = await em.findOne(RoleWebhook, { role }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (existing) {
        const changes: Record<string, unknown> = { role };
        if (existing.url !== dto.url) changes.url = { from: maskUrl(existing.url), to: maskUrl(dto.url) };
        if (existing.active !== active) changes.active = { from: existing.active, to: active };
        existing.url = dto.url;
        existing.active = active;
        existing.updatedAt = now;
        existing.updatedByUserId = user.id;
        this.audit.record(em, {
          actorUserId: user.id,
          action: 'role_webhook.updated',
          entity: 'RoleWebhook',
          entityId: roleWebhookAuditId(role),
          changes,
          at: now,
        });
        return toWebhookView(existing);
      }
      // Concurrent first PUTs for one role: the primary key makes the loser a 409, never a 500.
      const hook = em.create(RoleWebhook, { role, url: dto.url, active, updatedAt: now, updatedByUserId: user.id });
      em.persist(hook);
      this.audit.record(em, {
        actorUserId: user.id,
        action: 'role_webhook.created',
        entity: 'RoleWebhook',
        entityId: roleWebhookAuditId(role),
        changes: { role, url: maskUrl(dto.url), active },
        at: now,
      });
      return toWebhookView(hook);
    });
  }

  async deleteWebhook(user: AuthUser, role: WebhookRole): Promise<void> {
    await this.em.transactional(async (em) => {
      const existing = await em.findOne(RoleWebhook, { role }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!existing) throw notFound(`Webhook for role ${role}`);
      em.remove(existing);
      this.audit.record(em, {
        actorUserId: user.id,
        action: 'role_webhook.deleted',
        entity: 'RoleWebhook',
        entityId: roleWebhookAuditId(role),
        changes: { role, url: maskUrl(existing.url), active: existing.active },
      });
    });
  }
}
