import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { AuditService } from '../audit/audit.service';
import { CLOCK, Clock } from '../../platform/clock';
import { londonDate } from '../../kernel/dates';
import { notFound } from '../../kernel/errors';
import { hardRuleViolations, toMatchPerson } from '../../kernel/matching';
import { type AuthUser } from '../../kernel/roles';
import { Page } from '../../platform/pagination';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { Scheduler } from '../../platform/queue/scheduler';
import { TimerRegistry } from '../../platform/queue/timer-registry';
import { BedStateService } from '../inventory/bed-state.service';
import { MatchInventory } from '../inventory/match-inventory';
import { Hold, PlacementRequest } from './placement.entities';
import { checkBedAvailable, checkCanHold, checkHoldHeld, checkNoRuleBroken } from './placement-rules';
import { toHoldView, toMatchRequest } from './placement.views';
import { CreateHoldDto, HoldView, ReleaseHoldDto } from './placements.dto';
import { PlacementsRepository } from './placements.repository';
import { RequestVisibility } from './request-visibility';

export const HOLD_EXPIRY = 'hold-expiry';

/**
 * Holds on beds: taking one for a request, releasing it, and its expiry (a delayed wake-up, re-checked
 * against PostgreSQL when it fires, and a sweep that rebuilds every wake-up). Confirming a hold (the
 * move-in) is HoldConfirmationService.
 */
@Injectable()
export class HoldsService implements OnModuleInit {
  constructor(
    private readonly repo: PlacementsRepository,
    private readonly visibility: RequestVisibility,
    private readonly bedState: BedStateService,
    private readonly inventory: MatchInventory,
    private readonly scheduler: Scheduler,
    private readonly timers: TimerRegistry,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.timers.register(HOLD_EXPIRY, (id) => this.expire(id));
    this.timers.registerSweeper('holds', () => this.sweepHolds());
  }

  async holdsOf(user: AuthUser, requestId: string): Promise<Page<HoldView>> {
    await this.visibility.findVisibleRequest(user, requestId);
    const rows = await this.repo.holdsOf(requestId);
    return { items: rows.map(toHoldView), total: rows.length };
  }

  async getHold(user: AuthUser, id: string): Promise<HoldView> {
    return toHoldView((await this.visibility.findVisibleHold(user, id, false)).hold);
  }

  /**
   * Holds a bed for a request: 422 when the bed breaks a rule for this young person, 409 when it is
   * not available (of many officers holding one bed at once, exactly one wins). The hold releases
   * itself after HOLD_FOR through a delayed job, re-checked against the database when it fires.
   */
  async hold(user: AuthUser, requestId: string, dto: CreateHoldDto): Promise<HoldView> {
    return this.uow.run(async (em) => {
      const { request: r, person } = await this.visibility.findVisibleRequest(user, requestId, { lock: true });
      checkCanHold(r.status);
      const bed = await this.inventory.one(dto.bedId);
      if (!bed) throw notFound('Bed', dto.bedId);
      checkBedAvailable(bed);
      const today = londonDate(this.clock.now());
      checkNoRuleBroken(hardRuleViolations(toMatchPerson(person), toMatchRequest(r), bed, today), 'hold');
      await this.bedState.transition(em, bed.id, {
        to: 'held',
        from: ['available'],
        actorUserId: user.id,
        action: 'bed.held',
        detail: { requestId: r.id },
      });
      const h = await this.recordHold(em, user, r, bed.id);
      this.uow.afterCommit(() => this.scheduler.schedule([{ kind: HOLD_EXPIRY, id: h.id, at: h.expiresAt }]));
      return toHoldView(h);
    });
  }

  /** Writes the hold of a bed already moved to held, and moves its request to held. */
  private async recordHold(em: EntityManager, user: AuthUser, r: PlacementRequest, bedId: string): Promise<Hold> {
    const now = this.clock.now();
    const h = this.repo.addHold({
      requestId: r.id,
      bedId,
      status: 'held',
      expiresAt: new Date(now.getTime() + this.config.holdForMs),
      createdByUserId: user.id,
      createdAt: now,
    });
    const from = r.status;
    r.status = 'held';
    await this.repo.flush();
    this.audit.record(em, {
      actorUserId: user.id,
      action: 'hold.created',
      entity: 'Hold',
      entityId: h.id,
      changes: { requestId: r.id, bedId, expiresAt: h.expiresAt.toISOString() },
    });
    if (from !== 'held')
      this.audit.record(em, {
        actorUserId: user.id,
        action: 'placement_request.held',
        entity: 'PlacementRequest',
        entityId: r.id,
        changes: { status: { from, to: 'held' } },
      });
    return h;
  }

