import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { executePrepared, pgArray } from '../../platform/database/sql';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { AuditEvent } from './audit-event.entity';

/** An audit event ready to store: its id and time are already decided. */
export interface AuditRow {
  id: string;
  at: Date;
  actorUserId: string | null;
  action: string;
  entity: string;
  entityId: string;
}

/** An event of one record's history, with who acted by name. */
export interface AuditHistoryRow {
  id: string;
  at: Date | string;
  actor_user_id: string | null;
  actor_name: string | null;
  action: string;
  changes: Record<string, unknown> | string;
}

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  actorUserId?: string;
}

/**
 * Every query on `audit_event`. Writes go through the entity manager of the transaction that
 * makes the audited change (the caller passes it, as `AuditService.record` is given it), so the
 * change and its audit commit or roll back together; reads use the current unit of work.
 */
@Injectable()
export class AuditRepository {
  constructor(private readonly uow: UnitOfWork) {}

  /** Adds one event to `em`: inserted at its next flush, in its transaction. */
  insert(em: EntityManager, row: AuditRow & { changes: Record<string, unknown> }): AuditEvent {
    const event = em.create(AuditEvent, row);
    em.persist(event);
    return event;
  }

  /**
   * Inserts many events with one statement (`unnest` of one array per column), in `em`'s
   * transaction. `change`: a data-modifying statement (its values `$1`, `$2`, ...) run in the same
   * statement, so a change and its events take one round trip; it runs even with no events.
   * Prepared: the text depends only on the change's, never on the number of events.
   */
  async insertMany(
    em: EntityManager,
    rows: (AuditRow & { changesJson: string })[],
    change?: { sql: string; params: unknown[] },
  ): Promise<void> {
    if (!rows.length && !change) return;
    const column = <T extends string | null>(pick: (r: AuditRow & { changesJson: string }) => T) =>
      pgArray(rows.map(pick));
    const n = change?.params.length ?? 0;
    const $ = (i: number) => `$${n + i}`;
    await executePrepared(
      em,
      `${change ? `with changed as (${change.sql}) ` : ''}insert into audit_event (id, at, actor_user_id, action, entity, entity_id, changes)
       select * from unnest(${$(1)}::uuid[], ${$(2)}::timestamptz[], ${$(3)}::uuid[], ${$(4)}::text[], ${$(5)}::text[], ${$(6)}::uuid[], ${$(7)}::jsonb[])`,
      [
        ...(change?.params ?? []),
        column((r) => r.id),
        column((r) => r.at.toISOString()),
        column((r) => r.actorUserId),
        column((r) => r.action),
        column((r) => r.entity),
        column((r) => r.entityId),
        column((r) => r.changesJson),
      ],
    );
  }

  /**
   * Runs `change` (a data-modifying statement that returns at most one row) and, in the same
   * statement, inserts the event for the row it returns, its `changes` being `changesJson` with
   * that row's columns added; nothing changed, no event. Answers the row's columns, or null. One
   * round trip for a change and its audit, atomic as a single statement is (used where a worker
   * records thousands of deliveries a minute). `$n` placeholders, the change's first (`$1` up to
   * its own count); run as a prepared statement outside a transaction, so `change.sql` must be a
   * fixed text per shape, its values in `change.params`.
   */
  async insertWithChange(
    em: EntityManager,
    change: { sql: string; params: unknown[] },
    row: AuditRow & { changesJson: string },
  ): Promise<Record<string, unknown> | null> {
    const n = change.params.length;
    const [inserted] = await executePrepared<{ returned: Record<string, unknown> | string }>(
      em,
      `with changed as (${change.sql})
       insert into audit_event (id, at, actor_user_id, action, entity, entity_id, changes)
       select $${n + 1}::uuid, $${n + 2}::timestamptz, $${n + 3}::uuid, $${n + 4}, $${n + 5}, $${n + 6}::uuid,
              $${n + 7}::jsonb || to_jsonb(changed) from changed
       returning changes as returned`,
      [...change.params, row.id, row.at, row.actorUserId, row.action, row.entity, row.entityId, row.changesJson],
    );
    if (!inserted) return null;
    return typeof inserted.returned === 'string'
      ? (JSON.parse(inserted.returned) as Record<string, unknown>)
      : inserted.returned;
  }

  /**
   * One record's events, newest first, each with its actor's name (null for the service itself or
   * an account since removed).
   */
  async entityHistory(
    entity: string,
    entityId: string,
    limit: number,
    offset: number,
  ): Promise<{ rows: AuditHistoryRow[]; total: number }> {
    const em = this.uow.em;
    const rows = await em.execute<AuditHistoryRow[]>(
      `select e.id, e.at, e.actor_user_id, u.name as actor_name, e.action, e.changes
           from audit_event e left join app_user u on u.id = e.actor_user_id
          where e.entity = ? and e.entity_id = ?
          order by e.at desc, e.id desc
          limit ? offset ?`,
      [entity, entityId, limit, offset],
    );
    const count = await em.execute<{ n: string }[]>(
      `select count(*) as n from audit_event where entity = ? and entity_id = ?`,
      [entity, entityId],
    );
    return { rows, total: Number(count[0].n) };
  }

  /** Newest first (ids are time-ordered, so they break ties in the order events were written). */
  page(filter: AuditFilter, limit: number, offset: number): Promise<[AuditEvent[], number]> {
    const where = { entity: filter.entity, entityId: filter.entityId, actorUserId: filter.actorUserId };
    return this.uow.em.findAndCount(AuditEvent, where, { orderBy: { at: 'desc', id: 'desc' }, limit, offset });
  }

  /**
   * The names of the staff with these ids (the users feature's table, read here because the users
   * feature itself writes audit events: importing it would be a cycle). Unknown ids are left out.
   */
  async userNames(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await this.uow.em.execute<{ id: string; name: string }[]>(
      `select id, name from app_user where id = any(?::uuid[])`,
      [pgArray(ids)],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
