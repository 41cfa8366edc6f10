import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { StaysModule } from '../stays/stays.module';
import { YoungPeopleModule } from '../young-people/young-people.module';
import { CalendarService } from './calendar.service';
import { EscalationEngine } from './escalation-engine';
import { EscalationsService } from './escalations.service';
import { PoliciesService } from './policies.service';

/** The escalation clock of every unsuitable stay: policies, steps, firing, acknowledgements, closure days. */
@Module({
  imports: [AuditModule, NotificationsModule, StaysModule, YoungPeopleModule],
  providers: [CalendarService, PoliciesService, EscalationEngine, EscalationsService],
  exports: [CalendarService, PoliciesService, EscalationEngine, EscalationsService],
})
export class EscalationsModule {}
