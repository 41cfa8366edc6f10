import { type EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../../platform/database/sql';
import { type AccommodationCode } from '../../kernel/accommodation';
import { type BedGender, type BedStatus } from '../../kernel/inventory';
import type { ChangedRows, InventoryChanges } from './match-inventory-cache';

export interface LevelRow {
  id: string;
  rank: number;
  min_age: number;
  max_age: number;
  support_hours_min: number;
  support_hours_max: number;
  emergency: boolean;
  accommodation_code: AccommodationCode;
  suitable: boolean;
  version: number;
}

export interface ProviderRow {
  id: string;
  area: string;
  ofsted_urn: string | null;
  ofsted_category: string | null;
  version: number;
}

export interface BedRow {
  id: string;
  label: string;
  status: BedStatus;
  min_age: number;
  max_age: number;
  gender: BedGender;
  step_free: boolean;
  pets_allowed: boolean;
  accepts_fire_risk: boolean;
  accepts_sexual_harm_risk: boolean;
  uasc_specialist: boolean;
  under18only: boolean;
  over18only: boolean;
  available_from: string | null;
  provider_id: string;
  service_level_id: string;
  version: number;
}

const LEVEL_COLUMNS = `id, rank, min_age, max_age, support_hours_min, support_hours_max, emergency, accommodation_code, suitable, version`;
const PROVIDER_COLUMNS = `id, area, ofsted_urn, ofsted_category, version`;
const BED_COLUMNS = `id, label, status, min_age, max_age, gender, step_free, pets_allowed, accepts_fire_risk, accepts_sexual_harm_risk,
  uasc_specialist, under18only, over18only, to_char(available_from, 'YYYY-MM-DD') as available_from, provider_id, service_level_id, version`;

/**
 * Every bed change bumps the bed's `version` (and providers' and levels' theirs), so the counts
 * and version sums of the three tables change whenever anything the matcher reads changes: the
 * safety net under the change feed (MatchInventoryCache.fingerprint gives the same from memory).
 */
const FINGERPRINT = `select (select count(*) || ':' || coalesce(sum(version), 0) from bed) || '/' ||
                           (select count(*) || ':' || coalesce(sum(version), 0) from provider) || '/' ||
                           (select count(*) || ':' || coalesce(sum(version), 0) from service_level) as fp`;

/** One change-feed row: the writing transaction, what changed. */
export interface ChangeRow {
  xid: string;
  kind: 'bed' | 'provider' | 'service_level';
  id: string;
}

/** What the feed holds at or after a cursor, with the new cursor and how far it has been pruned. */
export interface FeedRead {
  /** The oldest transaction still running when this was read: the next cursor. */
  xmin: string;
  /** Rows before this transaction id have been pruned. */
  pruned: string;
  changes: ChangeRow[];
}

/** The matcher inventory's SQL: full reads, the change feed, the rows of what changed. */
export const MatchInventoryQueries = {
  async all(em: EntityManager): Promise<ChangedRows> {
    const [levels, providers, beds] = await Promise.all([
      em.execute<LevelRow[]>(`select ${LEVEL_COLUMNS} from service_level`),
      em.execute<ProviderRow[]>(`select ${PROVIDER_COLUMNS} from provider`),
      em.execute<BedRow[]>(`select ${BED_COLUMNS} from bed order by id`),
    ]);
    return { levels, providers, beds };
  },

  /** One bed with its level and provider (or nothing). */
  async one(em: EntityManager, bedId: string): Promise<ChangedRows> {
    const [levels, providers, beds] = await Promise.all([
      em.execute<LevelRow[]>(
        `select ${LEVEL_COLUMNS} from service_level where id = (select service_level_id from bed where id = ?)`,
        [bedId],
      ),
      em.execute<ProviderRow[]>(
        `select ${PROVIDER_COLUMNS} from provider where id = (select provider_id from bed where id = ?)`,
        [bedId],
      ),
      em.execute<BedRow[]>(`select ${BED_COLUMNS} from bed where id = ?`, [bedId]),
    ]);
    return { levels, providers, beds };
  },

  /** The current rows of the changed levels, providers and beds, and every bed of a changed level or provider. */
  async changed(em: EntityManager, c: InventoryChanges): Promise<ChangedRows> {
    const [levels, providers, beds] = await Promise.all([
      c.levels.length
        ? em.execute<LevelRow[]>(`select ${LEVEL_COLUMNS} from service_level where id = any(?::uuid[])`, [
            pgArray(c.levels),
          ])
        : Promise.resolve([]),
      c.providers.length
        ? em.execute<ProviderRow[]>(`select ${PROVIDER_COLUMNS} from provider where id = any(?::uuid[])`, [
            pgArray(c.providers),
          ])
        : Promise.resolve([]),
      em.execute<BedRow[]>(
        `select ${BED_COLUMNS} from bed
          where id = any(?::uuid[]) or provider_id = any(?::uuid[]) or service_level_id = any(?::uuid[])`,
        [pgArray(c.beds), pgArray(c.providers), pgArray(c.levels)],
      ),
    ]);
    return { levels, providers, beds };
  },

  /**
   * The feed at or after `cursor`, in one statement (one snapshot): every transaction older than
   * the returned `xmin` had finished when it was read, so its rows are here or were read before.
   */
  async feed(em: EntityManager, cursor: string): Promise<FeedRead> {
    const [row] = await em.execute<{ xmin: string; pruned: string; changes: ChangeRow[] | null }[]>(
      `select pg_snapshot_xmin(pg_current_snapshot())::text as xmin,
              (select upto::text from inventory_change_pruned) as pruned,
              (select json_agg(json_build_object('xid', xid::text, 'kind', kind, 'id', id))
                 from inventory_change where xid >= ?::xid8) as changes`,
      [cursor],
    );
    return { xmin: row.xmin, pruned: row.pruned, changes: row.changes ?? [] };
  },

  /** The oldest transaction still running now (the first statement of a repeatable-read transaction fixes its snapshot). */
  async position(em: EntityManager): Promise<string> {
    const [row] = await em.execute<{ xmin: string }[]>(`select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`);
    return row.xmin;
  },

  async fingerprint(em: EntityManager): Promise<string> {
    const [{ fp }] = await em.execute<{ fp: string }[]>(FINGERPRINT);
    return fp;
  },

  /** Deletes feed rows older than `olderThanSeconds` and records the newest transaction pruned. */
  async prune(em: EntityManager, olderThanSeconds: number): Promise<number> {
    const [row] = await em.execute<{ n: string }[]>(
      `with gone as (delete from inventory_change where at < now() - make_interval(secs => ?) returning xid),
            marked as (update inventory_change_pruned set upto = greatest(upto, (select max(xid) from gone))
                        where exists (select 1 from gone) returning 1)
       select (select count(*) from gone)::text as n, (select count(*) from marked) as marked`,
      [olderThanSeconds],
    );
    return Number(row.n);
  },
};
