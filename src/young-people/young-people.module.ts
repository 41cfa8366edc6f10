import { Module } from '@nestjs/common';
import { YoungPeopleController } from './young-people.controller';
import { YoungPeopleService } from './young-people.service';

@Module({
  controllers: [YoungPeopleController],
  providers: [YoungPeopleService],
  exports: [YoungPeopleService],
})
export class YoungPeopleModule {}
