import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../platform/database/unit-of-work';

/** A provider whose vacancies were not confirmed lately, and when they last were (null: never). */
export interface StaleProviderRow {
  id: string;
  vacancies_confirmed_at: Date | null;
}

/** Someone living now in another bed of a candidate bed's house (same provider, same service level). */
export interface CoResidentRow {
  candidate_bed_id: string;
  date_of_birth: string;
  gender: string;
  risks: string[];
}

/**
 * The matches' reads beyond the matcher's inventory: which providers' vacancies are stale, and
 * who lives now alongside the beds offered. Runs in the caller's unit of work.
 */
@Injectable()
export class MatchQueries {
  constructor(private readonly uow: UnitOfWork) {}

  /** Providers whose vacancies were never confirmed, or last confirmed before `before`. */
  staleProviders(before: Date): Promise<StaleProviderRow[]> {
    return this.uow.em.execute<StaleProviderRow[]>(
      `select id, vacancies_confirmed_at from provider
        where vacancies_confirmed_at is null or vacancies_confirmed_at < ?`,
      [before],
    );
  }

  /** The names of these providers. */
  async providerNames(ids: readonly string[]): Promise<{ id: string; name: string }[]> {
    if (!ids.length) return [];
    return this.uow.em.execute<{ id: string; name: string }[]>(
      `select id, name from provider where id = any(?::uuid[])`,
      [`{${ids.join(',')}}`],
    );
  }

  /**
   * For each of `bedIds` (one page of candidates), the young people whose stay is open at `now` in
   * another bed of the same house: the same provider and the same service level. Only what the
   * summary needs (date of birth, gender, risks): no name, no id. One query for the whole page.
   */
  async coResidents(bedIds: readonly string[], now: Date): Promise<CoResidentRow[]> {
    if (!bedIds.length) return [];
    return this.uow.em.execute<CoResidentRow[]>(
      `select c.id as candidate_bed_id, to_char(y.date_of_birth, 'YYYY-MM-DD') as date_of_birth, y.gender, y.risks
         from bed c
         join bed o on o.provider_id = c.provider_id and o.service_level_id = c.service_level_id and o.id <> c.id
         join stay s on s.bed_id = o.id and s.ended_at is null and s.started_at <= ?
         join young_person y on y.id = s.young_person_id
        where c.id = any(?::uuid[])
        order by c.id, y.date_of_birth desc, y.gender`,
      [now, `{${bedIds.join(',')}}`],
    );
  }
}
