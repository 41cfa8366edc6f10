import { Module } from '@nestjs/common';
import { TimelineController } from './timeline.controller';
import { TimelineService } from './timeline.service';
import { YoungPeopleController } from './young-people.controller';
import { YoungPeopleService } from './young-people.service';

@Module({
  controllers: [YoungPeopleController, TimelineController],
  providers: [YoungPeopleService, TimelineService],
  exports: [YoungPeopleService],
})
export class YoungPeopleModule {}
