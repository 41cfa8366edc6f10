import { Module } from '@nestjs/common';
import { StaysModule } from '../stays/stays.module';
import { YoungPeopleModule } from '../young-people/young-people.module';
import { CalendarService } from './calendar.service';
import { EscalationEngine } from './escalation-engine';
import { EscalationsController, PoliciesController } from '../../http/escalations.controller';
import { EscalationsService } from './escalations.service';
import { PoliciesService } from './policies.service';

@Module({
  imports: [StaysModule, YoungPeopleModule],
  controllers: [PoliciesController, EscalationsController],
  providers: [CalendarService, PoliciesService, EscalationEngine, EscalationsService],
  exports: [CalendarService, EscalationEngine],
})
export class EscalationsModule {}
