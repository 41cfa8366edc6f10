import { Injectable } from '@nestjs/common';
import { EntityManager, IsolationLevel } from '@mikro-orm/postgresql';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import type { MatchBed, MatchLevel, MatchProvider } from '../../kernel/matching';
import { type AccommodationCode } from '../../kernel/accommodation';
import { type BedGender, type BedStatus } from '../../kernel/inventory';

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
}

export interface ProviderRow {
  id: string;
  area: string;
  ofsted_urn: string | null;
  ofsted_category: string | null;
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
}

/**
 * Every bed change bumps the bed's `version` (and providers' and levels' theirs), and rows are
 * never deleted, so the counts and version sums of the three tables change whenever anything
 * the matcher reads changes. One cheap query tells whether the cached inventory is current.
 */
const FINGERPRINT = `select (select count(*) || ':' || coalesce(sum(version), 0) from bed) || '/' ||
                           (select count(*) || ':' || coalesce(sum(version), 0) from provider) || '/' ||
                           (select count(*) || ':' || coalesce(sum(version), 0) from service_level) as fp`;

/**
 * The whole bed inventory as the matcher's plain objects (levels and providers shared, not
 * copied), sorted by bed id. Cached in memory and reloaded when the database fingerprint moves;
 * the fingerprint and the rows are read in one repeatable-read snapshot, so the cache is never
 * labelled newer than its contents.
 */
@Injectable()
export class MatchInventory {
  private cache: { fingerprint: string; beds: MatchBed[] } | null = null;
  private loading: Promise<{ fingerprint: string; beds: MatchBed[] }> | null = null;

  constructor(private readonly uow: UnitOfWork) {}

  /** One managed bed with its level and provider, read in the caller's unit of work (fresh, not cached). */
  async one(bedId: string): Promise<MatchBed | null> {
    const [bed] = await this.read(this.uow.em, bedId);
    return bed ?? null;
  }

  async beds(): Promise<MatchBed[]> {
    const [{ fp }] = await this.uow.em.execute<{ fp: string }[]>(FINGERPRINT);
    if (this.cache?.fingerprint === fp) return this.cache.beds;
    this.loading ??= this.load().finally(() => (this.loading = null));
    const loaded = await this.loading;
    this.cache = loaded;
    return loaded.beds;
  }

  private async load(): Promise<{ fingerprint: string; beds: MatchBed[] }> {
    return this.uow.em.fork().transactional(
      async (em) => {
        const [{ fp }] = await em.execute<{ fp: string }[]>(FINGERPRINT);
        return { fingerprint: fp, beds: await this.read(em) };
      },
      { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true },
    );
  }

  /** Every bed (or the one bed `bedId`), mapped once for the matcher: levels and providers shared, not copied. */
  private async read(em: EntityManager, bedId?: string): Promise<MatchBed[]> {
    const one = bedId ? ' where id = (select service_level_id from bed where id = ?)' : '';
    const oneProvider = bedId ? ' where id = (select provider_id from bed where id = ?)' : '';
    const params = bedId ? [bedId] : [];
    const [levels, providers, rows] = await Promise.all([
      em.execute<LevelRow[]>(
        `select id, rank, min_age, max_age, support_hours_min, support_hours_max, emergency, accommodation_code, suitable
           from service_level${one}`,
        params,
      ),
      em.execute<ProviderRow[]>(`select id, area, ofsted_urn, ofsted_category from provider${oneProvider}`, params),
      em.execute<BedRow[]>(
        `select id, label, status, min_age, max_age, gender, step_free, pets_allowed, accepts_fire_risk, accepts_sexual_harm_risk,
                uasc_specialist, under18only, over18only, to_char(available_from, 'YYYY-MM-DD') as available_from, provider_id, service_level_id
           from bed ${bedId ? 'where id = ?' : ''} order by id`,
        params,
      ),
    ]);
    return toMatchBeds(levels, providers, rows);
  }
}

/** The rows as the matcher's beds, in the rows' order: one object per level and per provider, shared by their beds. */
export function toMatchBeds(levels: LevelRow[], providers: ProviderRow[], rows: BedRow[]): MatchBed[] {
  const levelById = new Map<string, MatchLevel>();
  for (const l of levels) {
    levelById.set(l.id, {
      id: l.id,
      rank: l.rank,
      minAge: l.min_age,
      maxAge: l.max_age,
      supportHoursMin: l.support_hours_min,
      supportHoursMax: l.support_hours_max,
      emergency: l.emergency,
      accommodationCode: l.accommodation_code,
      suitable: l.suitable,
    });
  }
  const providerById = new Map<string, MatchProvider>();
  for (const p of providers)
    providerById.set(p.id, { id: p.id, area: p.area, ofstedUrn: p.ofsted_urn, ofstedCategory: p.ofsted_category });
  const out = new Array<MatchBed>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    out[i] = {
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
      level: levelById.get(r.service_level_id)!,
      provider: providerById.get(r.provider_id)!,
    };
  }
  return out;
}
