import { Module } from '@nestjs/common';
import { TimelineController } from '../../http/timeline.controller';
import { TimelineService } from '../reports/timeline.service';
import { YoungPeopleController } from '../../http/young-people.controller';
import { YoungPeopleService } from './young-people.service';

@Module({
  controllers: [YoungPeopleController, TimelineController],
  providers: [YoungPeopleService, TimelineService],
  exports: [YoungPeopleService],
})
export class YoungPeopleModule {}
