import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { invalidField, isDomainError, notFound } from '../../kernel/errors';
import { decideEndStay, enforce, stayActions } from '../../kernel/hold-rules';
import { isRecordedLate } from '../../kernel/late-records';
import { caseloadOf, type AuthUser } from '../../kernel/roles';
import { CLOCK, Clock } from '../../platform/clock';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { Page, pageOf } from '../../platform/pagination';
import { AuditService } from '../audit/audit.service';
import { BedStateService } from '../inventory/bed-state.service';
import { YoungPeopleService } from '../young-people/young-people.service';
import type { YoungPerson } from '../young-people/young-person.entity';
import { StayEvents } from './stay-events';
import { StayRecordingService } from './stay-recording.service';
import {
  checkHistory,
  checkInsertion,
  checkNoOverlap,
  nextStayAfter,
  NEXT_STAY_ALREADY_RECORDED,
  checkStartAge,
  checkStartsAfter,
  newStay,
  requirePlace,
  stayStartedChanges,
  type StartStayInput,
} from './stay-rules';
import { Stay } from './stay.entity';
import { CreateStayDto, EndStayDto, StayQuery, StayView } from './stays.dto';
import { StaysRepository } from './stays.repository';

export type { StartStayInput } from './stay-rules';

/** Clients' clocks drift: an instant up to this far ahead of ours is taken as "now". */
const FUTURE_TOLERANCE_MS = 60_000;

export function toStayView(s: Stay): StayView {
  return {
    id: s.id,
    youngPersonId: s.youngPersonId,
    bedId: s.bedId ?? null,
    accommodationCode: s.accommodationCode,
    suitable: s.suitable,
    emergency: s.emergency,
    suitabilityReason: s.suitabilityReason ?? null,
    description: s.description ?? null,
    startedAt: s.startedAt.toISOString(),
    endedAt: s.endedAt?.toISOString() ?? null,
    endReason: s.endReason ?? null,
    holdId: s.holdId ?? null,
  };
}

/** A stay as the caller sees it, with what they may do next. */
export const stayViewFor = (user: Pick<AuthUser, 'id' | 'role'>, s: Stay): StayView => ({
  ...toStayView(s),
  allowedActions: stayActions(user, { endedAt: s.endedAt ?? null }),
});

@Injectable()
export class StaysService {
  private readonly logger = new Logger(StaysService.name);

  constructor(
    private readonly stays: StaysRepository,
    private readonly recording: StayRecordingService,
    private readonly audit: AuditService,
    private readonly bedState: BedStateService,
    private readonly people: YoungPeopleService,
    private readonly events: StayEvents,
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** An instant from the client: not in the future (beyond a little clock drift). */
  instant(field: string, text: string | undefined): Date {
    const now = this.clock.now();
    if (text === undefined) return now;
    const at = new Date(text);
    if (Number.isNaN(at.getTime())) throw invalidField(field, 'must be an ISO-8601 instant');
    if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) throw invalidField(field, 'must not be in the future');
    return at.getTime() > now.getTime() ? now : at;
  }

  /** Newest first; a PA sees the stays of their own caseload only. */
  async list(user: AuthUser, q: StayQuery): Promise<Page<StayView>> {
    const { limit, offset } = pageOf(q);
    const open = q.open === undefined ? undefined : q.open === 'true';
    const filter = { youngPersonId: q.youngPersonId, bedId: q.bedId, open };
    const [rows, total] = await this.stays.page(filter, caseloadOf(user), limit, offset);
    return { items: rows.map((s) => stayViewFor(user, s)), total };
  }

  async get(user: AuthUser, id: string): Promise<StayView> {
    const stay = await this.stays.findById(id);
    if (!stay) throw notFound('Stay', id);
    await this.people.findVisible(this.uow.em, user, stay.youngPersonId, { missing: () => notFound('Stay', id) });
    return stayViewFor(user, stay);
  }

  /**
   * POST /stays: record where a young person is now — a managed bed, or anywhere (a hotel tonight)
   * — or a stay that is already over (history): one with `endedAt`, or one that starts before a
   * stay already recorded (inserted into history, ending where that stay starts unless `endedAt`
   * says otherwise).
   */
  async record(user: AuthUser, dto: CreateStayDto): Promise<StayView> {
    const startedAt = this.instant('startedAt', dto.startedAt);
    const endedAt = dto.endedAt === undefined ? null : this.instant('endedAt', dto.endedAt);
    requirePlace(dto);
    checkHistory(dto, startedAt, endedAt);
    return this.uow.run(async (em) => {
      const y = await this.people.findVisible(em, user, dto.youngPersonId, { lock: true });
      checkStartAge(y.dateOfBirth, startedAt);
      const stays = await this.stays.staysOf(y.id);
      const next = nextStayAfter(stays, startedAt);
      if (endedAt || next) return this.recordHistory(em, user, y, dto, stays, { startedAt, endedAt, next });
      // Stays never overlap: a new current stay starts after every stay that is over has ended.
      checkNoOverlap(
        stays.filter((s) => s.endedAt),
        startedAt,
        null,
      );
      const place = await this.recording.place(em, user, y, dto, startedAt);
      const stay = await this.startStay(em, user.id, {
        youngPerson: y,
        ...place,
        description: dto.description ?? null,
        startedAt,
      });
      return stayViewFor(user, stay);
    });
  }

