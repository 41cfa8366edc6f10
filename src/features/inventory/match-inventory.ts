import { Inject, Injectable, Logger } from '@nestjs/common';
import { IsolationLevel, type EntityManager } from '@mikro-orm/postgresql';
import { CLOCK, type Clock } from '../../platform/clock';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import type { MatchBed } from '../../kernel/matching';
import { MatchInventoryCache, toMatchBeds, type InventoryChanges } from './match-inventory-cache';
import { MatchInventoryQueries as Q, type ChangeRow } from './match-inventory.queries';

/** More changed rows than this at once (a bulk load): a full reload is cheaper than applying them. */
const RELOAD_ABOVE = 5_000;
/** How often the fingerprint is compared, by the injected clock: the safety net under the feed. */
const CHECK_EVERY_MS = 60_000;
/** Feed rows kept this long; a copy that last looked longer ago than this reloads in full. */
const KEEP_FEED_SECONDS = 24 * 60 * 60;

interface State {
  cache: MatchInventoryCache;
  /** Feed rows at or after this transaction id may not have been applied yet. */
  cursor: bigint;
  /** Feed rows at or after the cursor already applied (`xid:kind:id`): not read again. */
  seen: Set<string>;
  checkedAt: number;
}

/** How the copy was last brought up to date (for tests and the operator's log). */
export interface InventorySyncStats {
  fullLoads: number;
  incremental: number;
  fingerprintMismatches: number;
}

/**
 * The whole bed inventory as the matcher's plain objects, held in memory and kept current without
 * reloading it: every call first reads the change feed (`inventory_change`, written by triggers on
 * bed, provider and service_level; one indexed query), and applies the rows that changed since
 * (beds of a changed provider or level included). Any service instance sees every other's changes
 * on its next call, so instances stay coherent. Once a minute (injected clock) the counts and
 * version sums are compared with the database in the same snapshot as the catch-up; a mismatch (a
 * change that bypassed the triggers) is logged and the copy reloaded in full. A full reload also
 * happens on first use, after a bulk change, and when the feed was pruned past the cursor.
 *
 * The cursor (`pg_snapshot_xmin`) is the server's: a long transaction anywhere on it (a backup)
 * holds the cursor back, and every call then re-reads the feed rows since; the `seen` set keeps
 * them from being applied twice.
 */
@Injectable()
export class MatchInventory {
  private readonly logger = new Logger('MatchInventory');
  private state: State | null = null;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  readonly stats: InventorySyncStats = { fullLoads: 0, incremental: 0, fingerprintMismatches: 0 };

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** One managed bed with its level and provider, read in the caller's unit of work (fresh, not cached). */
  async one(bedId: string): Promise<MatchBed | null> {
    const rows = await Q.one(this.uow.em, bedId);
    return toMatchBeds(rows.levels, rows.providers, rows.beds)[0] ?? null;
  }

  /** Every bed, sorted by id, current as of this call (changes committed before it are in). */
  async beds(): Promise<MatchBed[]> {
    await this.sync();
    return this.state!.cache.beds;
  }

  /**
   * One catch-up at a time. A caller arriving while one runs waits for the next, which starts after
   * it: that one reads a snapshot taken after the caller arrived, so the caller's own committed
   * changes are in. Callers arriving together share the next run.
   */
  private sync(): Promise<void> {
    if (this.queued) return this.queued;
    if (this.running) {
      this.queued = this.running
        .catch(() => undefined)
        .then(() => {
          this.queued = null;
          return this.run();
        });
      return this.queued;
    }
    return this.run();
  }

  private run(): Promise<void> {
    this.running = this.catchUp().finally(() => (this.running = null));
    return this.running;
  }

  private async catchUp(): Promise<void> {
    const state = this.state;
    if (state === null) return this.fullLoad('first use');
    const now = this.clock.now().getTime();
    if (now - state.checkedAt >= CHECK_EVERY_MS) return this.checkedCatchUp(state, now);
    const reload = await this.follow(state, this.uow.em.fork());
    if (reload !== null) await this.fullLoad(reload);
  }

  /** Catch up and compare the fingerprint, in one repeatable-read snapshot; reload in full on a mismatch. */
  private async checkedCatchUp(state: State, now: number): Promise<void> {
    const reload = await this.uow.em.fork().transactional(
      async (em) => {
        const behind = await this.follow(state, em);
        if (behind !== null) return behind;
        const fp = await Q.fingerprint(em);
        if (fp === state.cache.fingerprint()) return null;
        this.stats.fingerprintMismatches++;
        const mismatch = `fingerprint ${state.cache.fingerprint()} in memory, ${fp} in the database`;
        this.logger.warn(`inventory copy out of step with the database (${mismatch}): a change bypassed the feed`);
        return mismatch;
      },
      { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true },
    );
    state.checkedAt = now;
    await Q.prune(this.uow.em.fork(), KEEP_FEED_SECONDS).catch((e: unknown) =>
      this.logger.warn(`could not prune the inventory change feed: ${String(e)}`),
    );
    if (reload !== null) await this.fullLoad(reload);
  }

  /**
   * Reads the feed from the cursor and applies what has not been applied yet; answers why the copy
   * must be reloaded in full instead (pruned past the cursor, a bulk change, a bed whose level or
   * provider it has not read), or null.
   */
  private async follow(state: State, em: EntityManager): Promise<string | null> {
    const feed = await Q.feed(em, state.cursor.toString());
    if (BigInt(feed.pruned) >= state.cursor) return 'feed pruned past the cursor';
    const fresh = feed.changes.filter((c) => !state.seen.has(key(c)));
    if (fresh.length > 0) {
      const ids = (kind: ChangeRow['kind']) => [...new Set(fresh.filter((c) => c.kind === kind).map((c) => c.id))];
      const changes: InventoryChanges = { beds: ids('bed'), providers: ids('provider'), levels: ids('service_level') };
      if (changes.beds.length + changes.providers.length + changes.levels.length > RELOAD_ABOVE) return 'bulk change';
      if (!state.cache.apply(changes, await Q.changed(em, changes)))
        return 'a changed bed refers to a level or provider not yet read';
      this.stats.incremental++;
    }
    this.advance(state, feed.xmin, feed.changes);
    return null;
  }

  /** Moves the cursor to `xmin`, remembering the rows at or after it that have been applied. */
  private advance(state: State, xmin: string, changes: ChangeRow[]): void {
    const cursor = BigInt(xmin);
    state.seen = new Set(changes.filter((c) => BigInt(c.xid) >= cursor).map(key));
    state.cursor = cursor;
  }

  /** Reads every row and the feed's position in one repeatable-read snapshot. */
  private async fullLoad(reason: string): Promise<void> {
    const { rows, xmin, changes } = await this.uow.em.fork().transactional(
      async (em) => {
        const feed = await Q.feed(em, await Q.position(em));
        return { rows: await Q.all(em), xmin: feed.xmin, changes: feed.changes };
      },
      { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true },
    );
    const cursor = BigInt(xmin);
    this.state = {
      cache: MatchInventoryCache.build(rows.levels, rows.providers, rows.beds),
      cursor,
      seen: new Set(changes.filter((c) => BigInt(c.xid) >= cursor).map(key)),
      checkedAt: this.clock.now().getTime(),
    };
    this.stats.fullLoads++;
    this.logger.log(`inventory loaded in full (${reason}): ${rows.beds.length} beds`);
  }
}

const key = (c: ChangeRow) => `${c.xid}:${c.kind}:${c.id}`;
