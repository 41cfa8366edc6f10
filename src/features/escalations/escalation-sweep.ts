import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { CLOCK, Clock } from '../../platform/clock';
import { TimerRegistry } from '../../platform/queue/timer-registry';
import { EscalationsRepository } from './escalations.repository';
import { StepFiring } from './step-firing';
import { StepWakeUps } from './step-wake-ups';

const DUE_BATCH = 500;
const FIRE_PARALLEL = 8;
const WAKE_BATCH = 5000;

/**
 * Rebuilds the escalation clock from PostgreSQL (at boot and every RECONCILE_EVERY): fires every
 * step that is due (a wiped Redis, a crash between commit and enqueue, or a service that was down
 * over a due time), then gives every step due within the horizon its wake-up.
 */
@Injectable()
export class EscalationSweep implements OnModuleInit {
  private readonly logger = new Logger('Escalations');

  constructor(
    private readonly steps: EscalationsRepository,
    private readonly firing: StepFiring,
    private readonly wakeUps: StepWakeUps,
    private readonly timers: TimerRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.timers.registerSweeper('escalations', () => this.sweep());
  }

  async sweep(): Promise<{ fired: number; scheduled: number }> {
    const fired = await this.fireOverdue();
    const scheduled = await this.wakeWithinHorizon();
    return { fired, scheduled };
  }

  /** Fires overdue steps, 500 at a time, 8 at once, until a batch fires nothing (a failure is logged and left for the next sweep). */
  private async fireOverdue(): Promise<number> {
    let fired = 0;
    for (;;) {
      const due = await this.steps.dueIds(this.clock.now(), DUE_BATCH);
      if (!due.length) break;
      let progressed = 0;
      for (let i = 0; i < due.length; i += FIRE_PARALLEL) {
        const outcomes = await Promise.all(
          due.slice(i, i + FIRE_PARALLEL).map((id) =>
            this.firing.fire(id).catch((e) => {
              this.logger.error({ escalationId: id, err: (e as Error).message }, 'firing failed; will retry');
              return 'noop' as const;
            }),
          ),
        );
        progressed += outcomes.filter((o) => o === 'fired').length;
      }
      fired += progressed;
      if (!progressed) break;
    }
    return fired;
  }

  /** Gives every scheduled step due within the horizon its wake-up, walking them in (due time, id) order. */
  private async wakeWithinHorizon(): Promise<number> {
    let scheduled = 0;
    let after = { dueAt: new Date(0), id: '00000000-0000-0000-0000-000000000000' };
    const until = new Date(this.clock.now().getTime() + this.wakeUps.horizonMs);
    for (;;) {
      const rows = await this.steps.scheduledUntil(until, after, WAKE_BATCH);
      if (!rows.length) break;
      await this.wakeUps.at(rows);
      scheduled += rows.length;
      after = rows[rows.length - 1];
    }
    return scheduled;
  }
}
