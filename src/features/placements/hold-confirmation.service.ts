import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { AuditService } from '../audit/audit.service';
import { CLOCK, Clock } from '../../platform/clock';
import { EMERGENCY_CODES } from '../../kernel/accommodation';
import { ageOn, londonDate } from '../../kernel/dates';
import { invalidField, notFound } from '../../kernel/errors';
import { checkPlannedMoveIn, decideConfirmHold, enforce } from '../../kernel/hold-rules';
import { hardRuleViolations, toMatchPerson, type MatchBed } from '../../kernel/matching';
import { type AuthUser } from '../../kernel/roles';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { Scheduler } from '../../platform/queue/scheduler';
import { TimerRegistry } from '../../platform/queue/timer-registry';
import { UsersRepository } from '../users/users.repository';
import { BedStateService } from '../inventory/bed-state.service';
import { MatchInventory } from '../inventory/match-inventory';
import { StaysService, toStayView } from '../stays/stays.service';
import { StayView } from '../stays/stays.dto';
import { YoungPerson } from '../young-people/young-person.entity';
import { HOLD_EXPIRY, HoldsService } from './holds.service';
import { Hold, PlacementRequest } from './placement.entities';
import { PlacementActions } from './placement-actions';
import { checkMoveInAt, checkNoRuleBroken, levelSuitability } from './placement-rules';
import { toMatchRequest } from './placement.views';
import { ConfirmHoldDto, HoldView } from './placements.dto';
import { PlacementsRepository } from './placements.repository';
import { RequestNotices } from './request-notices.service';
import { RequestVisibility } from './request-visibility';

export const HOLD_MOVE_IN = 'hold-move-in';

/** Clients' clocks drift: a move-in up to this far ahead of ours is taken as "now" (as POST /stays does). */
const FUTURE_TOLERANCE_MS = 60_000;

/** A confirmation: the stay that started now, or the hold confirmed for a move-in still to come. */
export type Confirmation = { kind: 'moved_in'; stay: StayView } | { kind: 'planned'; hold: HoldView };

/**
 * Confirming a hold: the young person moves in, now (or a little in the past), or at a planned
 * time still to come. A planned move-in leaves the young person's current stay — and its escalation
 * clock — running: the hold is `confirmed` with no stay, the bed stays held, and at `moveInAt` the
 * HOLD_MOVE_IN timer (rebuilt by a sweep from PostgreSQL) starts the new stay, which ends the
 * current one then. The move happens once: the timer re-reads the hold under a lock and does
 * nothing once it has a stay.
 */
@Injectable()
export class HoldConfirmationService implements OnModuleInit {
  private readonly logger = new Logger(HoldConfirmationService.name);

  constructor(
    private readonly repo: PlacementsRepository,
    private readonly visibility: RequestVisibility,
    private readonly holds: HoldsService,
    private readonly bedState: BedStateService,
    private readonly inventory: MatchInventory,
    private readonly stays: StaysService,
    private readonly scheduler: Scheduler,
    private readonly timers: TimerRegistry,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly actions: PlacementActions,
    private readonly users: UsersRepository,
    private readonly notices: RequestNotices,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.timers.register(HOLD_MOVE_IN, (id) => this.moveIn(id));
    this.timers.registerSweeper('hold-move-ins', () => this.sweepMoveIns());
  }

  /** Confirms a live hold; the stay it started (the API's 201), for callers that move in now. */
  async confirm(user: AuthUser, holdId: string, dto: ConfirmHoldDto): Promise<StayView> {
    const done = await this.confirmOrPlan(user, holdId, dto);
    if (done.kind === 'planned')
      throw invalidField('moveInAt', 'is in the future: the move-in is planned, not done (use confirmOrPlan)');
    return done.stay;
  }

