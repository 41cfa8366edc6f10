import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { DeliveryService } from './delivery.service';
import { NOTIFICATIONS_QUEUE } from './notifications.service';

/** The delivery worker: one job per email / webhook notification, retried with exponential backoff. */
@Processor(NOTIFICATIONS_QUEUE, { concurrency: 8 })
export class NotificationsProcessor extends WorkerHost {
  constructor(private readonly delivery: DeliveryService) {
    super();
  }

  async process(job: Job<{ id?: string }>): Promise<unknown> {
    if (!job.data?.id) throw new Error(`notification job ${job.id} has no id`);
    // attemptsMade counts the attempts before this one; BullMQ retries while attemptsMade + 1 < attempts.
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    return this.delivery.deliver(job.data.id, { lastAttempt });
  }
}
