import { defineEntity, p } from '@mikro-orm/core';

/** One audited change: who did what to which record, when, and what changed. Append-only. */
export const AuditEventSchema = defineEntity({
  name: 'AuditEvent',
  tableName: 'audit_event',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    at: p.datetime().index(),
    /** null for the system itself (timers, the reconciler, the seed). */
    actorUserId: p.uuid().nullable().index(),
    action: p.string().length(100),
    entity: p.string().length(60),
    entityId: p.uuid(),
    changes: p.json<Record<string, unknown>>(),
  },
  indexes: [{ properties: ['entity', 'entityId', 'at'] }],
});

export class AuditEvent extends AuditEventSchema.class {}
AuditEventSchema.setClass(AuditEvent);
