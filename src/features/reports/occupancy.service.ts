import { Inject, Injectable } from '@nestjs/common';
import { londonDayStart } from '../../kernel/dates';
import { type AuthUser } from '../../kernel/roles';
import { CLOCK, Clock } from '../../platform/clock';
import { bedNights, nightsInRange, occupancyReport, requestFigures, unsuitableNights } from './occupancy';
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
    // The observation instants of the first night (from) and of the last (to - 1).
    const range = { from: q.from, to: q.to, firstSnap: londonDayStart(q.from, 1), lastSnap: londonDayStart(q.to) };
    const spans = await this.queries.bedNightSpans(range);
    const requests = await this.queries.requestFigures(londonDayStart(q.from), londonDayStart(q.to));
    const bands = await this.queries.unsuitableNightsByAge(range);
    return occupancyReport(
      { from: q.from, to: q.to, nights },
      bedNights(spans),
      requestFigures(requests),
      unsuitableNights(bands),
      this.clock.now(),
    );
  }
}
