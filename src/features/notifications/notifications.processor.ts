import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { DeliveryService } from './delivery.service';
import { NOTIFICATIONS_QUEUE } from './notifications.service';

/** The delivery worker: one job per email / webhook notification, retried with exponential backoff. */
@Processor(NOTIFICATIONS_QUEUE, { concurrency: 8 })
export class NotificationsProcessor extends WorkerHost {
  private readonly logger = new Logger('NotificationsWorker');
  private lastError = 0;

  constructor(private readonly delivery: DeliveryService) {
    super();
  }

  async process(job: Job<{ id?: string }>): Promise<unknown> {
    if (!job.data?.id) throw new Error(`notification job ${job.id} has no id`);
    // attemptsMade counts the attempts before this one; BullMQ retries while attemptsMade + 1 < attempts.
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    return this.delivery.deliver(job.data.id, { lastAttempt });
  }

  /** A Redis outage makes the worker emit errors on every reconnect: log them, at most once a minute. */
  @OnWorkerEvent('error')
  onError(err: Error): void {
    if (Date.now() - this.lastError < 60_000) return;
    this.lastError = Date.now();
    this.logger.warn(
      { err: err.message },
      'notifications worker cannot reach Redis; undelivered messages stay pending in the database',
    );
  }
}
