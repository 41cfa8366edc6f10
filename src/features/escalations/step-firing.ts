import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { nextOccurrence, type LadderStep } from '../../kernel/ladder';
import type { WorkingCalendar } from '../../kernel/working-days';
import { CLOCK, Clock } from '../../platform/clock';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { TimerRegistry } from '../../platform/queue/timer-registry';
import { AuditService } from '../audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import { CalendarService } from './calendar.service';
import type { PlannedRow } from './clock-plan';
import { EscalationsRepository } from './escalations.repository';
import { StepFiringQueries, type OpenedStep } from './step-firing.queries';
import { escalationAlert, firedAudit, unroutedNotice } from './fired-step';
import { StepRouting, type StepRoute } from './step-routing.queries';
import { STEP_DUE, StepWakeUps } from './step-wake-ups';

export type FireOutcome = 'fired' | 'noop' | 'not_due';

/**
 * Fires one step. It first locks its clock's stay row (stopping a clock takes the same lock), so
 * a step never opens on a clock that is stopping. Firing is then one conditional UPDATE
 * (`scheduled` → `open` while due), so a step fires once however many workers, sweeps and retries
 * race for it; the loser is a no-op. The winner routes the step, notifies its recipients (and the
 * administrators when nobody responsible could be found), plans the next occurrence of a
 * repeating step and audits the firing, all in the same transaction.
 */
@Injectable()
export class StepFiring implements OnModuleInit {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly steps: EscalationsRepository,
    private readonly firing: StepFiringQueries,
    private readonly calendars: CalendarService,
    private readonly routing: StepRouting,
    private readonly notifications: NotificationsService,
    private readonly wakeUps: StepWakeUps,
    private readonly timers: TimerRegistry,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.timers.register(STEP_DUE, async (id) => {
      await this.fire(id);
    });
  }

  /**
   * Fires one step if it is still scheduled and due. A no-op for a step already fired, cancelled
   * or passed over; a step woken early gets its wake-up again at its due time.
   */
  async fire(id: string): Promise<FireOutcome> {
    let notDueAt: Date | null = null;
    const outcome = await this.uow.run(async (tx): Promise<FireOutcome> => {
      const now = this.clock.now();
      const { found, opened: esc } = await this.firing.lockClockAndOpenIfDue(id, now);
      if (!found) return 'noop';
      if (!esc) {
        const row = await this.firing.statusOf(id);
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

  /** The step has just opened: route it, tell its recipients, close it or plan its repeat, audit it. */
  private async opened(tx: EntityManager, esc: OpenedStep, now: Date): Promise<void> {
    const facts = await this.firing.firingFacts(esc, this.notifications.activeWebhooksAlongside(esc.role));
    const cal = await this.calendars.calendar();
    const route = await this.routing.route(
      { role: esc.role, homeArea: facts.person.homeArea ?? null, paUserId: facts.person.paUserId },
      facts.orgVersion,
    );
    const queued = await this.notifications.writeEscalationAlert(
      escalationAlert(esc, facts, now, cal, route.recipients),
      facts.alongside,
    );
    if (route.unrouted) await this.tellAdmins(tx, esc, facts.person, route);
    if (facts.current) {
      const next = await this.planRepeat(esc, facts.steps, cal, now);
      if (next && this.wakeUps.isSoon(next.dueAt, now)) this.uow.afterCommit(() => this.wakeUps.at([next]));
    }
    // Who it reached (and, when the run of unsuitable stays ended after it fell due, that it fired as
    // evidence and closed) is written in one statement with the firing's audit events.
    const fired = this.firing.firedChange(esc.id, {
      recipients: route.recipients.map(({ userId, role, via }) => ({ userId, role, via })),
      unrouted: route.unrouted,
      closedAt: facts.current ? null : now,
    });
    await this.audit.recordMany(tx, [...(queued ? [queued] : []), firedAudit(esc, now, route)], fired);
  }

  /** Nobody holding the step's role or a more senior one could be found: every active administrator hears at once. */
  private async tellAdmins(
    tx: EntityManager,
    esc: OpenedStep,
    person: { id: string; reference: string; firstName: string; lastName: string },
    route: StepRoute,
  ): Promise<void> {
    const admins = await this.routing.activeAdmins();
    const notice = unroutedNotice(esc, person, this.config.publicBaseUrl);
    for (const admin of admins) {
      await this.notifications.notifyUser(tx, {
        ...notice,
        dedupeKey: `unrouted:${esc.id}:${admin.userId}`,
        userId: admin.userId,
        email: admin.email,
        youngPersonId: person.id,
        escalationId: esc.id,
        channels: ['in_app', 'email'],
      });
    }
    if (!admins.length)
      this.audit.record(tx, { ...firedAudit(esc, this.clock.now(), route), action: 'escalation.unrouted_unheard' });
  }

  /**
   * The next occurrence of a repeating step, unless an occurrence of it has been acknowledged. It
   * is planned from the later of its due time and now: missed repeats are never replayed.
   */
  private async planRepeat(
    esc: OpenedStep,
    steps: LadderStep[],
    cal: WorkingCalendar,
    now: Date,
  ): Promise<PlannedRow | null> {
    const step = steps[esc.stepIndex];
    if (!step?.repeatEvery) return null;
    if (await this.steps.hasAcknowledgedOccurrence(esc)) return null;
    const next = nextOccurrence(
      step,
      esc.stepIndex,
      { stepIndex: esc.stepIndex, occurrence: esc.occurrence, role: esc.role, dueAt: esc.dueAt },
      cal,
      { notBefore: now, hours: this.config.officeHours },
    );
    if (!next) return null;
    const id = crypto.randomUUID();
    return (await this.steps.insertRepeat(id, esc, next, now)) ? { id, dueAt: next.dueAt } : null;
  }
}