  /**
   * Confirms a live hold: the rules are judged again for the move-in, and the request is placed and
   * its other holds are released. Moving in now (or in the past): the bed is occupied and the stay
   * starts. A move-in still to come (given, or the hold's planned one): the hold waits for it.
   */
  async confirmOrPlan(user: AuthUser, holdId: string, dto: ConfirmHoldDto): Promise<Confirmation> {
    const given = dto.moveInAt === undefined ? undefined : new Date(dto.moveInAt);
    if (given && Number.isNaN(given.getTime())) throw invalidField('moveInAt', 'must be an ISO-8601 instant');
    return this.uow.run(async (em) => {
      const {
        hold: h,
        request: r,
        person: y,
      } = await this.visibility.findVisibleHold(user, holdId, true, {
        lock: true,
        lockPerson: true,
      });
      const now = this.clock.now();
      enforce(decideConfirmHold(user, await this.actions.holdFactsOf(h), now), {
        holdStatus: h.status === 'held' ? 'expired' : h.status,
      });
      const planned = h.moveInAt && h.moveInAt.getTime() > now.getTime() ? h.moveInAt : null;
      const wanted = given ?? planned ?? now;
      const future = wanted.getTime() > now.getTime() + FUTURE_TOLERANCE_MS;
      const moveInAt = future || wanted.getTime() <= now.getTime() ? wanted : now;
      if (future) checkPlannedMoveIn(moveInAt, h.createdAt, now, this.actions.limits);
      else checkMoveInAt(moveInAt, h.createdAt);
      const bed = await this.inventory.one(h.bedId);
      if (!bed) throw notFound('Bed', h.bedId);
      this.checkRulesAtMoveIn(y, r, bed, moveInAt);
      h.moveInAt = moveInAt;
      if (future) {
        await this.place(em, user, h, r, null, now);
        this.uow.afterCommit(async () => {
          await this.scheduler.cancel(HOLD_EXPIRY, holdId);
          await this.scheduler.schedule([{ kind: HOLD_MOVE_IN, id: holdId, at: moveInAt }]);
        });
        return { kind: 'planned', hold: await this.actions.holdView(user, h) };
      }
      const stay = await this.startStayFor(em, user.id, h, y, bed, moveInAt);
      await this.place(em, user, h, r, stay.id, now);
      this.uow.afterCommit(() => this.scheduler.cancel(HOLD_EXPIRY, holdId));
      return { kind: 'moved_in', stay: toStayView(stay) };
    });
  }

  /** The held bed is occupied and the stay starts at `moveInAt` (ending the current one then). */
  private async startStayFor(
    em: EntityManager,
    actorUserId: string | null,
    h: Hold,
    y: YoungPerson,
    bed: MatchBed,
    moveInAt: Date,
  ) {
    await this.bedState.transition(em, h.bedId, {
      to: 'occupied',
      from: ['held'],
      actorUserId,
      action: 'bed.occupied',
      detail: { holdId: h.id },
    });
    return this.stays.startStay(em, actorUserId, {
      youngPerson: y,
      bed: { ...bed, status: 'occupied' },
      accommodationCode: bed.level.accommodationCode,
      suitable: levelSuitability(bed.level, ageOn(y.dateOfBirth, londonDate(moveInAt))),
      emergency: bed.level.emergency || EMERGENCY_CODES.includes(bed.level.accommodationCode),
      startedAt: moveInAt,
      holdId: h.id,
    });
  }

