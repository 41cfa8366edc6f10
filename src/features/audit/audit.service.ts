import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CLOCK, Clock } from '../../platform/clock';
import { pageOf, type Page, type PageQuery } from '../../platform/pagination';
import { monotonicUuidV7 } from '../../platform/uuid';
import type { AuditEvent } from './audit-event.entity';
import type { AuditEventView, AuditPage, AuditQuery } from './audit.dto';
import { AuditRepository, type AuditRow } from './audit.repository';

export interface AuditEntry {
  actorUserId: string | null;
  action: string;
  entity: string;
  entityId: string;
  changes: Record<string, unknown>;
  at?: Date;
}

/** One event of a record's history, with who acted by name (null: the service itself). */
export interface AuditHistoryEntry {
  id: string;
  at: string;
  actorUserId: string | null;
  actorName: string | null;
  action: string;
  changes: Record<string, unknown>;
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

/** `changes` as JSON text, `undefined` written as `null` (so a cleared field shows in the trail). */
const changesJson = (changes: Record<string, unknown>) =>
  JSON.stringify(changes, (_k, v: unknown) => (v === undefined ? null : v));

/**
 * Writes audit events. Always called with the entity manager of the transaction that makes the
 * change, so the change and its audit commit or roll back together.
 */
@Injectable()
export class AuditService {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly events: AuditRepository,
  ) {}

  /** GET /audit: newest first, filtered by entity, entity id and actor. */
  async list(q: AuditQuery): Promise<AuditPage> {
    const { limit, offset } = pageOf(q);
    const [rows, total] = await this.events.page(q, limit, offset);
    const names = await this.events.userNames([...new Set(rows.flatMap(usersNamed))]);
    return { items: rows.map((e) => toAuditView(e, names)), total };
  }

  /**
   * One record's history (its audit events, newest first) with each actor's name, for the pages
   * that show a record's story (a bed's status history). The feature owning the record decides
   * who may read it.
   */
  async history(entity: string, entityId: string, q: PageQuery): Promise<Page<AuditHistoryEntry>> {
    const { limit, offset } = pageOf(q);
    const { rows, total } = await this.events.entityHistory(entity, entityId, limit, offset);
    return {
      items: rows.map((r) => ({
        id: r.id,
        at: new Date(r.at).toISOString(),
        actorUserId: r.actor_user_id,
        actorName: r.actor_name,
        action: r.action,
        changes: (typeof r.changes === 'string' ? JSON.parse(r.changes) : r.changes) as Record<string, unknown>,
      })),
      total,
    };
  }

  record(em: EntityManager, entry: AuditEntry): AuditEvent {
    const changes = JSON.parse(changesJson(entry.changes)) as Record<string, unknown>;
    return this.events.insert(em, { ...this.row(entry, this.clock.now()), changes });
  }

  /**
   * Writes many events with one statement, in the caller's transaction: for bulk paths (the
   * escalation engine starting thousands of clocks) and hot ones (a step firing) where one ORM
   * entity per event costs too much. `change`: the audited change itself (a data-modifying
   * statement numbering its own values `$1`, `$2`, ...), run in the same statement.
   */
  async recordMany(
    em: EntityManager,
    entries: AuditEntry[],
    change?: { sql: string; params: unknown[] },
  ): Promise<void> {
    if (!entries.length && !change) return;
    const now = this.clock.now();
    await this.events.insertMany(
      em,
      entries.map((e) => ({ ...this.row(e, now), changesJson: changesJson(e.changes) })),
      change,
    );
  }

  /**
   * Makes a change and records its event in one statement (`AuditRepository.insertWithChange`):
   * the event is written only if the change returned a row, with that row's columns added to its
   * `changes`. Answers the row, or null when nothing changed. `change.sql` numbers its own values
   * `$1`, `$2`, ...
   */
  async recordWithChange(
    em: EntityManager,
    change: { sql: string; params: unknown[] },
    entry: AuditEntry,
  ): Promise<Record<string, unknown> | null> {
    return this.events.insertWithChange(em, change, {
      ...this.row(entry, this.clock.now()),
      changesJson: changesJson(entry.changes),
    });
  }

  /** A new event's id (time-ordered) and time (the entry's own, else now). */
  private row(e: AuditEntry, now: Date): AuditRow {
    return {
      id: monotonicUuidV7(),
      at: e.at ?? now,
      actorUserId: e.actorUserId,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId,
    };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A change's field that names a member of staff: `paUserId`, `recordedByUserId`, `managerId`, ... */
const USER_FIELD = /(UserId|^userId|^managerId)$/;

/**
 * The staff an event names: its actor, the user it is about (entity `User`), and any user in its
 * changes (a field named like `paUserId`, as a value or as `{from, to}`).
 */
export function usersNamed(e: Pick<AuditEvent, 'actorUserId' | 'entity' | 'entityId' | 'changes'>): string[] {
  const ids: unknown[] = [e.actorUserId];
  if (e.entity === 'User') ids.push(e.entityId);
  for (const [key, value] of Object.entries(e.changes ?? {})) {
    if (!USER_FIELD.test(key)) continue;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const v = value as { from?: unknown; to?: unknown };
      ids.push(v.from, v.to);
    } else ids.push(value);
  }
  return ids.filter((id): id is string => typeof id === 'string' && UUID.test(id));
}

function toAuditView(e: AuditEvent, names: Map<string, string>): AuditEventView {
  const userNames: Record<string, string> = {};
  for (const id of usersNamed(e)) {
    const name = names.get(id);
    if (name) userNames[id] = name;
  }
  return {
    id: e.id,
    at: e.at.toISOString(),
    actorUserId: e.actorUserId ?? null,
    actorName: (e.actorUserId && names.get(e.actorUserId)) || null,
    userNames,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    changes: e.changes,
  };
}
