import { Injectable } from '@nestjs/common';
import { likeEscape } from '../../platform/http/params';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import type { AccommodationCode } from '../../kernel/accommodation';
import type { BedStatus } from '../../kernel/inventory';
import type { BoardBed } from '../../kernel/vacancy-board';

export interface BoardBedFilter {
  /** Providers' area, case-insensitive, whole name. */
  area?: string;
  serviceLevelId?: string;
  providerId?: string;
  /** A provider whose vacancies were never confirmed, or confirmed before this, is stale. */
  staleBefore: Date;
}

/** A bed's own columns (its level and provider are read once each, not on every bed's row). */
interface BedRow {
  id: string;
  status: BedStatus;
  min_age: number;
  max_age: number;
  under18only: boolean;
  over18only: boolean;
  uasc_specialist: boolean;
  available_from: string | null;
  hold_expires_at: Date | null;
  planned_move_in: string | null;
  level_id: string;
  provider_id: string;
}

interface LevelRow {
  id: string;
  name: string;
  rank: number;
  min_age: number;
  max_age: number;
  emergency: boolean;
  accommodation_code: AccommodationCode;
}

interface ProviderRow {
  id: string;
  name: string;
  area: string;
  ofsted_urn: string | null;
  vacancies_confirmed_at: Date | null;
  stale: boolean;
}

/** A row, its level and its provider as the kernel's board bed. */
const toBoardBed = (r: BedRow, l: LevelRow, p: ProviderRow): BoardBed => ({
  id: r.id,
  status: r.status,
  minAge: r.min_age,
  maxAge: r.max_age,
  under18Only: r.under18only,
  over18Only: r.over18only,
  uascSpecialist: r.uasc_specialist,
  availableFrom: r.available_from,
  holdExpiresAt: r.hold_expires_at ? new Date(r.hold_expires_at) : null,
  plannedMoveIn: r.planned_move_in,
  level: {
    id: l.id,
    name: l.name,
    rank: l.rank,
    minAge: l.min_age,
    maxAge: l.max_age,
    emergency: l.emergency,
    accommodationCode: l.accommodation_code,
  },
  provider: {
    id: p.id,
    name: p.name,
    area: p.area,
    ofstedUrn: p.ofsted_urn,
    stale: p.stale,
    vacanciesConfirmedAt: p.vacancies_confirmed_at ? new Date(p.vacancies_confirmed_at).toISOString() : null,
  },
});

/**
 * The vacancy board's read: every bed in the filter with its level, its provider (stale or not)
 * and, for a held bed, when its live hold ends and the day of a confirmed move into it (a hold not yet
 * confirmed plans nothing: it lapses at its expiry). The counting is the kernel's (`vacancyBoard`).
 */
@Injectable()
export class VacancyBoardQueries {
  constructor(private readonly uow: UnitOfWork) {}

  async beds(f: BoardBedFilter): Promise<BoardBed[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.area) {
      where.push(`p.area ilike ?`);
      params.push(likeEscape(f.area));
    }
    if (f.serviceLevelId) {
      where.push(`b.service_level_id = ?`);
      params.push(f.serviceLevelId);
    }
    if (f.providerId) {
      where.push(`b.provider_id = ?`);
      params.push(f.providerId);
    }
    // The live holds and pending moves, aggregated once per bed (not a subquery on every bed).
    const [rows, levels, providers] = await Promise.all([
      this.uow.em.execute<BedRow[]>(
        `select b.id, b.status, b.min_age, b.max_age, b.under18only, b.over18only, b.uasc_specialist,
                to_char(b.available_from, 'YYYY-MM-DD') as available_from,
                h.hold_expires_at, h.planned_move_in, b.service_level_id as level_id, b.provider_id
           from bed b
           join provider p on p.id = b.provider_id
           join service_level s on s.id = b.service_level_id
           left join (
             select bed_id,
                    max(expires_at) filter (where status = 'held') as hold_expires_at,
                    to_char(min(move_in_at) filter (where status = 'confirmed' and stay_id is null)
                              at time zone 'Europe/London', 'YYYY-MM-DD') as planned_move_in
               from hold where status = 'held' or (status = 'confirmed' and stay_id is null)
              group by bed_id
           ) h on h.bed_id = b.id
          ${where.length ? `where ${where.join(' and ')}` : ''}
          order by s.rank, p.area, b.id`,
        params,
      ),
      this.uow.em.execute<LevelRow[]>(
        `select id, name, rank, min_age, max_age, emergency, accommodation_code from service_level`,
      ),
      this.uow.em.execute<ProviderRow[]>(
        `select id, name, area, ofsted_urn, vacancies_confirmed_at,
                (vacancies_confirmed_at is null or vacancies_confirmed_at < ?) as stale
           from provider`,
        [f.staleBefore],
      ),
    ]);
    const levelById = new Map(levels.map((l) => [l.id, l]));
    const providerById = new Map(providers.map((p) => [p.id, p]));
    return rows.map((r) => toBoardBed(r, levelById.get(r.level_id)!, providerById.get(r.provider_id)!));
  }
}
