import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { AuditService } from '../audit/audit.service';
import { CLOCK, Clock } from '../../platform/clock';
import { EMERGENCY_CODES } from '../../kernel/accommodation';
import { ageOn, londonDate } from '../../kernel/dates';
import { notFound } from '../../kernel/errors';
import { hardRuleViolations, toMatchPerson, type MatchBed } from '../../kernel/matching';
import { type AuthUser } from '../../kernel/roles';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { Scheduler } from '../../platform/queue/scheduler';
import { BedStateService } from '../inventory/bed-state.service';
import { MatchInventory } from '../inventory/match-inventory';
import { StaysService, toStayView } from '../stays/stays.service';
import { StayView } from '../stays/stays.dto';
import { YoungPerson } from '../young-people/young-person.entity';
import { HOLD_EXPIRY, HoldsService } from './holds.service';
import { Hold, PlacementRequest } from './placement.entities';
import { checkHoldLive, checkMoveInAt, checkNoRuleBroken, levelSuitability } from './placement-rules';
import { toMatchRequest } from './placement.views';
import { ConfirmHoldDto } from './placements.dto';
import { PlacementsRepository } from './placements.repository';
import { RequestVisibility } from './request-visibility';

/** Confirming a hold: the young person moves in. */
@Injectable()
export class HoldConfirmationService {
  constructor(
    private readonly repo: PlacementsRepository,
    private readonly visibility: RequestVisibility,
    private readonly holds: HoldsService,
    private readonly bedState: BedStateService,
    private readonly inventory: MatchInventory,
    private readonly stays: StaysService,
    private readonly scheduler: Scheduler,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Confirms a live hold: the rules are judged again for the move-in, the bed is occupied, the stay
   * starts, the request is placed and its other holds are released.
   */
  async confirm(user: AuthUser, holdId: string, dto: ConfirmHoldDto): Promise<StayView> {
    const moveInAt = this.stays.instant('moveInAt', dto.moveInAt);
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
      checkHoldLive(h, now);
      checkMoveInAt(moveInAt, h.createdAt);
      const bed = await this.inventory.one(h.bedId);
      if (!bed) throw notFound('Bed', h.bedId);
      this.checkRulesAtMoveIn(y, r, bed, moveInAt);
      await this.bedState.transition(em, h.bedId, {
        to: 'occupied',
        from: ['held'],
        actorUserId: user.id,
        action: 'bed.occupied',
        detail: { holdId: h.id },
      });
      const stay = await this.stays.startStay(em, user.id, {
        youngPerson: y,
        bed: { ...bed, status: 'occupied' },
        accommodationCode: bed.level.accommodationCode,
        suitable: levelSuitability(bed.level, ageOn(y.dateOfBirth, londonDate(moveInAt))),
        emergency: bed.level.emergency || EMERGENCY_CODES.includes(bed.level.accommodationCode),
        startedAt: moveInAt,
        holdId: h.id,
      });
      await this.place(em, user, h, r, stay.id, now);
      this.uow.afterCommit(() => this.scheduler.cancel(HOLD_EXPIRY, holdId));
      return toStayView(stay);
    });
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
    stayId: string,
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
      changes: { status: { from: 'held', to: 'confirmed' }, stayId },
    });
    this.audit.record(em, {
      actorUserId: user.id,
      action: 'placement_request.placed',
      entity: 'PlacementRequest',
      entityId: r.id,
      changes: { status: { from, to: 'placed' }, stayId },
    });
  }
}
