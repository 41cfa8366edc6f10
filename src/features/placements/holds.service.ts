import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { AuditService } from '../audit/audit.service';
import { CLOCK, Clock } from '../../platform/clock';
import { londonDate } from '../../kernel/dates';
import { conflict, invalidField, isDomainError, notFound, type DomainError } from '../../kernel/errors';
import {
  checkExtension,
  checkPlannedMoveIn,
  decideExtendHold,
  decideHoldForRequest,
  decideReleaseHold,
  enforce,
  releaseNeedsReason,
  shortDate,
} from '../../kernel/hold-rules';
import { initials } from '../../kernel/statutory-limits';
import { hardRuleViolations, toMatchPerson } from '../../kernel/matching';
import { type AuthUser } from '../../kernel/roles';
import { Page } from '../../platform/pagination';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { Scheduler } from '../../platform/queue/scheduler';
import { TimerRegistry } from '../../platform/queue/timer-registry';
import { BedHolders } from '../inventory/bed-holders';
import { BedStateService } from '../inventory/bed-state.service';
import { MatchInventory } from '../inventory/match-inventory';
import { NotificationsService } from '../notifications/notifications.service';
import { YoungPerson } from '../young-people/young-person.entity';
import { PlacementActions } from './placement-actions';
import { Hold, PlacementRequest } from './placement.entities';
import { checkNoRuleBroken } from './placement-rules';
import { toMatchRequest } from './placement.views';
import { CreateHoldDto, ExtendHoldDto, HoldView, ReleaseHoldDto } from './placements.dto';
import { PlacementsRepository } from './placements.repository';
import { RequestVisibility } from './request-visibility';

export const HOLD_EXPIRY = 'hold-expiry';

