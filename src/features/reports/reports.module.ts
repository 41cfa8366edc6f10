import { Module } from '@nestjs/common';
import { CaseloadQueries } from './caseload.queries';
import { CaseloadService } from './caseload.service';
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
 * occupancy, a PA's caseload at a glance. Each is a query file (its SQL, plain rows), pure functions that shape the rows, and a
 * thin service.
 */
@Module({
  imports: [EscalationsModule, YoungPeopleModule],
  providers: [
    CaseloadQueries,
    CaseloadService,
    LiveListQueries,
    LiveListService,
    TimelineQueries,
    TimelineService,
    Ssda903Queries,
    Ssda903Service,
    OccupancyQueries,
    OccupancyService,
  ],
  exports: [CaseloadService, LiveListService, TimelineService, Ssda903Service, OccupancyService],
})
export class ReportsModule {}
