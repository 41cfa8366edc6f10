import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
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
}

@Injectable()
export class SweepScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Sweep');
  private watchdog?: NodeJS.Timeout;

  constructor(
    @InjectQueue(TIMERS_QUEUE) private readonly queue: Queue,
    private readonly registry: TimerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureJobScheduler();
    // Rebuild at boot: a restart over a due time, or a wiped Redis, is caught here at once.
    const result = await this.registry.sweep();
    this.logger.log({ result }, 'boot sweep done');
    // The job scheduler lives in Redis, so a wiped Redis loses it: put it back on the same period.
    this.watchdog = setInterval(() => {
      this.ensureJobScheduler().catch((e) => this.logger.warn({ err: (e as Error).message }, 'could not ensure the sweep job scheduler'));
    }, this.config.reconcileEveryMs);
    this.watchdog.unref();
  }

  onApplicationShutdown(): void {
    if (this.watchdog) clearInterval(this.watchdog);
  }

  private async ensureJobScheduler(): Promise<void> {
    await this.queue.upsertJobScheduler(SWEEP_JOB, { every: this.config.reconcileEveryMs }, { name: SWEEP_JOB, opts: { removeOnComplete: true, removeOnFail: 100 } });
  }
}
