import type { MatchBed, MatchLevel, MatchProvider } from '../../kernel/matching';
import type { BedRow, LevelRow, ProviderRow } from './match-inventory.queries';

/** What changed since the cache last looked: ids by kind (read from `inventory_change`). */
export interface InventoryChanges {
  beds: string[];
  providers: string[];
  levels: string[];
}

/** The current rows of what changed: every changed level and provider and every bed of them, and the changed beds. */
export interface ChangedRows {
  levels: LevelRow[];
  providers: ProviderRow[];
  beds: BedRow[];
}

/**
 * The matcher's copy of the bed inventory, kept in memory and changed in place of a reload: beds
 * sorted by id (the matcher's tie-break), one shared object per level and provider, and the
 * versions the fingerprint is made from. Every change makes new arrays and objects (copy on write),
 * so a caller still matching against an earlier `beds` sees that snapshot whole.
 */
export class MatchInventoryCache {
  private constructor(
    private bedList: MatchBed[],
    private readonly position: Map<string, number>,
    private readonly levels: Map<string, { level: MatchLevel; version: number }>,
    private readonly providers: Map<string, { provider: MatchProvider; version: number }>,
    private readonly bedVersions: Map<string, number>,
  ) {}

  /** A cache of every row, from a full read. */
  static build(levels: LevelRow[], providers: ProviderRow[], beds: BedRow[]): MatchInventoryCache {
    const cache = new MatchInventoryCache([], new Map(), new Map(), new Map(), new Map());
    for (const l of levels) cache.levels.set(l.id, { level: toLevel(l), version: l.version });
    for (const p of providers) cache.providers.set(p.id, { provider: toProvider(p), version: p.version });
    const sorted = [...beds].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const list = new Array<MatchBed>(sorted.length);
    for (let i = 0; i < sorted.length; i++) {
      const bed = cache.toBed(sorted[i]);
      if (bed === null) throw new Error(`bed ${sorted[i].id} refers to a level or provider that was not read`);
      list[i] = bed;
      cache.position.set(bed.id, i);
      cache.bedVersions.set(bed.id, sorted[i].version);
    }
    cache.bedList = list;
    return cache;
  }

  get beds(): MatchBed[] {
    return this.bedList;
  }

  /**
   * `count:sum(version)` of beds, providers and service levels, in the form the database's
   * fingerprint query gives: equal when the copy holds every row at its current version.
   */
  fingerprint(): string {
    const sum = (versions: Iterable<number>) => {
      let s = 0;
      for (const v of versions) s += v;
      return s;
    };
    const providerVersions = [...this.providers.values()].map((p) => p.version);
    const levelVersions = [...this.levels.values()].map((l) => l.version);
    return `${this.bedVersions.size}:${sum(this.bedVersions.values())}/${this.providers.size}:${sum(providerVersions)}/${this.levels.size}:${sum(levelVersions)}`;
  }

  /**
   * Applies what changed: `rows` are the current rows of `changed` (a changed id with no row was
   * deleted) and every bed of a changed level or provider. Returns false, changing nothing, when a
   * bed refers to a level or provider the cache does not hold (a change it has not been told of
   * yet): the caller reloads in full.
   */
  apply(changed: InventoryChanges, rows: ChangedRows): boolean {
    const levels = new Map(this.levels);
    const providers = new Map(this.providers);
    for (const id of changed.levels) levels.delete(id);
    for (const id of changed.providers) providers.delete(id);
    for (const l of rows.levels) levels.set(l.id, { level: toLevel(l), version: l.version });
    for (const p of rows.providers) providers.set(p.id, { provider: toProvider(p), version: p.version });
    const next = new Map<string, { bed: MatchBed; version: number }>();
    for (const r of rows.beds) {
      const level = levels.get(r.service_level_id);
      const provider = providers.get(r.provider_id);
      if (level === undefined || provider === undefined) return false;
      next.set(r.id, { bed: toBed(r, level.level, provider.provider), version: r.version });
    }
    const gone = changed.beds.filter((id) => !next.has(id) && this.position.has(id));
    const added = [...next.keys()].filter((id) => !this.position.has(id));
    const list = this.bedList.slice();
    for (const [id, { bed, version }] of next) {
      const at = this.position.get(id);
      if (at !== undefined) list[at] = bed;
      this.bedVersions.set(id, version);
    }
    this.levels.clear();
    for (const [k, v] of levels) this.levels.set(k, v);
    this.providers.clear();
    for (const [k, v] of providers) this.providers.set(k, v);
    if (gone.length === 0 && added.length === 0) {
      this.bedList = list;
      return true;
    }
    // Rows were added or removed: re-sort and re-index (rare: a bed is added or, exceptionally, deleted).
    const goneSet = new Set(gone);
    for (const id of gone) this.bedVersions.delete(id);
    const kept = list.filter((b) => !goneSet.has(b.id));
    for (const id of added) kept.push(next.get(id)!.bed);
    kept.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    this.position.clear();
    for (let i = 0; i < kept.length; i++) this.position.set(kept[i].id, i);
    this.bedList = kept;
    return true;
  }

  private toBed(r: BedRow): MatchBed | null {
    const level = this.levels.get(r.service_level_id);
    const provider = this.providers.get(r.provider_id);
    return level && provider ? toBed(r, level.level, provider.provider) : null;
  }
}

function toLevel(l: LevelRow): MatchLevel {
  return {
    id: l.id,
    rank: l.rank,
    minAge: l.min_age,
    maxAge: l.max_age,
    supportHoursMin: l.support_hours_min,
    supportHoursMax: l.support_hours_max,
    emergency: l.emergency,
    accommodationCode: l.accommodation_code,
    suitable: l.suitable,
  };
}

function toProvider(p: ProviderRow): MatchProvider {
  return { id: p.id, area: p.area, ofstedUrn: p.ofsted_urn, ofstedCategory: p.ofsted_category };
}

function toBed(r: BedRow, level: MatchLevel, provider: MatchProvider): MatchBed {
  return {
    id: r.id,
    label: r.label,
    status: r.status,
    minAge: r.min_age,
    maxAge: r.max_age,
    gender: r.gender,
    stepFree: r.step_free,
    petsAllowed: r.pets_allowed,
    acceptsFireRisk: r.accepts_fire_risk,
    acceptsSexualHarmRisk: r.accepts_sexual_harm_risk,
    uascSpecialist: r.uasc_specialist,
    under18Only: r.under18only,
    over18Only: r.over18only,
    availableFrom: r.available_from,
    level,
    provider,
  };
}

/** The rows as the matcher's beds, in the rows' order (one object per level and provider, shared by their beds). */
export function toMatchBeds(levels: LevelRow[], providers: ProviderRow[], rows: BedRow[]): MatchBed[] {
  const levelById = new Map(levels.map((l) => [l.id, toLevel(l)]));
  const providerById = new Map(providers.map((p) => [p.id, toProvider(p)]));
  return rows.map((r) => toBed(r, levelById.get(r.service_level_id)!, providerById.get(r.provider_id)!));
}
