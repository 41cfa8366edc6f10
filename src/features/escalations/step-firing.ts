import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { nextOccurrence } from '../../kernel/ladder';
import type { WorkingCalendar } from '../../kernel/working-days';
import { CLOCK, Clock } from '../../platform/clock';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { TimerRegistry } from '../../platform/queue/timer-registry';
import { AuditService } from '../audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import { CalendarService } from './calendar.service';
import type { PlannedRow } from './clock-plan';
import { Escalation, EscalationPolicyVersion } from './escalation.entities';
import { EscalationsRepository } from './escalations.repository';
import { escalationAlert, firedAudit } from './fired-step';
import { StepRouting } from './step-routing.queries';
import { STEP_DUE, StepWakeUps } from './step-wake-ups';

export type FireOutcome = 'fired' | 'noop' | 'not_due';

/**
 * Fires one step. Firing is one conditional UPDATE (`scheduled` → `open` while due), so a step
 * fires once however many workers, sweeps and retries race for it; the loser is a no-op. The
 * winner notifies the step's recipients, plans the next occurrence of a repeating step and audits
 * the firing, all in the same transaction.
 */
@Injectable()
export class StepFiring implements OnModuleInit {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly steps: EscalationsRepository,
    private readonly calendars: CalendarService,
    private readonly routing: StepRouting,
    private readonly notifications: NotificationsService,
    private readonly wakeUps: StepWakeUps,
    private readonly timers: TimerRegistry,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.timers.register(STEP_DUE, async (id) => {
      await this.fire(id);
    });
  }

  /**
   * Fires one step if it is still scheduled and due: marks it open, notifies its recipients and
   * plans the next occurrence of a repeating step. A no-op for a step already fired or cancelled;
   * a step woken early gets its wake-up again at its due time.
   */
  async fire(id: string): Promise<FireOutcome> {
    let notDueAt: Date | null = null;
    const outcome = await this.uow.run(async (tx): Promise<FireOutcome> => {
      const now = this.clock.now();
      const esc = await this.steps.openIfDue(id, now);
      if (!esc) {
        const row = await this.steps.statusOf(id);
        if (row?.status !== 'scheduled') return 'noop';
        notDueAt = row.dueAt;
        return 'not_due';
      }
      await this.opened(tx, esc, now);
      return 'fired';
    });
    if (notDueAt) await this.wakeUps.at([{ id, dueAt: notDueAt }]);
    return outcome;
  }

  /** The step has just opened: tell its recipients, close it or plan its repeat, audit it. */
  private async opened(tx: EntityManager, esc: Escalation, now: Date): Promise<void> {
    const facts = await this.steps.firingFacts(esc);
    const cal = await this.calendars.calendar();
    const recipients = await this.routing.recipients({
      role: esc.role,
      homeArea: facts.person.homeArea ?? null,
      paUserId: facts.person.paUserId,
    });
    await this.notifications.alertEscalation(tx, escalationAlert(esc, facts, now, cal, recipients));
    if (!facts.current) {
      // The run of unsuitable stays ended after this step fell due (a stay recorded late): it fires as evidence, then closes.
      esc.status = 'closed';
      esc.closedAt = now;
    } else {
      const next = await this.planRepeat(esc, facts.version, cal);
      if (next && this.wakeUps.isSoon(next.dueAt, now)) this.uow.afterCommit(() => this.wakeUps.at([next]));
    }
    await this.steps.flush();
    this.audit.record(tx, firedAudit(esc, now, recipients));
  }

  /** The next occurrence of a repeating step, unless an occurrence of it has been acknowledged. */
  private async planRepeat(
    esc: Escalation,
    version: EscalationPolicyVersion,
    cal: WorkingCalendar,
  ): Promise<PlannedRow | null> {
    const step = version.steps[esc.stepIndex];
    if (!step?.repeatEvery) return null;
    if (await this.steps.hasAcknowledgedOccurrence(esc)) return null;
    const next = nextOccurrence(
      step,
      esc.stepIndex,
      { stepIndex: esc.stepIndex, occurrence: esc.occurrence, role: esc.role, dueAt: esc.dueAt },
      cal,
    );
    if (!next) return null;
    const id = crypto.randomUUID();
    return (await this.steps.insertRepeat(id, esc, next, this.clock.now())) ? { id, dueAt: next.dueAt } : null;
  }
}
