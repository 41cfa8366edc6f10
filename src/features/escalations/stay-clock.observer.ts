import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { startsClock } from '../../kernel/suitability';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { StayEvents, StayObserver } from '../stays/stay-events';
import { Stay } from '../stays/stay.entity';
import { ClockPlanner } from './clock-planner';
import { StepWakeUps } from './step-wake-ups';

/**
 * The escalation clock starts and stops with stays: a thin adapter from stay events (inside the
 * stay's transaction) to the planner, with the wake-ups queued after the commit.
 */
@Injectable()
export class StayClockObserver implements StayObserver, OnModuleInit {
  constructor(
    private readonly stayEvents: StayEvents,
    private readonly planner: ClockPlanner,
    private readonly wakeUps: StepWakeUps,
    private readonly uow: UnitOfWork,
  ) {}

  onModuleInit(): void {
    this.stayEvents.subscribe(this);
  }

  async stayStarted(em: EntityManager, stay: Stay, previous: Stay | null): Promise<void> {
    if (!startsClock(stay)) return;
    if (previous?.clockStayId && previous.endedAt && previous.endedAt.getTime() === stay.startedAt.getTime()) {
      // A move from one unsuitable place to another: the same clock keeps running.
      stay.clockStayId = previous.clockStayId;
      await em.flush();
      return;
    }
    stay.clockStayId = stay.id;
    await em.flush();
    const rows = await this.planner.startClocks(em, [stay]);
    this.uow.afterCommit(() => this.wakeUps.wake(rows));
  }

  async stayEnded(em: EntityManager, stay: Stay, next: Stay | null): Promise<void> {
    if (!stay.clockStayId) return;
    if (next && startsClock(next)) return; // the clock carries on into the next stay
    await this.planner.stopClock(em, stay.clockStayId, stay, next);
  }
}
