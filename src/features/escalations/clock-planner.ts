import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { nextOccurrence } from '../../kernel/ladder';
import type { WorkingCalendar } from '../../kernel/working-days';
import { CLOCK, Clock } from '../../platform/clock';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config';
import { monotonicUuidV7 } from '../../platform/uuid';
import { AuditService } from '../audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import type { Stay } from '../stays/stay.entity';
import { CalendarService } from './calendar.service';
import { lateRecording, planClocks, type PassedOverStep, type PlannedRow, type StayToPlan } from './clock-plan';
import { EscalationsRepository } from './escalations.repository';
import { resolvedNotice } from './fired-step';
import { PoliciesRepository } from './policies.repository';
import type { VersionToPlan } from './clock-plan';

/** The stay whose end stops a clock: when, by whom, who it was about, where they had been. */
export type EndedStay = Pick<Stay, 'endedAt' | 'endedByUserId' | 'youngPersonId' | 'accommodationCode'>;

/**
 * Starts and stops escalation clocks, in the caller's transaction (`em` is that transaction's
 * entity manager, for the audit trail). Starting plans every step with the kernel ladder and
 * writes them as `scheduled` rows in one statement; a stay recorded late fires only its most
 * senior overdue step per policy and passes over the rest. Stopping locks the clock (firing takes
 * the same lock), cancels what is not yet due, closes what is open, and tells everyone who was
 * alerted where the young person went.
 */
@Injectable()
export class ClockPlanner {
  constructor(
    private readonly steps: EscalationsRepository,
    private readonly policies: PoliciesRepository,
    private readonly calendars: CalendarService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Plans every step of every policy in force for these stays (each stay's clock starts at its
   * own start) and writes them as `scheduled` rows. Batch-capable: the benchmark drives it with
   * thousands of stays at once. Returns the rows for `StepWakeUps.wake`, to run after the commit.
   */
  async startClocks(em: EntityManager, stays: StayToPlan[]): Promise<PlannedRow[]> {
    const now = this.clock.now();
    const versions = await this.policies.inForce();
    const cal = await this.calendars.calendar();
    const plan = planClocks(stays, versions, cal, monotonicUuidV7, this.config.officeHours);
    await this.steps.insertScheduled(plan.columns, now);
    const late = lateRecording(plan, stays, now);
    if (late.fire.length || late.passedOver.length) {
      await this.steps.markRecordedLate(late.fire);
      await this.steps.passOver(
        late.passedOver.map((r) => r.id),
        now,
      );
      plan.rows.push(...(await this.repeatPassedOver(late.passedOver, versions, cal, now)));
    }
    await this.audit.recordMany(em, plan.audits);
    const passed = new Set(late.passedOver.map((r) => r.id));
    return passed.size ? plan.rows.filter((r) => !passed.has(r.id)) : plan.rows;
  }

  /** A passed-over step that repeats keeps repeating: its next occurrence is planned from now, never replayed. */
  private async repeatPassedOver(
    passed: PassedOverStep[],
    versions: VersionToPlan[],
    cal: WorkingCalendar,
    now: Date,
  ): Promise<PlannedRow[]> {
    const out: PlannedRow[] = [];
    for (const r of passed) {
      const step = versions.find((v) => v.id === r.versionId)?.steps[r.stepIndex];
      if (!step?.repeatEvery) continue;
      const next = nextOccurrence(step, r.stepIndex, { ...r, occurrence: 0 }, cal, {
        notBefore: now,
        hours: this.config.officeHours,
      });
      if (!next) continue;
      const id = monotonicUuidV7();
      const esc = {
        stayId: r.stayId,
        youngPersonId: r.youngPersonId,
        policyId: r.policyId,
        policyVersionId: r.versionId,
      };
      if (await this.steps.insertRepeat(id, esc, next, now)) out.push({ id, dueAt: next.dueAt });
    }
    return out;
  }

  /**
   * Ends a clock: steps due after the end become `cancelled`, open ones `closed`; steps that fell
   * due before the end still fire (as evidence) and close. Everyone who was alerted hears once,
   * with where the young person went (`next`, if a stay followed).
   */
  async stopClock(em: EntityManager, clockStayId: string, ended: EndedStay, next: Stay | null): Promise<void> {
    await this.steps.lockClock(clockStayId);
    const endedAt = ended.endedAt ?? this.clock.now();
    const counts = await this.steps.stopClock(clockStayId, endedAt, this.clock.now());
    this.audit.record(em, {
      actorUserId: ended.endedByUserId ?? null,
      action: 'escalation.clock_stopped',
      entity: 'Stay',
      entityId: clockStayId,
      changes: { endedAt: endedAt.toISOString(), cancelled: counts.cancelled, closed: counts.closed },
    });
    await this.tellResolved(em, clockStayId, ended, next);
  }

  private async tellResolved(
    em: EntityManager,
    clockStayId: string,
    ended: EndedStay,
    next: Stay | null,
  ): Promise<void> {
    const alerted = await this.steps.alertedOn(clockStayId);
    if (!alerted.length) return;
    const person = await this.steps.personOf(ended.youngPersonId);
    const notice = resolvedNotice(person, ended, next, this.config.publicBaseUrl);
    for (const user of alerted) {
      await this.notifications.notifyUser(em, {
        ...notice,
        dedupeKey: `resolved:${clockStayId}:${user.userId}`,
        userId: user.userId,
        email: user.email,
        youngPersonId: person.id,
        channels: ['in_app', 'email'],
      });
    }
  }
}
