import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { nextOccurrence } from '../../kernel/ladder';
import { CLOCK, Clock } from '../../platform/clock';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { TimerRegistry } from '../../platform/queue/timer-registry';
import { AuditorQueries, type MissingRepeat } from './auditor.queries';
import { CalendarService } from './calendar.service';
import { EscalationsRepository } from './escalations.repository';
import { StepFiring } from './step-firing';
import { StepWakeUps } from './step-wake-ups';

/** A step still scheduled this long after it fell due means nothing is firing it. */
export const OVERDUE_GRACE_MS = 60_000;

export interface AuditorRun {
  clean: boolean;
  violations: { strandedSteps: number; missingRepeats: number; overdueSteps: number; unroutedOpen: number };
  repaired: number;
}

/**
 * The escalation auditor (Grafana OnCall's escalation auditor is the model): every
 * RECONCILE_EVERY, after the sweep, it checks each clock's invariants from PostgreSQL — no step
 * left scheduled or open on a stopped clock, every running clock's repeating steps planned,
 * nothing overdue by more than a minute — repairs what it can, and records the run (how many of
 * each, how many repaired; unrouted open steps are reported, a person must close that gap).
 */
@Injectable()
export class EscalationAuditor implements OnModuleInit {
  private readonly logger = new Logger('EscalationAuditor');

  constructor(
    private readonly queries: AuditorQueries,
    private readonly steps: EscalationsRepository,
    private readonly firing: StepFiring,
    private readonly wakeUps: StepWakeUps,
    private readonly calendars: CalendarService,
    private readonly timers: TimerRegistry,
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.timers.registerSweeper('escalation-auditor', () => this.run());
  }

  async run(): Promise<AuditorRun> {
    const now = this.clock.now();
    const stranded = await this.queries.strandedSteps(now);
    const missing = await this.queries.missingRepeats();
    const overdue = await this.queries.overdueIds(now, OVERDUE_GRACE_MS);
    let repaired = 0;
    for (const s of stranded) if (await this.uow.run(() => this.queries.repairStranded(s, now))) repaired++;
    for (const m of missing) if (await this.replan(m, now)) repaired++;
    for (const id of overdue) if ((await this.firing.fire(id)) !== 'not_due') repaired++;
    const violations = {
      strandedSteps: stranded.length,
      missingRepeats: missing.length,
      overdueSteps: overdue.length,
      unroutedOpen: await this.queries.unroutedOpen(),
    };
    const clean = Object.values(violations).every((n) => n === 0);
    await this.queries.recordRun({ at: now, clean, violations, repaired });
    if (!clean) this.logger.warn({ violations, repaired }, 'escalation invariants broken; repaired what could be');
    return { clean, violations, repaired };
  }

  /** Plans the lost next occurrence of a repeating step, from now (never replaying missed ones). */
  private async replan(m: MissingRepeat, now: Date): Promise<boolean> {
    return this.uow.run(async () => {
      await this.steps.lockClock(m.stayId);
      const cal = await this.calendars.calendar();
      const next = nextOccurrence(m.step, m.stepIndex, m, cal, { notBefore: now, hours: this.config.officeHours });
      if (!next) return false;
      const id = crypto.randomUUID();
      if (!(await this.steps.insertRepeat(id, m, next, now))) return false;
      if (this.wakeUps.isSoon(next.dueAt, now))
        this.uow.afterCommit(() => this.wakeUps.at([{ id, dueAt: next.dueAt }]));
      return true;
    });
  }
}
