import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { AuditModule } from '../audit/audit.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { StaysModule } from '../stays/stays.module';
import { YoungPeopleModule } from '../young-people/young-people.module';
import { CalendarService } from './calendar.service';
import { AlertQueries } from './alert.queries';
import { AuditorQueries } from './auditor.queries';
import { ClockPlanner } from './clock-planner';
import { CoverageService } from './coverage.service';
import { ClosureDaysRepository } from './closure-days.repository';
import { ClosureDaysService } from './closure-days.service';
import { EscalationAuditor } from './escalation-auditor';
import { DigestQueries } from './digest.queries';
import { DigestService } from './digest.service';
import { EscalationSweep } from './escalation-sweep';
import { EscalationsRepository } from './escalations.repository';
import { EscalationsService } from './escalations.service';
import { MyAlertsQueries } from './my-alerts.queries';
import { MyAlertsService } from './my-alerts.service';
import { PoliciesRepository } from './policies.repository';
import { PoliciesService } from './policies.service';
import { ReviewsRepository } from './reviews.repository';
import { ReviewsService } from './reviews.service';
import { StayClockObserver } from './stay-clock.observer';
import { StepFiring } from './step-firing';
import { StepFiringQueries } from './step-firing.queries';
import { StepRouting } from './step-routing.queries';
import { StepWakeUps } from './step-wake-ups';

/**
 * The escalation clock of every unsuitable stay: policies, steps, acknowledgements, closure days.
 * The clock itself is four pieces: planning (`ClockPlanner`, started and stopped by
 * `StayClockObserver`), firing (`StepFiring`), routing (`StepRouting`: who a step reaches) and the
 * sweep (`EscalationSweep`), with `StepWakeUps` for the BullMQ timers.
 */
@Module({
  imports: [AreasModule, AuditModule, NotificationsModule, StaysModule, YoungPeopleModule],
  providers: [
    EscalationsRepository,
    PoliciesRepository,
    ClosureDaysRepository,
    CalendarService,
    PoliciesService,
    ClosureDaysService,
    EscalationsService,
    StepWakeUps,
    StepRouting,
    ClockPlanner,
    StepFiring,
    StepFiringQueries,
    EscalationSweep,
    StayClockObserver,
    CoverageService,
    AuditorQueries,
    EscalationAuditor,
    ReviewsRepository,
    ReviewsService,
    DigestQueries,
    DigestService,
    AlertQueries,
    MyAlertsQueries,
    MyAlertsService,
  ],
  exports: [
    EscalationAuditor,
    AuditorQueries,
    CoverageService,
    CalendarService,
    PoliciesService,
    ClosureDaysService,
    EscalationsService,
    ClockPlanner,
    StepFiring,
    StepRouting,
    StepWakeUps,
    EscalationSweep,
    ReviewsService,
    DigestService,
    MyAlertsService,
  ],
})
export class EscalationsModule {}
