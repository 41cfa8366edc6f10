import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EntityManager, LockMode, MikroORM } from '@mikro-orm/postgresql';
import { AuditService } from '../audit/audit.service';
import { CLOCK, Clock } from '../../platform/clock';
import { londonDate, ageOn } from '../../kernel/dates';
import { Page, pageOf } from '../../platform/pagination';
import { invalid, conflict, notFound, ruleViolation } from '../../kernel/errors';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { BedStateService } from '../inventory/bed-state.service';
import { ServiceLevel } from '../inventory/inventory.entities';
import { Scheduler } from '../../platform/queue/scheduler';
import { TimerRegistry } from '../../platform/queue/timer-registry';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { StaysService, toStayView } from '../stays/stays.service';
import { StayView } from '../stays/stays.dto';
import { YoungPeopleService } from '../young-people/young-people.service';
import { YoungPerson } from '../young-people/young-person.entity';
import { hardRuleViolations, MatchLevel, matchPage, MatchRequest, toMatchPerson } from '../../kernel/matching';
import { resolveSuitability } from '../../kernel/suitability';
import { MatchInventory } from '../inventory/match-inventory';
import { Hold, PlacementRequest } from './placement.entities';
import {
  ConfirmHoldDto,
  CreateHoldDto,
  CreatePlacementRequestDto,
  HoldView,
  MatchesView,
  MatchQuery,
  PlacementRequestQuery,
  PlacementRequestView,
  ReleaseHoldDto,
  WithdrawDto,
} from './placements.dto';
import { EMERGENCY_CODES } from '../../kernel/accommodation';
import { type AuthUser } from '../../kernel/roles';

export const HOLD_EXPIRY = 'hold-expiry';

export function toRequestView(r: PlacementRequest): PlacementRequestView {
  return {
    id: r.id,
    youngPersonId: r.youngPersonId,
    requestedByUserId: r.requestedByUserId,
    urgency: r.urgency,
    neededBy: r.neededBy,
    serviceLevelIds: r.serviceLevelIds ?? null,
    preferredAreas: r.preferredAreas,
    notes: r.notes ?? null,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    placedAt: r.placedAt?.toISOString() ?? null,
    withdrawnAt: r.withdrawnAt?.toISOString() ?? null,
  };
}

export function toHoldView(h: Hold): HoldView {
  return {
    id: h.id,
    requestId: h.requestId,
    bedId: h.bedId,
    status: h.status,
    expiresAt: h.expiresAt.toISOString(),
    createdAt: h.createdAt.toISOString(),
    createdByUserId: h.createdByUserId,
    endedAt: h.endedAt?.toISOString() ?? null,
    stayId: h.stayId ?? null,
  };
}

const matchRequest = (r: PlacementRequest): MatchRequest => ({
  urgency: r.urgency,
  neededBy: r.neededBy,
  serviceLevelIds: r.serviceLevelIds ?? null,
  preferredAreas: r.preferredAreas,
});

@Injectable()
export class PlacementsService implements OnModuleInit {
  private readonly logger = new Logger(PlacementsService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly orm: MikroORM,
    private readonly audit: AuditService,
    private readonly bedState: BedStateService,
    private readonly people: YoungPeopleService,
    private readonly stays: StaysService,
    private readonly matchBeds: MatchInventory,
    private readonly scheduler: Scheduler,
    private readonly uow: UnitOfWork,
    private readonly timers: TimerRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.timers.register(HOLD_EXPIRY, (id) => this.expire(id));
    this.timers.registerSweeper('holds', () => this.sweepHolds());
  }

  // ---------- requests ----------

  async list(user: AuthUser, q: PlacementRequestQuery): Promise<Page<PlacementRequestView>> {
    const { limit, offset } = pageOf(q);
    const where: Record<string, unknown> = { status: q.status, youngPersonId: q.youngPersonId, urgency: q.urgency };
    if (user.role === 'pa') {
      const ids = (await this.em.find(YoungPerson, { paUserId: user.id }, { fields: ['id'] })).map((y) => y.id);
      where.youngPersonId = q.youngPersonId
        ? ids.includes(q.youngPersonId)
          ? q.youngPersonId
          : { $in: [] }
        : { $in: ids };
    }
    const [rows, total] = await this.em.findAndCount(PlacementRequest, where, {
      orderBy: { neededBy: 'asc', createdAt: 'asc', id: 'asc' },
      limit,
      offset,
    });
    return { items: rows.map(toRequestView), total };
  }

