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

let lastMs = 0;
let counter = 0;

/**
 * A UUIDv7 (RFC 9562) that increases with every call in this process: 48 bits of wall-clock
 * milliseconds, a 12-bit counter for events in the same millisecond, then random bits. Audit events
 * share `at` whenever the (possibly manual) clock has not moved, so the trail is ordered by
 * `(at, id)` and the id must follow the order events were written in.
 */
export function monotonicUuidV7(): string {
  let ms = Date.now();
  if (ms <= lastMs) {
    counter++;
    if (counter > 0xfff) {
      lastMs++;
      counter = 0;
    }
    ms = lastMs;
  } else {
    lastMs = ms;
    counter = 0;
  }
  const b = crypto.getRandomValues(new Uint8Array(16));
  for (let i = 0; i < 6; i++) b[i] = Math.floor(ms / 2 ** (8 * (5 - i))) & 0xff;
  b[6] = 0x70 | (counter >> 8);
  b[7] = counter & 0xff;
  b[8] = 0x80 | (b[8] & 0x3f);
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
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
      id: monotonicUuidV7(),
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

  /**
   * Writes many events with one statement, in the caller's transaction: for bulk paths (the
   * escalation engine starting thousands of clocks) where one ORM entity per event costs too much.
   */
  async recordMany(em: EntityManager, entries: AuditEntry[]): Promise<void> {
    if (!entries.length) return;
    const at = this.clock.now();
    const cols = { id: [] as string[], at: [] as string[], actor: [] as (string | null)[], action: [] as string[], entity: [] as string[], entityId: [] as string[], changes: [] as string[] };
    for (const e of entries) {
      cols.id.push(monotonicUuidV7());
      cols.at.push((e.at ?? at).toISOString());
      cols.actor.push(e.actorUserId);
      cols.action.push(e.action);
      cols.entity.push(e.entity);
      cols.entityId.push(e.entityId);
      cols.changes.push(JSON.stringify(e.changes, (_k, v) => (v === undefined ? null : v)));
    }
    await em.execute(
      `insert into audit_event (id, at, actor_user_id, action, entity, entity_id, changes)
       select * from unnest(?::uuid[], ?::timestamptz[], ?::uuid[], ?::text[], ?::text[], ?::uuid[], ?::jsonb[])`,
      [pgArray(cols.id), pgArray(cols.at), pgArray(cols.actor), pgArray(cols.action), pgArray(cols.entity), pgArray(cols.entityId), pgArray(cols.changes)],
    );
  }
}

/** A PostgreSQL array literal (`{"a","b",NULL}`), passed as one text parameter and cast in SQL. */
export function pgArray(values: (string | number | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)).join(',')}}`;
}
