import { Injectable, Logger } from '@nestjs/common';
import type { Sweeper, TimerHandler } from './scheduler';

/**
 * Feature modules register what to do when a timer fires (`hold-expiry`, `step-due`) and a sweep
 * that rebuilds their timers from the database; the timers worker dispatches to them.
 */
@Injectable()
export class TimerRegistry {
  private readonly logger = new Logger('Timers');
  private readonly handlers = new Map<string, TimerHandler>();
  private readonly sweepers = new Map<string, Sweeper>();

  register(kind: string, handler: TimerHandler): void {
    if (this.handlers.has(kind)) throw new Error(`timer kind ${kind} registered twice`);
    this.handlers.set(kind, handler);
  }

  registerSweeper(name: string, sweeper: Sweeper): void {
    this.sweepers.set(name, sweeper);
  }

  async fire(kind: string, id: string): Promise<void> {
    const handler = this.handlers.get(kind);
    if (!handler) throw new Error(`no handler for timer kind ${kind}`);
    await handler(id);
  }

  private running: Promise<Record<string, unknown>> | null = null;

  /**
   * Runs every sweeper; one failing does not stop the others. A sweep asked for while one is
   * running in this process joins it rather than running beside it: on a wiped Redis the boot
   * sweep and the sweep job scheduler's first run (BullMQ runs an `every` scheduler's first job at
   * once) start together, and two sweeps at once doubled the rebuild's load on PostgreSQL and Redis
   * while the first steps fell due. Whatever a joined sweep misses, the next one (RECONCILE_EVERY
   * later) finds, as it would after a wipe just after a sweep ended.
   */
  sweep(): Promise<Record<string, unknown>> {
    this.running ??= this.runSweepers().finally(() => (this.running = null));
    return this.running;
  }

  private async runSweepers(): Promise<Record<string, unknown>> {
    const results: Record<string, unknown> = {};
    for (const [name, sweeper] of this.sweepers) {
      try {
        results[name] = await sweeper();
      } catch (e) {
        results[name] = { error: (e as Error).message };
        this.logger.error({ sweeper: name, err: (e as Error).message }, 'sweep failed');
      }
    }
    return results;
  }
}
