import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ClosureDay } from './escalation.entities';
import { WorkingCalendar } from '../../kernel/working-days';

/** The working calendar: weekends and England and Wales bank holidays, plus council closure days from the database. */
@Injectable()
export class CalendarService {
  private cached: { at: number; calendar: WorkingCalendar } | null = null;
  private loading: Promise<WorkingCalendar> | null = null;
  private static readonly TTL_MS = 60_000;

  constructor(private readonly em: EntityManager) {}

  /**
   * The calendar, cached for a minute. Inside a transaction pass its entity manager: a reload then
   * runs on the transaction's own connection, never waiting for a second one from the pool (many
   * transactions doing that at once could exhaust the pool and wait on each other forever).
   */
  async calendar(em?: EntityManager): Promise<WorkingCalendar> {
    if (this.cached && Date.now() - this.cached.at < CalendarService.TTL_MS) return this.cached.calendar;
    if (em) return this.load(em);
    this.loading ??= this.load(this.em.fork()).finally(() => (this.loading = null));
    return this.loading;
  }

  private async load(em: EntityManager): Promise<WorkingCalendar> {
    const days = await em.find(ClosureDay, {}, { fields: ['date'] });
    const calendar = new WorkingCalendar(days.map((d) => d.date));
    this.cached = { at: Date.now(), calendar };
    return calendar;
  }

  invalidate(): void {
    this.cached = null;
  }
}
