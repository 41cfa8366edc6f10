/**
 * The bare BullMQ baselines the escalation benchmark runs beside the service: the same `bullmq`
 * package and Redis, a queue under its own unique prefix (removed afterwards), no PostgreSQL, no
 * application code. Jobs carry the same options as the service's timers (see BullMqScheduler).
 */
import { Job, Queue, Worker } from 'bullmq';
import { performance } from 'node:perf_hooks';
import { redisOptionsFromUrl } from '../src/platform/redis/redis-options';
import { deletePrefix, REDIS } from './support';

const connection = () => ({ ...redisOptionsFromUrl(REDIS), maxRetriesPerRequest: null });

/** The options BullMqScheduler gives every timer job, so both sides write the same job records. */
const timerOpts = (id: string, delay: number) => ({
  jobId: `step-due-${id}`,
  delay,
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600 },
});

/** A queue under a prefix of its own, and how to remove every key it made. */
function bareQueue(kind: string): { queue: Queue; prefix: string; name: string; cleanUp: () => Promise<void> } {
  const prefix = `clabare${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const name = `bare-${kind}`;
  const queue = new Queue(name, { connection: connection(), prefix });
  const cleanUp = async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    // Obliterate leaves nothing of the queue's jobs; sweep the prefix in case of stray meta keys.
    await deletePrefix(prefix);
  };
  return { queue, prefix, name, cleanUp };
}

export interface BareScheduling {
  jobs: number;
  seconds: number;
  prefix: string;
  /** The lateness run made straight after the addBulk, on the same queue with every job still in Redis. */
  lateness?: BareLateness;
}

/**
 * Bare `queue.addBulk` of `jobs` delayed jobs (due in `delayMs`), laid out like the engine's batch
 * path: `parallel` workers each take `batch` jobs at a time and send them `chunk` to an addBulk call
 * (BullMqScheduler's chunk). No worker consumes the queue while they are added. With `thenLateness`,
 * a lateness run (see `bareLateness`) follows at once on the same queue, the jobs still delayed in it.
 */
export async function bareScheduling(opts: {
  jobs: number;
  batch: number;
  parallel: number;
  chunk?: number;
  delayMs?: number;
  thenLateness?: LatenessOptions;
}): Promise<BareScheduling> {
  const chunk = opts.chunk ?? 1000;
  const delayMs = opts.delayMs ?? 20 * 60_000;
  const { queue, name, prefix, cleanUp } = bareQueue('scheduling');
  try {
    await queue.waitUntilReady();
    const t = performance.now();
    let nextBatch = 0;
    await Promise.all(
      Array.from({ length: opts.parallel }, async () => {
        while (nextBatch < opts.jobs) {
          const n = Math.min(opts.batch, opts.jobs - nextBatch);
          nextBatch += n;
          for (let i = 0; i < n; i += chunk) {
            const now = Date.now();
            await queue.addBulk(
              Array.from({ length: Math.min(chunk, n - i) }, () => {
                const id = crypto.randomUUID();
                return {
                  name: 'step-due',
                  data: { id, at: new Date(now + delayMs).toISOString() },
                  opts: timerOpts(id, delayMs),
                };
              }),
            );
          }
        }
      }),
    );
    const seconds = (performance.now() - t) / 1000;
    const delayed = await queue.getDelayedCount();
    if (delayed !== opts.jobs)
      throw new Error(`bare scheduling: ${delayed} delayed jobs in Redis, expected ${opts.jobs}`);
    const lateness = opts.thenLateness ? await latenessOn(queue, name, prefix, opts.thenLateness) : undefined;
    return { jobs: opts.jobs, seconds, prefix, lateness };
  } finally {
    await cleanUp();
  }
}

export interface BareLateness {
  /** Date.now() - dueAt when the worker picked each job up, in ms. */
  samples: number[];
  expected: number;
  prefix: string;
}

export interface LatenessOptions {
  stays: number;
  ladderMs: number[];
  overSeconds?: number;
  openers?: number;
  concurrency?: number;
  timeoutMs?: number;
}

/**
 * Bare fire lateness: `stays` openings paced evenly over `overSeconds` by `openers` concurrent
 * loops (as the service's lateness run opens stays), each opening one addBulk of a delayed job per
 * ladder step, stamped with its due time at creation; a Worker (concurrency 16, as the service's
 * timers worker) that only records Date.now() - dueAt.
 */
export async function bareLateness(opts: LatenessOptions): Promise<BareLateness> {
  const { queue, name, prefix, cleanUp } = bareQueue('lateness');
  try {
    return await latenessOn(queue, name, prefix, opts);
  } finally {
    await cleanUp();
  }
}

/** The lateness run on a given queue (its own, or one still holding the scheduling run's jobs). */
async function latenessOn(queue: Queue, name: string, prefix: string, opts: LatenessOptions): Promise<BareLateness> {
  const overSeconds = opts.overSeconds ?? 20;
  const expected = opts.stays * opts.ladderMs.length;
  const samples: number[] = [];
  let worker: Worker | undefined;
  try {
    let resolveAll!: () => void;
    const all = new Promise<void>((r) => (resolveAll = r));
    worker = new Worker(
      name,
      (job: Job<{ dueAt: number }>) => {
        samples.push(Date.now() - job.data.dueAt);
        if (samples.length >= expected) resolveAll();
        return Promise.resolve();
      },
      { connection: connection(), prefix, concurrency: opts.concurrency ?? 16 },
    );
    await Promise.all([queue.waitUntilReady(), worker.waitUntilReady()]);
    const perSecond = opts.stays / overSeconds;
    const t = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: opts.openers ?? 8 }, async () => {
        while (next < opts.stays) {
          const i = next++;
          const wait = t + (i / perSecond) * 1000 - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          const now = Date.now();
          await queue.addBulk(
            opts.ladderMs.map((after) => {
              const id = crypto.randomUUID();
              return { name: 'step-due', data: { id, dueAt: now + after }, opts: timerOpts(id, after) };
            }),
          );
        }
      }),
    );
    const timeout = new Promise<void>((r) => setTimeout(r, opts.timeoutMs ?? 120_000).unref());
    await Promise.race([all, timeout]);
    return { samples: [...samples], expected, prefix };
  } finally {
    await worker?.close();
  }
}
