import { defineEntity, p } from '@mikro-orm/core';

export const CHANNELS = ['in_app', 'email', 'webhook'] as const;
export type Channel = (typeof CHANNELS)[number];
export const DELIVERY_STATUSES = ['pending', 'retrying', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One message to one recipient through one channel, with its delivery status. `dedupeKey` makes a
 * step firing twice notify once. Bodies carry a reference, initials and a link, never a full record.
 */
export const NotificationSchema = defineEntity({
  name: 'Notification',
  tableName: 'notification',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    dedupeKey: p.string().length(300).unique(),
    escalationId: p.uuid().nullable().index(),
    youngPersonId: p.uuid().nullable().index(),
    recipientUserId: p.uuid().nullable(),
    recipientRole: p.string().length(40).nullable(),
    channel: p.enum(CHANNELS),
    /** Email address or webhook URL (staff contact details, not young people's). */
    target: p.string().length(500).nullable(),
    kind: p.string().length(60),
    subject: p.string().length(300),
    body: p.text(),
    link: p.string().length(500).nullable(),
    status: p.enum(DELIVERY_STATUSES).default('pending'),
    attempts: p.integer().default(0),
    lastError: p.string().length(1000).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    sentAt: p.datetime().nullable(),
    readAt: p.datetime().nullable(),
  },
  indexes: [{ properties: ['recipientUserId', 'channel', 'createdAt'] }, { properties: ['status', 'channel'] }],
});
export class Notification extends NotificationSchema.class {}
NotificationSchema.setClass(Notification);

/** A Teams/Slack-style incoming webhook that receives a role's alerts as JSON. */
export const RoleWebhookSchema = defineEntity({
  name: 'RoleWebhook',
  tableName: 'role_webhook',
  properties: {
    role: p.string().length(40).primary(),
    url: p.string().length(500),
    active: p.boolean().default(true),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
    updatedByUserId: p.uuid().nullable(),
  },
});
export class RoleWebhook extends RoleWebhookSchema.class {}
RoleWebhookSchema.setClass(RoleWebhook);
