import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CLOCK, Clock } from '../../platform/clock';
import { monotonicUuidV7 } from '../../platform/uuid';
import { AuditService } from '../audit/audit.service';
import { CalendarService } from './calendar.service';
import { planClocks, type PlannedRow, type StayToPlan } from './clock-plan';
import { EscalationsRepository } from './escalations.repository';
import { PoliciesRepository } from './policies.repository';

/**
 * Starts and stops escalation clocks, in the caller's transaction (`em` is that transaction's
 * entity manager, for the audit trail). Starting plans every step with the kernel ladder and
 * writes them as `scheduled` rows in one statement; stopping cancels what is not yet due and
 * closes what is open.
 */
@Injectable()
export class ClockPlanner {
  constructor(
    private readonly steps: EscalationsRepository,
    private readonly policies: PoliciesRepository,
    private readonly calendars: CalendarService,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Plans every step of every policy in force for these stays (each stay's clock starts at its
   * own start) and writes them as `scheduled` rows. Batch-capable: the benchmark drives it with
   * thousands of stays at once. Returns the rows for `StepWakeUps.wake`, to run after the commit.
   */
  async startClocks(em: EntityManager, stays: StayToPlan[]): Promise<PlannedRow[]> {
    const versions = await this.policies.inForce();
    const cal = await this.calendars.calendar();
    const plan = planClocks(stays, versions, cal, monotonicUuidV7);
    await this.steps.insertScheduled(plan.columns, this.clock.now());
    await this.audit.recordMany(em, plan.audits);
    return plan.rows;
  }

  /** Ends a clock: steps not yet due become `cancelled`, fired ones `closed`. Steps that fell due before the end still fire. */
  async stopClock(em: EntityManager, clockStayId: string, endedAt: Date, actorUserId: string | null): Promise<void> {
    const counts = await this.steps.stopClock(clockStayId, endedAt, this.clock.now());
    this.audit.record(em, {
      actorUserId,
      action: 'escalation.clock_stopped',
      entity: 'Stay',
      entityId: clockStayId,
      changes: { endedAt: endedAt.toISOString(), cancelled: counts.cancelled, closed: counts.closed },
    });
  }
}
