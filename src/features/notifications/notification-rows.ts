import type { EscalationMessage, EscalationMessageInput } from './escalation-message';
import type { Channel } from './notification.entities';
import type { InsertedNotification, NewNotification } from './notifications.repository';

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
 * The rows of a fired step's alert: an inbox entry and (with an address) an e-mail for each
 * recipient, once each, and a post to each of the step role's active webhooks. Dedupe keys name
 * the step, the channel and the recipient, so a step that fires twice notifies once.
 */
export function escalationRows(
  alert: EscalationAlert,
  msg: EscalationMessage,
  hooks: readonly { role: string; url: string }[],
): NewNotification[] {
  const base = {
    escalationId: alert.escalationId,
    youngPersonId: alert.youngPersonId,
    kind: 'escalation',
    subject: msg.subject,
    link: msg.link,
  };
  const key = (channel: Channel, who: string) => `esc:${alert.escalationId}:${channel}:${who}`;
  const rows: NewNotification[] = [];
  const seen = new Set<string>();
  for (const r of alert.recipients) {
    if (seen.has(r.userId)) continue;
    seen.add(r.userId);
    const to = { recipientUserId: r.userId, recipientRole: r.role, body: msg.text };
    rows.push({ ...base, ...to, dedupeKey: key('in_app', r.userId), channel: 'in_app', target: null });
    const email = r.email?.trim();
    if (email) rows.push({ ...base, ...to, dedupeKey: key('email', r.userId), channel: 'email', target: email });
  }
  for (const hook of hooks) {
    rows.push({
      ...base,
      dedupeKey: key('webhook', hook.role),
      recipientUserId: null,
      recipientRole: hook.role,
      channel: 'webhook',
      target: hook.url,
      body: JSON.stringify(msg.webhook),
    });
  }
  return rows;
}

/** The rows of one message to one user: each channel asked for once (e-mail only with an address). */
export function userRows(n: UserNotification): NewNotification[] {
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
    if (channel === 'email' && email) rows.push({ ...base, dedupeKey: `${n.dedupeKey}:email`, channel, target: email });
  }
  return rows;
}

/** Who a batch of new rows reaches, by channel (user ids; roles for webhooks), for the audit trail. */
export function byChannel(rows: readonly InsertedNotification[]): Record<Channel, string[]> {
  return {
    in_app: rows.filter((r) => r.channel === 'in_app').map((r) => r.recipient_user_id as string),
    email: rows.filter((r) => r.channel === 'email').map((r) => r.recipient_user_id as string),
    webhook: rows.filter((r) => r.channel === 'webhook').map((r) => r.recipient_role as string),
  };
}
