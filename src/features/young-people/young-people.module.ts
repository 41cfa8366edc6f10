import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { AuditModule } from '../audit/audit.module';
import { UsersModule } from '../users/users.module';
import { YoungPeopleRepository } from './young-people.repository';
import { YoungPeopleService } from './young-people.service';

/** Care leavers' records and who may see them (a PA: their own caseload). */
@Module({
  imports: [AreasModule, AuditModule, UsersModule],
  providers: [YoungPeopleRepository, YoungPeopleService],
  exports: [YoungPeopleService],
})
export class YoungPeopleModule {}