  /**
   * The planned move-in is due: the stay starts at `moveInAt` and the current one ends then, if
   * the bed still meets every hard rule for the young person (else it throws, and the sweep tells
   * the officers once). A no-op unless the hold is still confirmed without a stay; rescheduled when
   * it is not due yet.
   */
  async moveIn(holdId: string): Promise<void> {
    const reschedule = await this.uow.run(async (em) => {
      const h = await this.repo.findHold(holdId, true);
      if (!h || h.status !== 'confirmed' || h.stayId || !h.moveInAt) return null;
      if (h.moveInAt.getTime() > this.clock.now().getTime()) return h.moveInAt;
      const confirmer = h.endedByUserId ? await this.users.findById(h.endedByUserId) : null;
      if (!confirmer) throw notFound('User', h.endedByUserId ?? undefined);
      const actor = { ...confirmer, area: confirmer.area ?? null };
      const { request: r, person: y } = await this.visibility.findVisibleHold(actor, holdId, false, {
        lockPerson: true,
      });
      const bed = await this.inventory.one(h.bedId);
      if (!bed) throw notFound('Bed', h.bedId);
      // The record may have changed since the confirm (a new risk, an area to avoid): judged again.
      this.checkRulesAtMoveIn(y, r, bed, h.moveInAt);
      const stay = await this.startStayFor(em, confirmer.id, h, y, bed, h.moveInAt);
      h.stayId = stay.id;
      await this.repo.flush();
      this.audit.record(em, {
        actorUserId: confirmer.id,
        action: 'hold.moved_in',
        entity: 'Hold',
        entityId: h.id,
        changes: { stayId: stay.id, moveInAt: h.moveInAt.toISOString() },
      });
      return null;
    });
    if (reschedule) await this.scheduler.schedule([{ kind: HOLD_MOVE_IN, id: holdId, at: reschedule }]);
  }

  /** Moves in every planned move-in that is due and gives the rest their wake-up (a wiped Redis loses none). */
  async sweepMoveIns(): Promise<{ movedIn: number; scheduled: number }> {
    const now = this.clock.now();
    let movedIn = 0;
    const pending = [];
    for (const h of await this.repo.pendingMoveIns()) {
      if (!h.moveInAt) continue;
      if (h.moveInAt.getTime() > now.getTime()) {
        pending.push({ kind: HOLD_MOVE_IN, id: h.id, at: h.moveInAt });
        continue;
      }
      try {
        await this.moveIn(h.id);
        movedIn++;
      } catch (e) {
        this.logger.warn({ holdId: h.id, err: (e as Error).message }, 'a planned move-in could not be made');
        await this.notices.moveInFailed(h.id, (e as Error).message);
      }
    }
    await this.scheduler.schedule(pending);
    return { movedIn, scheduled: pending.length };
  }

  /**
   * The young person's record or the bed may have changed since the hold: the rules are judged
   * again on the move-in date, as POST /stays judges a managed bed (this hold is what holds it).
   */
  private checkRulesAtMoveIn(y: YoungPerson, r: PlacementRequest, bed: MatchBed, moveInAt: Date): void {
    const moveInDate = londonDate(moveInAt);
    const broken = hardRuleViolations(
      toMatchPerson(y),
      { ...toMatchRequest(r), neededBy: moveInDate },
      { ...bed, status: 'available', availableFrom: null },
      moveInDate,
    );
    checkNoRuleBroken(broken, 'confirm');
  }

  /** The hold confirmed with its stay, the request placed, its other holds released; audited. */
  private async place(
    em: EntityManager,
    user: AuthUser,
    h: Hold,
    r: PlacementRequest,
    stayId: string | null,
    now: Date,
  ): Promise<void> {
    h.status = 'confirmed';
    h.endedAt = now;
    h.endedByUserId = user.id;
    h.stayId = stayId;
    const from = r.status;
    r.status = 'placed';
    r.placedAt = now;
    await this.holds.releaseLiveHolds(em, r.id, user.id, now, h.id);
    await this.repo.flush();
    this.audit.record(em, {
      actorUserId: user.id,
      action: 'hold.confirmed',
      entity: 'Hold',
      entityId: h.id,
      changes: { status: { from: 'held', to: 'confirmed' }, stayId, moveInAt: h.moveInAt?.toISOString() ?? null },
    });
    this.audit.record(em, {
      actorUserId: user.id,
      action: 'placement_request.placed',
      entity: 'PlacementRequest',
      entityId: r.id,
      changes: { status: { from, to: 'placed' }, stayId, moveInAt: h.moveInAt?.toISOString() ?? null },
    });
  }
}
