import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Stay } from './stay.entity';

/** Work to do once the transaction has committed (e.g. wake-up timers in Redis). */
export type AfterCommit = () => Promise<void>;

export interface StayObserver {
  /** Called inside the transaction that starts the stay; may return work for after the commit. */
  stayStarted(em: EntityManager, stay: Stay, previous: Stay | null): Promise<AfterCommit | void>;
  /** Called inside the transaction that ends the stay (`next` is the stay that superseded it, if any). */
  stayEnded(em: EntityManager, stay: Stay, next: Stay | null): Promise<AfterCommit | void>;
}

/** Stays tell their observers (the escalation clock) when they start and end. */
@Injectable()
export class StayEvents {
  private readonly observers: StayObserver[] = [];

  subscribe(observer: StayObserver): void {
    this.observers.push(observer);
  }

  async started(em: EntityManager, stay: Stay, previous: Stay | null, after: AfterCommit[]): Promise<void> {
    for (const o of this.observers) {
      const job = await o.stayStarted(em, stay, previous);
      if (job) after.push(job);
    }
  }

  async ended(em: EntityManager, stay: Stay, next: Stay | null, after: AfterCommit[]): Promise<void> {
    for (const o of this.observers) {
      const job = await o.stayEnded(em, stay, next);
      if (job) after.push(job);
    }
  }
}

/** Runs after-commit work; a failure is logged by the caller and left to the sweep to repair. */
export async function runAfterCommit(jobs: AfterCommit[], onError: (e: unknown) => void): Promise<void> {
  for (const job of jobs) {
    try {
      await job();
    } catch (e) {
      onError(e);
    }
  }
}
