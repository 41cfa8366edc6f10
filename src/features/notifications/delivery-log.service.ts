import { Injectable } from '@nestjs/common';
import { Page, pageOf } from '../../platform/pagination';
import { maskUrl } from './escalation-message';
import { Notification } from './notification.entities';
import { DeliveryQuery, DeliveryView } from './notifications.dto';
import { NotificationsRepository } from './notifications.repository';

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

/** The delivery log: every notification through every channel (every user's) with its delivery status. */
@Injectable()
export class DeliveryLogService {
  constructor(private readonly notifications: NotificationsRepository) {}

  async deliveries(q: DeliveryQuery): Promise<Page<DeliveryView>> {
    const { limit, offset } = pageOf(q);
    const [rows, total] = await this.notifications.deliveriesPage(q, limit, offset);
    return { items: rows.map(toDeliveryView), total };
  }
}
