import { Module } from '@nestjs/common';
import { EscalationsModule } from '../escalations/escalations.module';
import { YoungPeopleModule } from '../young-people/young-people.module';
import { LiveListQueries } from './live-list.queries';
import { LiveListService } from './live-list.service';
import { OccupancyQueries } from './occupancy.queries';
import { OccupancyService } from './occupancy.service';
import { Ssda903Service } from './ssda903.service';
import { TimelineQueries } from './timeline.queries';
import { TimelineService } from './timeline.service';

/** Read models across features: the live list, a young person's timeline, the SSDA903 return, occupancy. */
@Module({
  imports: [EscalationsModule, YoungPeopleModule],
  providers: [
    LiveListService,
    LiveListQueries,
    TimelineService,
    TimelineQueries,
    Ssda903Service,
    OccupancyService,
    OccupancyQueries,
  ],
  exports: [LiveListService, TimelineService, Ssda903Service, OccupancyService],
})
export class ReportsModule {}
