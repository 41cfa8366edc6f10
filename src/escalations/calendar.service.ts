import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ClosureDay } from './escalation.entities';
import { WorkingCalendar } from './working-days';

/** The working calendar: weekends and England and Wales bank holidays, plus council closure days from the database. */
@Injectable()
export class CalendarService {
  private cached: { at: number; calendar: WorkingCalendar } | null = null;
  private static readonly TTL_MS = 60_000;

  constructor(private readonly em: EntityManager) {}

  async calendar(): Promise<WorkingCalendar> {
    if (this.cached && Date.now() - this.cached.at < CalendarService.TTL_MS) return this.cached.calendar;
    const days = await this.em.fork().find(ClosureDay, {}, { fields: ['date'] });
    const calendar = new WorkingCalendar(days.map((d) => d.date));
    this.cached = { at: Date.now(), calendar };
    return calendar;
  }

  invalidate(): void {
    this.cached = null;
  }
}
