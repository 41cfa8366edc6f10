import { Inject, Injectable } from '@nestjs/common';
import { londonDate, londonDayStart } from '../../kernel/dates';
import { type AuthUser } from '../../kernel/roles';
import { CLOCK, Clock } from '../../platform/clock';
import { bedNights, countedUntil, nightsInRange, occupancyReport, requestFigures, unsuitableNights } from './occupancy';
import { OccupancyQuery, OccupancyReport } from './occupancy.dto';
import { OccupancyQueries } from './occupancy.queries';

/**
 * Occupancy and sufficiency over a range of nights, read from the tables the service writes (see
 * `occupancy.queries.ts`) and shaped by the pure functions of `occupancy.ts`. Admin, housing
 * officers and managers see the whole county (as they do the records it is built from).
 */
@Injectable()
export class OccupancyService {
  constructor(
    private readonly queries: OccupancyQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async report(_user: AuthUser, q: OccupancyQuery): Promise<OccupancyReport> {
    const nights = nightsInRange(q.from, q.to);
    const now = this.clock.now();
    // Only nights already over are counted: a range reaching past today stops at today.
    const until = countedUntil(q.from, q.to, londonDate(now));
    const counted = { from: q.from, to: q.to, nights, countedUntil: until.date, nightsCounted: until.nights };
    if (until.nights === 0) {
      return occupancyReport(counted, bedNights([]), requestFigures(undefined), unsuitableNights(undefined), now);
    }
    // The observation instants of the first night (from) and of the last counted (countedUntil - 1).
    const range = {
      from: q.from,
      to: until.date,
      firstSnap: londonDayStart(q.from, 1),
      lastSnap: londonDayStart(until.date),
    };
    const spans = await this.queries.bedNightSpans(range);
    const end = new Date(Math.min(londonDayStart(q.to).getTime(), now.getTime()));
    const requests = await this.queries.requestFigures(londonDayStart(q.from), end);
    const bands = await this.queries.unsuitableNightsByAge(range);
    return occupancyReport(counted, bedNights(spans), requestFigures(requests), unsuitableNights(bands), now);
  }
}
