import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '../../platform/clock';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { Scheduler } from '../../platform/queue/scheduler';
import type { PlannedRow } from './clock-plan';

/** The timer kind of a step falling due; its BullMQ job id is `step-due-<escalation id>`. */
export const STEP_DUE = 'step-due';

/**
 * The BullMQ wake-ups of steps. PostgreSQL holds every step with its due time; only steps due
 * within the horizon get a wake-up now, the rest wait for the sweep to bring them near.
 * Idempotent: one job id per step.
 */
@Injectable()
export class StepWakeUps {
  constructor(
    private readonly scheduler: Scheduler,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Steps due within this window get a BullMQ wake-up now; later ones wait in PostgreSQL for the sweep. */
  get horizonMs(): number {
    return Math.max(3 * this.config.reconcileEveryMs, 60_000);
  }

  /** Whether a step due at `dueAt` is within the horizon of `now`. */
  isSoon(dueAt: Date, now: Date): boolean {
    return dueAt.getTime() <= now.getTime() + this.horizonMs;
  }

  /** Gives the steps due within the horizon their wake-up. */
  async wake(rows: PlannedRow[]): Promise<void> {
    const now = this.clock.now();
    await this.at(rows.filter((r) => this.isSoon(r.dueAt, now)));
  }

  /** Wakes each step at its due time, whatever the horizon. */
  async at(rows: PlannedRow[]): Promise<void> {
    await this.scheduler.schedule(rows.map((r) => ({ kind: STEP_DUE, id: r.id, at: r.dueAt })));
  }
}
