import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { ClosureDay } from './escalation.entities';

/** Every query on `closure_day`. Runs in the caller's unit of work. */
@Injectable()
export class ClosureDaysRepository {
  constructor(private readonly uow: UnitOfWork) {}

  private get em() {
    return this.uow.em;
  }

  /** Every closure day's date (`YYYY-MM-DD`), for the working calendar (read past the identity map: partial rows). */
  async allDates(): Promise<string[]> {
    const days = await this.em.find(ClosureDay, {}, { fields: ['date'], disableIdentityMap: true });
    return days.map((d) => d.date);
  }

  page(limit: number, offset: number): Promise<[ClosureDay[], number]> {
    return this.em.findAndCount(ClosureDay, {}, { orderBy: { date: 'asc' }, limit, offset });
  }

  async exists(date: string): Promise<boolean> {
    return (await this.em.count(ClosureDay, { date })) > 0;
  }

  find(date: string): Promise<ClosureDay | null> {
    return this.em.findOne(ClosureDay, { date });
  }

  /** Adds a closure day and writes it at once. */
  async add(data: { date: string; reason: string; createdByUserId: string }): Promise<ClosureDay> {
    const em = this.em;
    const day = em.create(ClosureDay, data);
    em.persist(day);
    await em.flush();
    return day;
  }

  /** Removes a closure day and writes it at once. */
  async remove(day: ClosureDay): Promise<void> {
    const em = this.em;
    em.remove(day);
    await em.flush();
  }
}
