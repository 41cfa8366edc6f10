import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '../config/config';
import { TIMERS_QUEUE } from './bullmq-scheduler';
import { TimerRegistry } from './timer-registry';

export const SWEEP_JOB = 'sweep';

/**
 * The timers worker: fires registered handlers for due jobs, and runs every sweeper at boot and on a
 * BullMQ job scheduler every RECONCILE_EVERY (rebuilding lost jobs, firing overdue ones).
 */
@Processor(TIMERS_QUEUE, { concurrency: 16 })
export class TimersProcessor extends WorkerHost {
  private readonly logger = new Logger('TimersWorker');

  constructor(private readonly registry: TimerRegistry) {
    super();
  }

  async process(job: Job<{ id?: string }>): Promise<unknown> {
    if (job.name === SWEEP_JOB) return this.registry.sweep();
    if (!job.data?.id) throw new Error(`timer job ${job.id} has no id`);
    await this.registry.fire(job.name, job.data.id);
    return undefined;
  }

  private lastError = 0;

  /** A Redis outage makes the worker emit errors on every reconnect: log them, at most once a minute. */
  @OnWorkerEvent('error')
  onError(err: Error): void {
    if (Date.now() - this.lastError < 60_000) return;
    this.lastError = Date.now();
    this.logger.warn(
      { err: err.message },
      'timers worker cannot reach Redis; the database keeps every step and the sweep rebuilds on reconnect',
    );
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());

@Injectable()
export class SweepScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Sweep');
  private watchdog?: NodeJS.Timeout;

  constructor(
    @InjectQueue(TIMERS_QUEUE) private readonly queue: Queue,
    private readonly registry: TimerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private booting: Promise<void> = Promise.resolve();
  private stopped = false;
  private lastError = 0;

  /**
   * Rebuilds at boot (a restart over a due time, or a wiped Redis, is caught here) and keeps the
   * sweep's job scheduler in place. Runs in the background so the service answers (and /health
   * reports 503) while Redis is unreachable, retrying until it comes back.
   */
  onApplicationBootstrap(): void {
    this.queue.on('error', (err: Error) => {
      if (Date.now() - this.lastError < 60_000) return;
      this.lastError = Date.now();
      this.logger.warn({ err: err.message }, 'timers queue cannot reach Redis');
    });
    this.booting = this.bootSweep();
    // The job scheduler lives in Redis, so a wiped Redis loses it: put it back on the same period.
    this.watchdog = setInterval(() => {
      this.ensureJobScheduler().catch((e) =>
        this.logger.warn({ err: (e as Error).message }, 'could not ensure the sweep job scheduler'),
      );
    }, this.config.reconcileEveryMs);
    this.watchdog.unref();
  }

  private async bootSweep(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        await this.ensureJobScheduler();
        const result = await this.registry.sweep();
        this.logger.log({ result }, 'boot sweep done');
        return;
      } catch (e) {
        this.logger.warn({ err: (e as Error).message, attempt }, 'boot sweep failed; retrying');
        await sleep(Math.min(30_000, 500 * 2 ** attempt));
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.watchdog) clearInterval(this.watchdog);
    await Promise.race([this.booting, sleep(5_000)]);
  }

  private async ensureJobScheduler(): Promise<void> {
    await this.queue.upsertJobScheduler(
      SWEEP_JOB,
      { every: this.config.reconcileEveryMs },
      { name: SWEEP_JOB, opts: { removeOnComplete: true, removeOnFail: 100 } },
    );
  }
}
