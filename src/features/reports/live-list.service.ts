import { Inject, Injectable } from '@nestjs/common';
import { londonDate } from '../../kernel/dates';
import { caseloadOf, type AuthUser } from '../../kernel/roles';
import { CLOCK, Clock } from '../../platform/clock';
import { CalendarService } from '../escalations/calendar.service';
import { liveListItem } from './live-list';
import { UnsuitableReport } from './live-list.dto';
import { LiveListQueries } from './live-list.queries';

/** The live list of everyone now in unsuitable or emergency accommodation. */
@Injectable()
export class LiveListService {
  constructor(
    private readonly queries: LiveListQueries,
    private readonly calendars: CalendarService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Everyone now in unsuitable or emergency accommodation, longest first (a PA: their caseload). */
  async unsuitable(user: AuthUser): Promise<UnsuitableReport> {
    const now = this.clock.now();
    const cal = await this.calendars.calendar();
    const rows = await this.queries.openStays(caseloadOf(user));
    const today = londonDate(now);
    const items = rows.map((r) => liveListItem(r, now, today, cal));
    return { items, total: items.length, asOf: now.toISOString() };
  }
}
