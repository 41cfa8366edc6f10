import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { WorkingCalendar } from '../../kernel/working-days';
import { ClosureDaysRepository } from './closure-days.repository';

/** The working calendar: weekends and England and Wales bank holidays, plus council closure days from the database. */
@Injectable()
export class CalendarService {
  private cached: { at: number; calendar: WorkingCalendar } | null = null;
  private loading: Promise<WorkingCalendar> | null = null;
  private static readonly TTL_MS = 60_000;

  constructor(
    private readonly closureDays: ClosureDaysRepository,
    private readonly uow: UnitOfWork,
  ) {}

  /**
   * The calendar, cached for a minute. Inside a transaction a reload runs on the transaction's own
   * connection, never waiting for a second one from the pool (many transactions doing that at once
   * could exhaust the pool and wait on each other forever); outside one, concurrent callers share
   * one reload.
   */
  async calendar(): Promise<WorkingCalendar> {
    if (this.cached && Date.now() - this.cached.at < CalendarService.TTL_MS) return this.cached.calendar;
    if (this.uow.em.isInTransaction()) return this.load();
    this.loading ??= this.load().finally(() => (this.loading = null));
    return this.loading;
  }

  private async load(): Promise<WorkingCalendar> {
    const calendar = new WorkingCalendar(await this.closureDays.allDates());
    this.cached = { at: Date.now(), calendar };
    return calendar;
  }

  invalidate(): void {
    this.cached = null;
  }
}
