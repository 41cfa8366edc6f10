import { Module } from '@nestjs/common';
import { EscalationsModule } from '../escalations/escalations.module';
import { YoungPeopleModule } from '../young-people/young-people.module';
import { LiveListQueries } from './live-list.queries';
import { LiveListService } from './live-list.service';
import { OccupancyQueries } from './occupancy.queries';
import { OccupancyService } from './occupancy.service';
import { Ssda903Queries } from './ssda903.queries';
import { Ssda903Service } from './ssda903.service';
import { TimelineQueries } from './timeline.queries';
import { TimelineService } from './timeline.service';

/**
 * Read models across features: the live list, a young person's timeline, the SSDA903 return,
 * occupancy. Each is a query file (its SQL, plain rows), pure functions that shape the rows, and a
 * thin service.
 */
@Module({
  imports: [EscalationsModule, YoungPeopleModule],
  providers: [
    LiveListQueries,
    LiveListService,
    TimelineQueries,
    TimelineService,
    Ssda903Queries,
    Ssda903Service,
    OccupancyQueries,
    OccupancyService,
  ],
  exports: [LiveListService, TimelineService, Ssda903Service, OccupancyService],
})
export class ReportsModule {}
