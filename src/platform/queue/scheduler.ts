/**
 * The scheduler port: "wake me at `at` to handle timer `kind` for record `id`". PostgreSQL holds
 * the truth (the hold's expiry, the step's due time); the scheduler only wakes a worker, so a lost
 * wake-up is caught by the periodic sweep and a doubled one is a no-op in the handler.
 */
export interface TimerRequest {
  kind: string;
  id: string;
  at: Date;
}

export abstract class Scheduler {
  /** Idempotent: the same (kind, id) scheduled twice is one job. */
  abstract schedule(timers: TimerRequest[]): Promise<void>;
  abstract cancel(kind: string, id: string): Promise<void>;
  /** Whether a wake-up for (kind, id) is waiting (delayed, waiting or active). */
  abstract isScheduled(kind: string, id: string): Promise<boolean>;
}

/** BullMQ job ids may not contain ':' or be all digits; `kind-uuid` is neither. */
export const timerJobId = (kind: string, id: string) => `${kind}-${id}`;

export type TimerHandler = (id: string) => Promise<void>;
export type Sweeper = () => Promise<unknown>;