  /**
   * A stay that is already over, recorded as history: it fits between the young person's other
   * stays without overlapping any, ends nothing and starts no clock, so it fires nothing (no
   * escalation step, no notification: "nothing fires for a time after the stay ended"). One that
   * starts before a stay already recorded is inserted into history and needs a `reason`, which
   * the audit trail keeps; without `endedAt` it ends where that next stay starts.
   */
  private async recordHistory(
    em: EntityManager,
    user: AuthUser,
    y: YoungPerson,
    dto: CreateStayDto,
    stays: Stay[],
    at: { startedAt: Date; endedAt: Date | null; next: Stay | null },
  ): Promise<StayView> {
    const { startedAt, next } = at;
    if (next) checkInsertion(dto, next);
    const endedAt = at.endedAt ?? (next as Stay).startedAt;
    checkNoOverlap(stays, startedAt, endedAt);
    const place = await this.recording.place(em, user, y, dto, startedAt);
    const stay = this.stays.build({
      ...newStay({ youngPerson: y, ...place, description: dto.description ?? null, startedAt }, user.id),
      endedAt,
      endReason: dto.endReason ?? NEXT_STAY_ALREADY_RECORDED,
      endedByUserId: user.id,
    });
    await this.stays.insert(stay);
    this.audit.record(em, {
      actorUserId: user.id,
      action: 'stay.recorded_history',
      entity: 'Stay',
      entityId: stay.id,
      changes: {
        ...stayStartedChanges(stay, null),
        endedAt: endedAt.toISOString(),
        endReason: stay.endReason,
        reason: dto.reason ?? null,
        insertedBeforeStayId: next?.id ?? null,
        recordedLate: isRecordedLate(startedAt, this.clock.now()),
      },
    });
    return stayViewFor(user, stay);
  }

  /**
   * Starts a stay inside the caller's transaction (the person row must be locked): ends the open
   * one at this start, inserts the new one, audits both and tells the observers.
   */
  async startStay(em: EntityManager, actorUserId: string | null, input: StartStayInput): Promise<Stay> {
    const previous = await this.stays.openStayOf(input.youngPerson.id);
    checkStartsAfter(previous, input.startedAt);
    const stay = this.stays.build(newStay(input, actorUserId)); // inserted once the previous stay has ended (one open stay per person)
    if (previous)
      await this.closeStay(em, previous, input.startedAt, 'Moved: a new stay was recorded', actorUserId, stay);
    await this.stays.insert(stay);
    this.audit.record(em, {
      actorUserId,
      action: 'stay.started',
      entity: 'Stay',
      entityId: stay.id,
      changes: stayStartedChanges(stay, previous),
    });
    await this.events.started(em, stay, previous);
    return stay;
  }

  /** Ends a stay (not before it started): a bed it occupied becomes available. */
  async end(user: AuthUser, id: string, dto: EndStayDto): Promise<StayView> {
    const endedAt = this.instant('endedAt', dto.endedAt);
    return this.uow.run(async (em) => {
      const stay = await this.stays.findById(id, true);
      if (!stay) throw notFound('Stay', id);
      await this.people.findVisible(em, user, stay.youngPersonId, { missing: () => notFound('Stay', id) });
      enforce(decideEndStay(user, { endedAt: stay.endedAt ?? null }), { endedAt: stay.endedAt?.toISOString() });
      if (endedAt.getTime() < stay.startedAt.getTime())
        throw invalidField('endedAt', `must not be before the stay started (${stay.startedAt.toISOString()})`);
      await this.closeStay(em, stay, endedAt, dto.reason, user.id, null);
      await this.stays.flush();
      return stayViewFor(user, stay);
    });
  }

  /** Ends a stay, frees its bed and tells the observers. */
  private async closeStay(
    em: EntityManager,
    stay: Stay,
    endedAt: Date,
    reason: string,
    actorUserId: string | null,
    next: Stay | null,
  ): Promise<void> {
    stay.endedAt = endedAt;
    stay.endReason = reason;
    stay.endedByUserId = actorUserId;
    await this.stays.flush();
    if (stay.bedId) await this.vacate(em, stay, actorUserId);
    this.audit.record(em, {
      actorUserId,
      action: 'stay.ended',
      entity: 'Stay',
      entityId: stay.id,
      changes: { endedAt: endedAt.toISOString(), endReason: reason, nextStayId: next?.id ?? null },
    });
    await this.events.ended(em, stay, next);
  }

  /** The stay's bed becomes available again; one that was not occupied (changed by hand) is left as it is. */
  private async vacate(em: EntityManager, stay: Stay, actorUserId: string | null): Promise<void> {
    const bedId = stay.bedId as string;
    try {
      await this.bedState.transition(em, bedId, {
        to: 'available',
        from: ['occupied'],
        actorUserId,
        action: 'bed.vacated',
        detail: { stayId: stay.id },
      });
    } catch (e) {
      if (!isDomainError(e, 'conflict')) throw e;
      this.logger.warn({ bedId, stayId: stay.id }, 'bed was not occupied when its stay ended');
    }
  }
}
