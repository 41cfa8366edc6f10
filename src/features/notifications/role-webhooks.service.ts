import { Inject, Injectable } from '@nestjs/common';
import { invalidField, notFound } from '../../kernel/errors';
import { type AuthUser } from '../../kernel/roles';
import { CLOCK, Clock } from '../../platform/clock';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { WebhookClient } from '../../platform/mail/channels';
import { Page } from '../../platform/pagination';
import { uuidV5 } from '../../platform/uuid';
import { AuditService } from '../audit/audit.service';
import { maskUrl } from './escalation-message';
import { RoleWebhook } from './notification.entities';
import { PutWebhookDto, WebhookRole, WebhookView } from './notifications.dto';
import { NotificationsRepository } from './notifications.repository';

/** Namespace of the audit ids of role webhooks (their key is the role, audit ids are UUIDs). Never change it. */
const ROLE_WEBHOOK_NAMESPACE = '3b0f5d0e-8a51-4b7e-9d55-2c1e6a7f4b10';
export const roleWebhookAuditId = (role: string) => uuidV5(ROLE_WEBHOOK_NAMESPACE, `role-webhook:${role}`);

export function toWebhookView(w: RoleWebhook): WebhookView {
  return {
    role: w.role as WebhookRole,
    url: w.url,
    active: w.active,
    updatedAt: w.updatedAt.toISOString(),
    updatedByUserId: w.updatedByUserId ?? null,
  };
}

/** The per-role Teams/Slack webhooks that receive a role's escalation alerts. The audit trail masks their URLs. */
@Injectable()
export class RoleWebhooksService {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly webhooks: WebhookClient,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(): Promise<Page<WebhookView>> {
    const rows = await this.notifications.allWebhooks();
    return { items: rows.map(toWebhookView), total: rows.length };
  }

  /**
   * Creates or replaces a role's webhook. Its URL must be https to a public address: refused, with
   * nothing written, if it is or resolves to an address inside a network (checked again at delivery).
   */
  async put(user: AuthUser, role: WebhookRole, dto: PutWebhookDto): Promise<WebhookView> {
    const refused = await this.webhooks.refusal(dto.url);
    if (refused) throw invalidField('url', refused.message);
    return this.uow.run(async (em) => {
      const now = this.clock.now();
      const active = dto.active ?? true;
      const existing = await this.notifications.findWebhookForUpdate(role);
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
      const hook = this.notifications.addWebhook({
        role,
        url: dto.url,
        active,
        updatedAt: now,
        updatedByUserId: user.id,
      });
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

  async remove(user: AuthUser, role: WebhookRole): Promise<void> {
    await this.uow.run(async (em) => {
      const existing = await this.notifications.findWebhookForUpdate(role);
      if (!existing) throw notFound(`Webhook for role ${role}`);
      this.notifications.removeWebhook(existing);
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