const conflictOf = (message: string, details: Record<string, unknown>): DomainError =>
  conflict(message, 'bed_state', details);

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
    private readonly actions: PlacementActions,
    private readonly notifications: NotificationsService,
    private readonly bedHolders: BedHolders,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.timers.register(HOLD_EXPIRY, (id) => this.expire(id));
    this.timers.registerSweeper('holds', () => this.sweepHolds());
    this.bedHolders.provide((bedIds) => this.actions.bedHolders(bedIds));
  }

  async holdsOf(user: AuthUser, requestId: string): Promise<Page<HoldView>> {
    await this.visibility.findVisibleRequest(user, requestId);
    const rows = await this.repo.holdsOf(requestId);
    return { items: await this.actions.holdViews(user, rows), total: rows.length };
  }

  async getHold(user: AuthUser, id: string): Promise<HoldView> {
    return this.actions.holdView(user, (await this.visibility.findVisibleHold(user, id, false)).hold);
  }

  /**
   * Holds a bed for a request: 422 when the bed breaks a rule for this young person, 409 when it is
   * not available (of many officers holding one bed at once, exactly one wins). The hold releases
   * itself after HOLD_FOR through a delayed job, re-checked against the database when it fires.
   */
  async hold(user: AuthUser, requestId: string, dto: CreateHoldDto): Promise<HoldView> {
    return this.uow.run(async (em) => {
      const { request: r, person } = await this.visibility.findVisibleRequest(user, requestId, { lock: true });
      const facts = await this.actions.requestFacts(r);
      const live = facts.liveHold;
      enforce(
        decideHoldForRequest(user, facts, dto.additional === true),
        live
          ? {
              holdId: live.holdId,
              bedId: live.bedId,
              heldByUserId: live.heldByUserId,
              heldByName: live.holderName,
              heldUntil: live.expiresAt.toISOString(),
            }
          : { requestStatus: r.status },
      );
      const now = this.clock.now();
      const moveInAt = dto.moveInAt === undefined ? null : new Date(dto.moveInAt);
      if (moveInAt) checkPlannedMoveIn(moveInAt, now, now, this.actions.limits);
      const bed = await this.inventory.one(dto.bedId);
      if (!bed) throw notFound('Bed', dto.bedId);
      if (bed.status !== 'available') throw await this.bedTaken(bed.id, bed.status);
      const today = londonDate(now);
      const ruleDate = moveInAt && londonDate(moveInAt) > today ? londonDate(moveInAt) : today;
      const rules = moveInAt ? { ...toMatchRequest(r), neededBy: ruleDate } : toMatchRequest(r);
      checkNoRuleBroken(hardRuleViolations(toMatchPerson(person), rules, bed, ruleDate), 'hold');
      try {
        await this.bedState.transition(em, bed.id, {
          to: 'held',
          from: ['available'],
          actorUserId: user.id,
          action: 'bed.held',
          detail: { requestId: r.id },
        });
      } catch (e) {
        // Another officer won the race for this bed: name them (their hold is committed by now).
        if (isDomainError(e, 'conflict') && e.code === 'bed_state')
          throw await this.bedTaken(bed.id, (e.details.bedStatus as string) ?? 'held');
        throw e;
      }
      const h = await this.recordHold(em, user, r, bed.id, moveInAt, facts.liveHold !== null);
      this.uow.afterCommit(() => this.scheduler.schedule([{ kind: HOLD_EXPIRY, id: h.id, at: h.expiresAt }]));
      return this.actions.holdView(user, h);
    });
  }

  /** The 409 for a bed that is not available; a held one names its holder and until when. */
  private async bedTaken(bedId: string, status: string): Promise<DomainError> {
    const holder = status === 'held' ? (await this.actions.bedHolders([bedId])).get(bedId) : undefined;
    if (!holder) return conflictOf(`The bed is ${status.replace(/_/g, ' ')}`, { bedStatus: status });
    return conflictOf(`Held by ${holder.name} until ${shortDate(holder.until, true)}`, {
      bedStatus: status,
      holdId: holder.holdId,
      heldByUserId: holder.userId,
      heldByName: holder.name,
      heldUntil: holder.until.toISOString(),
    });
  }

  /**
   * Extends a live hold to `until`, with a reason: never past HOLD_MAX_LIFE from when it was made
   * (422 `hold_limit`). Audited; the expiry wake-up moves with it.
   */
  async extend(user: AuthUser, holdId: string, dto: ExtendHoldDto): Promise<HoldView> {
    const until = new Date(dto.until);
    return this.uow.run(async (em) => {
      const { hold: h } = await this.visibility.findVisibleHold(user, holdId, true);
      const now = this.clock.now();
      enforce(decideExtendHold(user, await this.actions.holdFactsOf(h), now, this.actions.limits), {
        holdStatus: h.status,
      });
      checkExtension(until, h, this.actions.limits);
      const from = h.expiresAt;
      h.expiresAt = until;
      await this.repo.flush();
      this.audit.record(em, {
        actorUserId: user.id,
        action: 'hold.extended',
        entity: 'Hold',
        entityId: h.id,
        changes: { expiresAt: { from: from.toISOString(), to: until.toISOString() }, reason: dto.reason },
      });
      this.uow.afterCommit(() => this.scheduler.schedule([{ kind: HOLD_EXPIRY, id: h.id, at: until }]));
      return this.actions.holdView(user, h);
    });
  }

  /** Writes the hold of a bed already moved to held, and moves its request to held. */
  private async recordHold(
    em: EntityManager,
    user: AuthUser,
    r: PlacementRequest,
    bedId: string,
    moveInAt: Date | null,
    additional: boolean,
  ): Promise<Hold> {
    const now = this.clock.now();
    const h = this.repo.addHold({
      requestId: r.id,
      bedId,
      status: 'held',
      expiresAt: new Date(now.getTime() + Math.min(this.config.holdForMs, this.config.holdMaxLifeMs)),
      createdByUserId: user.id,
      createdAt: now,
      moveInAt,
    });
    const from = r.status;
    r.status = 'held';
    await this.repo.flush();
    this.audit.record(em, {
      actorUserId: user.id,
      action: 'hold.created',
      entity: 'Hold',
      entityId: h.id,
      changes: {
        requestId: r.id,
        bedId,
        expiresAt: h.expiresAt.toISOString(),
        moveInAt: moveInAt?.toISOString() ?? null,
        ...(additional ? { additional: true } : {}),
      },
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

  /**
   * Releases a held bed. Your own hold needs no reason; a colleague's needs one (400 without), and
   * the colleague is told in their inbox (the young person's reference and initials, and a link).
   */
  async release(user: AuthUser, holdId: string, dto: ReleaseHoldDto = {}): Promise<HoldView> {
    return this.uow.run(async (em) => {
      const { hold: h, person } = await this.visibility.findVisibleHold(user, holdId, true);
      const facts = await this.actions.holdFactsOf(h);
      enforce(decideReleaseHold(user, facts, this.clock.now()), { holdStatus: h.status });
      const colleague = releaseNeedsReason(user, h);
      if (colleague && !dto.reason) throw invalidField('reason', "is needed to release a colleague's hold");
      await this.endHold(em, h, 'released', user.id, this.clock.now(), 'hold.released', dto.reason);
      await this.repo.flush();
      if (colleague) await this.tellHolder(em, user, h, person);
      this.uow.afterCommit(() => this.scheduler.cancel(HOLD_EXPIRY, holdId));
      return this.actions.holdView(user, h);
    });
  }

  /** The colleague whose hold was released is told: who released it, a reference and initials, a link. */
  private async tellHolder(em: EntityManager, user: AuthUser, h: Hold, y: YoungPerson): Promise<void> {
    const who = `${y.reference} ${initials(y.firstName, y.lastName)}`;
    const link = `${this.config.publicBaseUrl}/holds/${h.id}`;
    await this.notifications.notifyUser(em, {
      dedupeKey: `hold-released:${h.id}`,
      userId: h.createdByUserId,
      kind: 'hold.released',
      subject: `Your hold for ${who} was released`,
      body: `${user.name} released your hold on a bed for ${who}; the reason is on the hold: ${link}`,
      link,
      youngPersonId: y.id,
      channels: ['in_app'],
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
    if (reason) h.endReason = reason;
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