  async release(user: AuthUser, holdId: string, dto: ReleaseHoldDto = {}): Promise<HoldView> {
    return this.uow.run(async (em) => {
      const { hold: h } = await this.visibility.findVisibleHold(user, holdId, true);
      checkHoldHeld(h.status);
      await this.endHold(em, h, 'released', user.id, this.clock.now(), 'hold.released', dto.reason);
      await this.repo.flush();
      this.uow.afterCommit(() => this.scheduler.cancel(HOLD_EXPIRY, holdId));
      return toHoldView(h);
    });
  }

  /** Releases the request's live holds (but `exceptId`): the request is withdrawn or placed. */
  async releaseLiveHolds(
    em: EntityManager,
    requestId: string,
    actorUserId: string,
    now: Date,
    exceptId?: string,
  ): Promise<void> {
    for (const h of await this.repo.liveHoldsOf(requestId, exceptId))
      await this.endHold(em, h, 'released', actorUserId, now, 'hold.released');
  }

  /** The expiry timer: a no-op unless the hold is still live and past its time. */
  async expire(holdId: string): Promise<void> {
    const reschedule = await this.uow.run(async (em) => {
      const h = await this.repo.findHold(holdId, true);
      if (!h || h.status !== 'held') return null;
      const now = this.clock.now();
      if (h.expiresAt.getTime() > now.getTime()) return h.expiresAt;
      await this.endHold(em, h, 'expired', null, now, 'hold.expired');
      await this.repo.flush();
      return null;
    });
    if (reschedule) await this.scheduler.schedule([{ kind: HOLD_EXPIRY, id: holdId, at: reschedule }]);
  }

  /** Expires overdue holds and makes sure every live hold has its wake-up (a wiped Redis loses none). */
  async sweepHolds(): Promise<{ expired: number; scheduled: number }> {
    const now = this.clock.now();
    const live = await this.repo.liveHolds();
    let expired = 0;
    const pending = [];
    for (const h of live) {
      if (h.expiresAt.getTime() <= now.getTime()) {
        await this.expire(h.id);
        expired++;
      } else pending.push({ kind: HOLD_EXPIRY, id: h.id, at: h.expiresAt });
    }
    await this.scheduler.schedule(pending);
    return { expired, scheduled: pending.length };
  }

  /** Ends a live hold (released or expired): frees the bed and reopens the request if nothing else holds for it. */
  private async endHold(
    em: EntityManager,
    h: Hold,
    status: 'released' | 'expired',
    actorUserId: string | null,
    now: Date,
    action: string,
    reason?: string,
  ): Promise<void> {
    h.status = status;
    h.endedAt = now;
    h.endedByUserId = actorUserId;
    await this.bedState.transition(em, h.bedId, {
      to: 'available',
      from: ['held'],
      actorUserId,
      action: status === 'expired' ? 'bed.hold_expired' : 'bed.hold_released',
      detail: { holdId: h.id },
    });
    await this.repo.flush();
    this.audit.record(em, {
      actorUserId,
      action,
      entity: 'Hold',
      entityId: h.id,
      changes: { status: { from: 'held', to: status }, ...(reason ? { reason } : {}) },
    });
    await this.reopenIfUnheld(em, h, actorUserId);
  }

  /** A held request whose last live hold has ended is open again. */
  private async reopenIfUnheld(em: EntityManager, h: Hold, actorUserId: string | null): Promise<void> {
    const r = await this.repo.findRequest(h.requestId, true);
    if (!r || r.status !== 'held' || (await this.repo.hasLiveHold(r.id))) return;
    r.status = 'open';
    this.audit.record(em, {
      actorUserId,
      action: 'placement_request.reopened',
      entity: 'PlacementRequest',
      entityId: r.id,
      changes: { status: { from: 'held', to: 'open' }, holdId: h.id },
    });
  }
}
