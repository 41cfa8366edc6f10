import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { CLOCK, Clock } from '../common/clock';
import { AuditEvent } from './audit-event.entity';

export interface AuditEntry {
  actorUserId: string | null;
  action: string;
  entity: string;
  entityId: string;
  changes: Record<string, unknown>;
  at?: Date;
}

/** What changed between two plain snapshots, as `{field: {from, to}}`; unchanged fields are left out. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = normalise(before[key]);
    const b = normalise(after[key]);
    if (JSON.stringify(a) !== JSON.stringify(b)) out[key] = { from: a, to: b };
  }
  return out;
}

function normalise(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  return v === undefined ? null : v;
}

/**
 * Writes audit events. Always called with the entity manager of the transaction that makes the
 * change, so the change and its audit commit or roll back together.
 */
@Injectable()
export class AuditService {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  record(em: EntityManager, entry: AuditEntry): AuditEvent {
    const event = em.create(AuditEvent, {
      id: crypto.randomUUID(),
      at: entry.at ?? this.clock.now(),
      actorUserId: entry.actorUserId,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      changes: JSON.parse(JSON.stringify(entry.changes, (_k, v) => (v === undefined ? null : v))),
    });
    em.persist(event);
    return event;
  }
}
