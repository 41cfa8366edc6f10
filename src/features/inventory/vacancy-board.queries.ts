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

interface Row {
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
  level_name: string;
  level_rank: number;
  level_min_age: number;
  level_max_age: number;
  level_emergency: boolean;
  accommodation_code: AccommodationCode;
  provider_id: string;
  provider_name: string;
  area: string;
  ofsted_urn: string | null;
  vacancies_confirmed_at: Date | null;
  stale: boolean;
}

/** A row as the kernel's board bed. */
const toBoardBed = (r: Row): BoardBed => ({
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
    id: r.level_id,
    name: r.level_name,
    rank: r.level_rank,
    minAge: r.level_min_age,
    maxAge: r.level_max_age,
    emergency: r.level_emergency,
    accommodationCode: r.accommodation_code,
  },
  provider: {
    id: r.provider_id,
    name: r.provider_name,
    area: r.area,
    ofstedUrn: r.ofsted_urn,
    stale: r.stale,
    vacanciesConfirmedAt: r.vacancies_confirmed_at ? new Date(r.vacancies_confirmed_at).toISOString() : null,
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
    const params: unknown[] = [f.staleBefore];
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
    const rows = await this.uow.em.execute<Row[]>(
      `select b.id, b.status, b.min_age, b.max_age, b.under18only, b.over18only, b.uasc_specialist,
              to_char(b.available_from, 'YYYY-MM-DD') as available_from,
              (select max(h.expires_at) from hold h where h.bed_id = b.id and h.status = 'held') as hold_expires_at,
              (select to_char(min(h.move_in_at) at time zone 'Europe/London', 'YYYY-MM-DD') from hold h
                where h.bed_id = b.id and h.move_in_at is not null and h.status = 'confirmed' and h.stay_id is null)
              as planned_move_in,
              s.id as level_id, s.name as level_name, s.rank as level_rank, s.min_age as level_min_age,
              s.max_age as level_max_age, s.emergency as level_emergency, s.accommodation_code,
              p.id as provider_id, p.name as provider_name, p.area, p.ofsted_urn, p.vacancies_confirmed_at,
              (p.vacancies_confirmed_at is null or p.vacancies_confirmed_at < ?) as stale
         from bed b join provider p on p.id = b.provider_id join service_level s on s.id = b.service_level_id
        ${where.length ? `where ${where.join(' and ')}` : ''}
        order by s.rank, p.area, b.id`,
      params,
    );
    return rows.map(toBoardBed);
  }
}
