import { Inject, Injectable } from '@nestjs/common';
import { londonDate } from '../../kernel/dates';
import { invalidField } from '../../kernel/errors';
import { caseloadOf, type AuthUser } from '../../kernel/roles';
import { CLOCK, Clock } from '../../platform/clock';
import type { Alongside } from '../../platform/database/sql';
import { CalendarService } from '../escalations/calendar.service';
import { liveListItem, type LiveListRow } from './live-list';
import { matchesLiveListFilter, orderLiveList, type LiveListFilter } from './live-list-order';
import { LiveListQuery, UnsuitableReport } from './live-list.dto';
import { LiveListQueries } from './live-list.queries';

const flag = (v: 'true' | 'false' | undefined) => (v === undefined ? undefined : v === 'true');

/** The live list of everyone now in unsuitable or emergency accommodation. */
@Injectable()
export class LiveListService {
  constructor(
    private readonly queries: LiveListQueries,
    private readonly calendars: CalendarService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Everyone now in unsuitable or emergency accommodation (a PA: their caseload): under-18s first,
   * then statutory breaches, then longest first; filtered by home area, breach, acknowledgement,
   * and (`reachingUserId`, the home pages' "alerts that reach you") to those whose clock has a step
   * that reached that user.
   */
  async unsuitable(
    user: AuthUser,
    q: LiveListQuery = {},
    opts: { reachingUserId?: string } = {},
  ): Promise<UnsuitableReport> {
    const area = q.area === undefined ? null : await this.knownArea(q.area);
    const rows = await this.queries.openStays(caseloadOf(user), area, opts.reachingUserId ?? null);
    return this.report(rows, q);
  }

  /**
   * `unsuitable`, with another feature's read run in the same statement (the home page's alerts
   * and reviews beside the list: one round trip for both).
   */
  async unsuitableWith<T>(
    user: AuthUser,
    q: LiveListQuery,
    opts: { reachingUserId?: string },
    alongside: Alongside<T>,
  ): Promise<{ report: UnsuitableReport; alongside: T }> {
    const area = q.area === undefined ? null : await this.knownArea(q.area);
    const read = await this.queries.openStaysWith(caseloadOf(user), area, opts.reachingUserId ?? null, alongside);
    return { report: await this.report(read.rows, q), alongside: read.alongside };
  }

  private async report(rows: LiveListRow[], q: LiveListQuery): Promise<UnsuitableReport> {
    const filter: LiveListFilter = { breach: flag(q.breach), unacknowledged: flag(q.unacknowledged) };
    const now = this.clock.now();
    const cal = await this.calendars.calendar();
    const today = londonDate(now);
    const items = orderLiveList(rows.map((r) => liveListItem(r, now, today, cal))).filter((i) =>
      matchesLiveListFilter(i, filter),
    );
    return { items, total: items.length, asOf: now.toISOString() };
  }

  private async knownArea(name: string): Promise<string> {
    const area = await this.queries.areaNamed(name);
    if (area === null) throw invalidField('area', `${JSON.stringify(name)} is not on the list of areas (GET /areas)`);
    return area;
  }
}
