import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Stay } from './stay.entity';

/**
 * Told when stays start and end, inside the transaction that makes the change (the escalation
 * clock starts and stops here). Work for after the commit goes through `UnitOfWork.afterCommit`.
 */
export interface StayObserver {
  stayStarted(em: EntityManager, stay: Stay, previous: Stay | null): Promise<void>;
  /** `next` is the stay that superseded this one, if any. */
  stayEnded(em: EntityManager, stay: Stay, next: Stay | null): Promise<void>;
}

/** Stays tell their observers (the escalation clock) when they start and end. */
@Injectable()
export class StayEvents {
  private readonly observers: StayObserver[] = [];

  subscribe(observer: StayObserver): void {
    this.observers.push(observer);
  }

  async started(em: EntityManager, stay: Stay, previous: Stay | null): Promise<void> {
    for (const o of this.observers) await o.stayStarted(em, stay, previous);
  }

  async ended(em: EntityManager, stay: Stay, next: Stay | null): Promise<void> {
    for (const o of this.observers) await o.stayEnded(em, stay, next);
  }
}
