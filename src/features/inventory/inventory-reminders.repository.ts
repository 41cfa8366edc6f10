import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../platform/database/unit-of-work';

/** An out-of-service bed whose expected return has just been marked as reminded. */
export interface OverdueReturn {
  id: string;
  label: string;
  available_from: string;
  provider_name: string;
  area: string;
}

/** A provider whose stale vacancies have just been marked as reminded. */
export interface StaleReminder {
  id: string;
  name: string;
  area: string;
  vacancies_confirmed_at: Date | null;
}

export interface Recipient {
  id: string;
  email: string;
}

/** A return date has passed, the bed is still out of service, and nobody was reminded of this date. */
const RETURN_OVERDUE = `b.status = 'out_of_service' and b.available_from < ?::date
  and b.return_reminded_for is distinct from b.available_from`;

/**
 * Stale for a reminder: not confirmed within the period since it was last confirmed (or added),
 * and not reminded within the last week.
 */
const STALE_UNREMINDED = `coalesce(p.vacancies_confirmed_at, p.created_at) < ?
  and (p.stale_reminded_at is null or p.stale_reminded_at <= ?)`;

/**
 * The inventory reminders' queries. Each reminder is marked by one conditional UPDATE, so of racing
 * sweeps (two instances, a restart) exactly one marks it and sends it.
 */
@Injectable()
export class InventoryRemindersRepository {
  constructor(private readonly uow: UnitOfWork) {}

  private get em() {
    return this.uow.em;
  }

  async overdueReturnIds(today: string, limit: number): Promise<string[]> {
    const rows = await this.em.execute<{ id: string }[]>(
      `select b.id from bed b where ${RETURN_OVERDUE} order by b.available_from, b.id limit ?`,
      [today, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Marks the bed's overdue return as reminded, if it still is overdue and unreminded. */
  async markReturnReminded(id: string, today: string, now: Date): Promise<OverdueReturn | null> {
    const rows = await this.em.execute<OverdueReturn[]>(
      `update bed b set return_reminded_for = b.available_from, return_reminded_at = ?
         from provider p
        where b.id = ? and p.id = b.provider_id and ${RETURN_OVERDUE}
        returning b.id, b.label, to_char(b.available_from, 'YYYY-MM-DD') as available_from, p.name as provider_name, p.area`,
      [now, id, today],
    );
    return rows[0] ?? null;
  }

  async staleProviderIds(staleBefore: Date, remindedBefore: Date, limit: number): Promise<string[]> {
    const rows = await this.em.execute<{ id: string }[]>(
      `select p.id from provider p where ${STALE_UNREMINDED} order by p.name, p.id limit ?`,
      [staleBefore, remindedBefore, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Marks the provider as reminded now, if it is still stale and was not reminded within the week. */
  async markStaleReminded(
    id: string,
    staleBefore: Date,
    remindedBefore: Date,
    now: Date,
  ): Promise<StaleReminder | null> {
    const rows = await this.em.execute<StaleReminder[]>(
      `update provider p set stale_reminded_at = ? where p.id = ? and ${STALE_UNREMINDED}
        returning p.id, p.name, p.area, p.vacancies_confirmed_at`,
      [now, id, staleBefore, remindedBefore],
    );
    return rows[0] ?? null;
  }
}
