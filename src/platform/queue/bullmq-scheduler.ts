import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { CLOCK, Clock } from '../clock';
import { Scheduler, TimerRequest, timerJobId } from './scheduler';

export const TIMERS_QUEUE = 'timers';

/** Scheduler on a BullMQ queue of delayed jobs with deterministic ids. */
@Injectable()
export class BullMqScheduler extends Scheduler {
  constructor(
    @InjectQueue(TIMERS_QUEUE) private readonly queue: Queue,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super();
  }

  async schedule(timers: TimerRequest[]): Promise<void> {
    if (!timers.length) return;
    const now = this.clock.now().getTime();
    for (let i = 0; i < timers.length; i += 1000) {
      await this.queue.addBulk(
        timers.slice(i, i + 1000).map((t) => ({
          name: t.kind,
          data: { id: t.id, at: t.at.toISOString() },
          opts: {
            jobId: timerJobId(t.kind, t.id),
            delay: Math.max(0, t.at.getTime() - now),
            attempts: 8,
            backoff: { type: 'exponential', delay: 1000 },
            removeOnComplete: true,
            removeOnFail: { age: 7 * 24 * 3600 },
          },
        })),
      );
    }
  }

  async cancel(kind: string, id: string): Promise<void> {
    const job = await this.queue.getJob(timerJobId(kind, id));
    if (job && !(await job.isActive())) await job.remove().catch(() => undefined);
  }

  async isScheduled(kind: string, id: string): Promise<boolean> {
    const job = await this.queue.getJob(timerJobId(kind, id));
    if (!job) return false;
    const state = await job.getState();
    return (
      state === 'delayed' ||
      state === 'waiting' ||
      state === 'active' ||
      state === 'prioritized' ||
      state === 'waiting-children'
    );
  }
}