  private async findVisibleRequest(
    em: EntityManager,
    user: AuthUser,
    id: string,
    lock = false,
  ): Promise<PlacementRequest> {
    const r = await em.findOne(PlacementRequest, { id }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
    if (!r) throw notFound('Placement request', id);
    await this.people.findVisible(em, user, r.youngPersonId, { missing: () => notFound('Placement request', id) });
    return r;
  }

  async get(user: AuthUser, id: string): Promise<PlacementRequestView> {
    return toRequestView(await this.findVisibleRequest(this.em, user, id));
  }

  async create(user: AuthUser, dto: CreatePlacementRequestDto): Promise<PlacementRequestView> {
    if (dto.neededBy < londonDate(new Date(this.clock.now().getTime() - 86400_000 * 366))) {
      throw invalid(
        [{ field: 'neededBy', message: 'is more than a year in the past' }],
        'neededBy: is more than a year in the past',
      );
    }
    return this.em.transactional(async (em) => {
      const y = await this.people.findVisible(em, user, dto.youngPersonId);
      if (dto.serviceLevelIds?.length) {
        const found = await em.count(ServiceLevel, { id: { $in: dto.serviceLevelIds } });
        if (found !== dto.serviceLevelIds.length) {
          throw invalid(
            [{ field: 'serviceLevelIds', message: 'names a service level that does not exist' }],
            'serviceLevelIds: names a service level that does not exist',
          );
        }
      }
      const r = em.create(PlacementRequest, {
        youngPersonId: y.id,
        requestedByUserId: user.id,
        urgency: dto.urgency,
        neededBy: dto.neededBy,
        serviceLevelIds: dto.serviceLevelIds?.length ? dto.serviceLevelIds : null,
        preferredAreas: [...new Set((dto.preferredAreas ?? []).map((a) => a.trim()))],
        notes: dto.notes ?? null,
        status: 'open',
      });
      em.persist(r);
      await em.flush();
      this.audit.record(em, {
        actorUserId: user.id,
        action: 'placement_request.created',
        entity: 'PlacementRequest',
        entityId: r.id,
        changes: { ...toRequestView(r), notes: r.notes ? '(notes)' : null },
      });
      return toRequestView(r);
    });
  }

  async withdraw(user: AuthUser, id: string, dto: WithdrawDto): Promise<PlacementRequestView> {
    const view = await this.em.transactional(async (em) => {
      const r = await this.findVisibleRequest(em, user, id, true);
      if (r.status === 'placed' || r.status === 'withdrawn')
        throw conflict(`The request is already ${r.status}`, 'request_state', { requestStatus: r.status });
      const now = this.clock.now();
      for (const h of await em.find(Hold, { requestId: r.id, status: 'held' }))
        await this.endHold(em, h, 'released', user.id, now, 'hold.released');
      const from = r.status;
      r.status = 'withdrawn';
      r.withdrawnAt = now;
      r.withdrawnReason = dto.reason ?? null;
      await em.flush();
      this.audit.record(em, {
        actorUserId: user.id,
        action: 'placement_request.withdrawn',
        entity: 'PlacementRequest',
        entityId: r.id,
        changes: { status: { from, to: 'withdrawn' }, reason: dto.reason ?? null },
      });
      return toRequestView(r);
    });
    return view;
  }

  // ---------- matches ----------

  async matches(user: AuthUser, id: string, q: MatchQuery): Promise<MatchesView> {
    const r = await this.findVisibleRequest(this.em, user, id);
    const y = await this.em.findOneOrFail(YoungPerson, { id: r.youngPersonId });
    const today = londonDate(this.clock.now());
    const beds = await this.matchBeds.beds();
    const page = matchPage(toMatchPerson(y), matchRequest(r), beds, today, {
      offset: q.offset ?? 0,
      limit: q.limit ?? 50,
      excludedOffset: q.excludedOffset ?? 0,
      excludedLimit: q.excludedLimit ?? 50,
    });
    return {
      ...page,
      moveInDate: r.neededBy < today ? today : r.neededBy,
    };
  }

  // ---------- holds ----------

  async holdsOf(user: AuthUser, requestId: string): Promise<Page<HoldView>> {
    await this.findVisibleRequest(this.em, user, requestId);
    const rows = await this.em.find(Hold, { requestId }, { orderBy: { createdAt: 'desc', id: 'asc' } });
    return { items: rows.map(toHoldView), total: rows.length };
  }

  async getHold(user: AuthUser, id: string): Promise<HoldView> {
    const h = await this.em.findOne(Hold, { id });
    if (!h) throw notFound('Hold', id);
    await this.findVisibleRequest(this.em, user, h.requestId).catch(() => {
      throw notFound('Hold', id);
    });
    return toHoldView(h);
  }

  /**
   * Holds a bed for a request: 422 when the bed breaks a rule for this young person, 409 when it is
   * not available (of many officers holding one bed at once, exactly one wins). The hold releases
   * itself after HOLD_FOR through a delayed job, re-checked against the database when it fires.
   */
  async hold(user: AuthUser, requestId: string, dto: CreateHoldDto): Promise<HoldView> {
    const view = await this.em.transactional(async (em) => {
      const r = await this.findVisibleRequest(em, user, requestId, true);
      if (r.status !== 'open' && r.status !== 'held')
        throw conflict(`The request is ${r.status}; only an open request can hold a bed`, 'request_state', {
          requestStatus: r.status,
        });
      const y = await em.findOneOrFail(YoungPerson, { id: r.youngPersonId });
      const bed = await this.matchBeds.one(dto.bedId);
      if (!bed) throw notFound('Bed', dto.bedId);
      if (bed.status !== 'available')
        throw conflict(`The bed is ${bed.status.replace(/_/g, ' ')}`, 'bed_state', { bedStatus: bed.status });
      const today = londonDate(this.clock.now());
      const broken = hardRuleViolations(toMatchPerson(y), matchRequest(r), bed, today);
      if (broken.length) {
        throw ruleViolation(
          `This bed breaks ${broken.length === 1 ? 'a placement rule' : 'placement rules'} for this young person: ${broken.map((b) => b.detail).join('; ')}`,
          broken.map((b) => ({ rule: b.rule, detail: b.detail })),
        );
      }
      await this.bedState.transition(em, bed.id, {
        to: 'held',
        from: ['available'],
        actorUserId: user.id,
        action: 'bed.held',
        detail: { requestId: r.id },
      });
      const now = this.clock.now();
      const h = em.create(Hold, {
        requestId: r.id,
        bedId: bed.id,
        status: 'held',
        expiresAt: new Date(now.getTime() + this.config.holdForMs),
        createdByUserId: user.id,
        createdAt: now,
      });
      em.persist(h);
      const from = r.status;
      r.status = 'held';
      await em.flush();
      this.audit.record(em, {
        actorUserId: user.id,
        action: 'hold.created',
        entity: 'Hold',
        entityId: h.id,
        changes: { requestId: r.id, bedId: bed.id, expiresAt: h.expiresAt.toISOString() },
      });
      if (from !== 'held')
        this.audit.record(em, {
          actorUserId: user.id,
          action: 'placement_request.held',
          entity: 'PlacementRequest',
          entityId: r.id,
          changes: { status: { from, to: 'held' } },
        });
      return toHoldView(h);
    });
    await this.scheduler
      .schedule([{ kind: HOLD_EXPIRY, id: view.id, at: new Date(view.expiresAt) }])
      .catch((e) =>
        this.logger.error(
          { holdId: view.id, err: (e as Error).message },
          'could not schedule hold expiry; the sweep will',
        ),
      );
    return view;
  }

  /** Confirms a hold: the young person moves in, the bed is occupied, the request placed, other holds released. */
  async confirm(user: AuthUser, holdId: string, dto: ConfirmHoldDto): Promise<StayView> {
    const moveInAt = this.stays.instant('moveInAt', dto.moveInAt);
    const view = await this.uow.run(async (em) => {
      const h = await this.lockHold(em, user, holdId);
      const r = await em.findOneOrFail(PlacementRequest, { id: h.requestId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const now = this.clock.now();
      if (h.status !== 'held' || h.expiresAt.getTime() <= now.getTime()) {
        throw conflict(h.status === 'held' ? 'The hold has expired' : `The hold is ${h.status}`, 'hold_state', {
          holdStatus: h.status === 'held' ? 'expired' : h.status,
        });
      }
      if (moveInAt.getTime() < h.createdAt.getTime() - 86400_000)
        throw invalid(
          [{ field: 'moveInAt', message: 'must not be more than a day before the bed was held' }],
          'moveInAt: must not be more than a day before the bed was held',
        );
      const y = await em.findOneOrFail(YoungPerson, { id: r.youngPersonId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const bed = await this.matchBeds.one(h.bedId);
      if (!bed) throw notFound('Bed', h.bedId);
      // The young person's record or the bed may have changed since the hold: the rules are judged
      // again on the move-in date, as POST /stays judges a managed bed (this hold is what holds it).
      const moveInDate = londonDate(moveInAt);
      const broken = hardRuleViolations(
        toMatchPerson(y),
        { ...matchRequest(r), neededBy: moveInDate },
        { ...bed, status: 'available', availableFrom: null },
        moveInDate,
      );
      if (broken.length) {
        throw ruleViolation(
          `This bed now breaks ${broken.length === 1 ? 'a placement rule' : 'placement rules'} for this young person: ${broken.map((b) => b.detail).join('; ')}; release the hold`,
          broken.map((b) => ({ rule: b.rule, detail: b.detail })),
        );
      }
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
      h.status = 'confirmed';
      h.endedAt = now;
      h.endedByUserId = user.id;
      h.stayId = stay.id;
      const from = r.status;
      r.status = 'placed';
      r.placedAt = now;
      for (const other of await em.find(Hold, { requestId: r.id, status: 'held', id: { $ne: h.id } })) {
        await this.endHold(em, other, 'released', user.id, now, 'hold.released');
      }
      await em.flush();
      this.audit.record(em, {
        actorUserId: user.id,
        action: 'hold.confirmed',
        entity: 'Hold',
        entityId: h.id,
        changes: { status: { from: 'held', to: 'confirmed' }, stayId: stay.id },
      });
      this.audit.record(em, {
        actorUserId: user.id,
        action: 'placement_request.placed',
        entity: 'PlacementRequest',
        entityId: r.id,
        changes: { status: { from, to: 'placed' }, stayId: stay.id },
      });
      return toStayView(stay);
    });
    await this.scheduler.cancel(HOLD_EXPIRY, holdId).catch(() => undefined);
    return view;
  }

  async release(user: AuthUser, holdId: string, dto: ReleaseHoldDto = {}): Promise<HoldView> {
    const view = await this.em.transactional(async (em) => {
      const h = await this.lockHold(em, user, holdId);
      if (h.status !== 'held') throw conflict(`The hold is ${h.status}`, 'hold_state', { holdStatus: h.status });
      await this.endHold(em, h, 'released', user.id, this.clock.now(), 'hold.released', dto.reason);
      await em.flush();
      return toHoldView(h);
    });
    await this.scheduler.cancel(HOLD_EXPIRY, holdId).catch(() => undefined);
    return view;
  }

  /** The expiry timer: a no-op unless the hold is still live and past its time. */
  async expire(holdId: string): Promise<void> {
    const em = this.orm.em.fork();
    let reschedule: Date | null = null;
    await em.transactional(async (tx) => {
      const h = await tx.findOne(Hold, { id: holdId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!h || h.status !== 'held') return;
      const now = this.clock.now();
      if (h.expiresAt.getTime() > now.getTime()) {
        reschedule = h.expiresAt;
        return;
      }
      await this.endHold(tx, h, 'expired', null, now, 'hold.expired');
      await tx.flush();
    });
    if (reschedule) await this.scheduler.schedule([{ kind: HOLD_EXPIRY, id: holdId, at: reschedule }]);
  }

  /** Expires overdue holds and makes sure every live hold has its wake-up (a wiped Redis loses none). */
  async sweepHolds(): Promise<{ expired: number; scheduled: number }> {
    const em = this.orm.em.fork();
    const now = this.clock.now();
    const live = await em.find(Hold, { status: 'held' }, { fields: ['id', 'expiresAt'] });
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

  private async lockHold(em: EntityManager, user: AuthUser, holdId: string): Promise<Hold> {
    const h = await em.findOne(Hold, { id: holdId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!h) throw notFound('Hold', holdId);
    await this.findVisibleRequest(em, user, h.requestId).catch(() => {
      throw notFound('Hold', holdId);
    });
    return h;
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
    await em.flush();
    this.audit.record(em, {
      actorUserId,
      action,
      entity: 'Hold',
      entityId: h.id,
      changes: { status: { from: 'held', to: status }, ...(reason ? { reason } : {}) },
    });
    const r = await em.findOne(PlacementRequest, { id: h.requestId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (r && r.status === 'held' && !(await em.count(Hold, { requestId: r.id, status: 'held' }))) {
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
}

/** A managed bed's suitability: its level's default, never suitable where the code forbids it for this age. */
function levelSuitability(level: MatchLevel, ageYears: number): boolean {
  const r = resolveSuitability({
    code: level.accommodationCode,
    ageYears,
    levelDefault: level.suitable,
    actorIsManager: false,
  });
  return r.ok && r.suitable;
}
