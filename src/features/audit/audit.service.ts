import { pgArray } from '../../platform/database/sql';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { pageOf } from '../../platform/pagination';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import type { AuditEventView, AuditPage, AuditQuery } from './audit.dto';
import { CLOCK, Clock } from '../../platform/clock';
import { AuditEvent } from './audit-event.entity';
import { monotonicUuidV7 } from '../../platform/uuid';

export interface AuditEntry {
  actorUserId: string | null;
  action: string;
  entity: string;
  entityId: string;
  changes: Record<string, unknown>;
  at?: Date;
}

/** What changed between two plain snapshots, as `{field: {from, to}}`; unchanged fields are left out. */
export function diff(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, { from: unknown; to: unknown }> {
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
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly uow: UnitOfWork,
  ) {}

  /** GET /audit: newest first, filtered by entity, entity id and actor. */
  async list(q: AuditQuery): Promise<AuditPage> {
    const { limit, offset } = pageOf(q);
    const where = { entity: q.entity, entityId: q.entityId, actorUserId: q.actorUserId };
    const [rows, total] = await this.uow.em.findAndCount(AuditEvent, where, {
      orderBy: { at: 'desc', id: 'desc' },
      limit,
      offset,
    });
    return { items: rows.map(toAuditView), total };
  }

  record(em: EntityManager, entry: AuditEntry): AuditEvent {
    const event = em.create(AuditEvent, {
      id: monotonicUuidV7(),
      at: entry.at ?? this.clock.now(),
      actorUserId: entry.actorUserId,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      changes: JSON.parse(JSON.stringify(entry.changes, (_k, v: unknown) => (v === undefined ? null : v))) as Record<
        string,
        unknown
      >,
    });
    em.persist(event);
    return event;
  }

  /**
   * Writes many events with one statement, in the caller's transaction: for bulk paths (the
   * escalation engine starting thousands of clocks) where one ORM entity per event costs too much.
   */
  async recordMany(em: EntityManager, entries: AuditEntry[]): Promise<void> {
    if (!entries.length) return;
    const at = this.clock.now();
    const cols = {
      id: [] as string[],
      at: [] as string[],
      actor: [] as (string | null)[],
      action: [] as string[],
      entity: [] as string[],
      entityId: [] as string[],
      changes: [] as string[],
    };
    for (const e of entries) {
      cols.id.push(monotonicUuidV7());
      cols.at.push((e.at ?? at).toISOString());
      cols.actor.push(e.actorUserId);
      cols.action.push(e.action);
      cols.entity.push(e.entity);
      cols.entityId.push(e.entityId);
      cols.changes.push(JSON.stringify(e.changes, (_k, v: unknown) => (v === undefined ? null : v)));
    }
    await em.execute(
      `insert into audit_event (id, at, actor_user_id, action, entity, entity_id, changes)
       select * from unnest(?::uuid[], ?::timestamptz[], ?::uuid[], ?::text[], ?::text[], ?::uuid[], ?::jsonb[])`,
      [
        pgArray(cols.id),
        pgArray(cols.at),
        pgArray(cols.actor),
        pgArray(cols.action),
        pgArray(cols.entity),
        pgArray(cols.entityId),
        pgArray(cols.changes),
      ],
    );
  }
}

function toAuditView(e: AuditEvent): AuditEventView {
  return {
    id: e.id,
    at: e.at.toISOString(),
    actorUserId: e.actorUserId ?? null,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    changes: e.changes,
  };
}
