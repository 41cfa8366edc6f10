import { MatchInventory } from '../inventory/match-inventory';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { AuditService } from '../audit/audit.service';
import { MANAGERS, type AuthUser } from '../../kernel/roles';
import { CLOCK, Clock } from '../../platform/clock';
import { londonDate, ageOn } from '../../kernel/dates';
import { Page, pageOf } from '../../platform/pagination';
import { invalid, conflict, invalidField, notFound, ruleViolation, isDomainError } from '../../kernel/errors';
import { BedStateService } from '../inventory/bed-state.service';
import { hardRuleViolations, MatchBed, toMatchPerson } from '../../kernel/matching';
import { YoungPeopleService } from '../young-people/young-people.service';
import { YoungPerson } from '../young-people/young-person.entity';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { StayEvents } from './stay-events';
import { Stay } from './stay.entity';
import { CreateStayDto, EndStayDto, StayQuery, StayView } from './stays.dto';
import { resolveSuitability } from '../../kernel/suitability';
import { AccommodationCode, EMERGENCY_CODES } from '../../kernel/accommodation';

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

export interface StartStayInput {
  youngPerson: YoungPerson;
  /** A managed bed already moved to `occupied` by the caller. */
  bed?: MatchBed;
  accommodationCode: AccommodationCode;
  suitable: boolean;
  emergency: boolean;
  suitabilityReason?: string | null;
  description?: string | null;
  startedAt: Date;
  holdId?: string | null;
}

@Injectable()
export class StaysService {
  private readonly logger = new Logger(StaysService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly bedState: BedStateService,
    private readonly people: YoungPeopleService,
    private readonly events: StayEvents,
    private readonly uow: UnitOfWork,
    private readonly matchBeds: MatchInventory,
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

  async list(user: AuthUser, q: StayQuery): Promise<Page<StayView>> {
    const { limit, offset } = pageOf(q);
    const where: Record<string, unknown> = { youngPersonId: q.youngPersonId, bedId: q.bedId };
    if (q.open === 'true') where.endedAt = null;
    if (q.open === 'false') where.endedAt = { $ne: null };
    if (user.role === 'pa') {
      const mine = await this.em.find(YoungPerson, { paUserId: user.id }, { fields: ['id'] });
      const ids = mine.map((y) => y.id);
      where.youngPersonId = q.youngPersonId
        ? ids.includes(q.youngPersonId)
          ? q.youngPersonId
          : { $in: [] }
        : { $in: ids };
    }
    const [rows, total] = await this.em.findAndCount(Stay, where, {
      orderBy: { startedAt: 'desc', id: 'asc' },
      limit,
      offset,
    });
    return { items: rows.map(toStayView), total };
  }

  async get(user: AuthUser, id: string): Promise<StayView> {
    const stay = await this.em.findOne(Stay, { id });
    if (!stay) throw notFound('Stay', id);
    await this.people.findVisible(this.em, user, stay.youngPersonId, { missing: () => notFound('Stay', id) });
    return toStayView(stay);
  }

  /** POST /stays: record where a young person is now — a managed bed, or anywhere (a hotel tonight). */
  async record(user: AuthUser, dto: CreateStayDto): Promise<StayView> {
    const startedAt = this.instant('startedAt', dto.startedAt);
    if (!dto.bedId && !dto.accommodationCode) {
      throw invalid(
        [{ field: 'accommodationCode', message: 'required when the stay is not in a managed bed' }],
        'accommodationCode: required when the stay is not in a managed bed',
      );
    }
    const view = await this.uow.run(async (em) => {
      const y = await this.people.findVisible(em, user, dto.youngPersonId, { lock: true });
      const age = ageOn(y.dateOfBirth, londonDate(startedAt));
      let bed: MatchBed | undefined;
      let code = dto.accommodationCode as AccommodationCode;
      let emergency = EMERGENCY_CODES.includes(code);
      if (dto.bedId) {
        bed = (await this.matchBeds.one(dto.bedId)) ?? undefined;
        if (!bed) throw notFound('Bed', dto.bedId);
        if (dto.accommodationCode && dto.accommodationCode !== bed.level.accommodationCode) {
          throw invalidField(
            'accommodationCode',
            `a bed at this service level is ${bed.level.accommodationCode}; leave accommodationCode out`,
          );
        }
        const rules = hardRuleViolations(
          toMatchPerson(y),
          { urgency: 'emergency', neededBy: londonDate(startedAt), serviceLevelIds: null, preferredAreas: [] },
          { ...bed, status: 'available', availableFrom: null },
          londonDate(startedAt),
        );
        if (rules.length) {
          throw ruleViolation(
            `This bed breaks ${rules.length === 1 ? 'a placement rule' : 'placement rules'} for this young person: ${rules.map((r) => r.detail).join('; ')}`,
            rules.map((r) => ({ rule: r.rule, detail: r.detail })),
          );
        }
        code = bed.level.accommodationCode;
        emergency = bed.level.emergency || EMERGENCY_CODES.includes(code);
        await this.bedState.transition(em, bed.id, {
          to: 'occupied',
          from: ['available'],
          actorUserId: user.id,
          action: 'bed.occupied',
          detail: { youngPersonId: y.id },
        });
      }
      const suitability = resolveSuitability({
        code,
        ageYears: age,
        requested: dto.suitable,
        levelDefault: bed?.level.suitable,
        actorIsManager: MANAGERS.includes(user.role),
        reason: dto.suitabilityReason,
      });
      if (!suitability.ok) throw suitability.error;
      const stay = await this.startStay(em, user.id, {
        youngPerson: y,
        bed,
        accommodationCode: code,
        suitable: suitability.suitable,
        emergency,
        suitabilityReason: suitability.suitable && dto.suitable ? (dto.suitabilityReason ?? null) : null,
        description: dto.description ?? null,
        startedAt,
      });
      return toStayView(stay);
    });
    return view;
  }

  /**
   * Starts a stay inside the caller's transaction (the person row must be locked): ends the open
   * one at this start, inserts the new one, audits both and tells the observers.
   */
  async startStay(em: EntityManager, actorUserId: string | null, input: StartStayInput): Promise<Stay> {
    const y = input.youngPerson;
    const previous = await em.findOne(
      Stay,
      { youngPersonId: y.id, endedAt: null },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (previous && previous.startedAt.getTime() >= input.startedAt.getTime()) {
      throw conflict(
        `The young person's current stay started at ${previous.startedAt.toISOString()}; a new stay must start after it`,
        'stay_order',
        { currentStayId: previous.id },
      );
    }
    const stay = em.create(
      Stay,
      {
        youngPersonId: y.id,
        bedId: input.bed?.id ?? null,
        holdId: input.holdId ?? null,
        accommodationCode: input.accommodationCode,
        suitable: input.suitable,
        emergency: input.emergency,
        suitabilityReason: input.suitabilityReason ?? null,
        description: input.description ?? null,
        startedAt: input.startedAt,
        endedAt: null,
        endReason: null,
        ageAtStart: ageOn(y.dateOfBirth, londonDate(input.startedAt)),
        pregnantOrParentAtStart: y.pregnantOrParent,
        recordedByUserId: actorUserId,
        endedByUserId: null,
      },
      { persist: false },
    ); // not inserted until the previous stay has ended (one open stay per person)
    if (previous)
      await this.closeStay(em, previous, input.startedAt, 'Moved: a new stay was recorded', actorUserId, stay);
    em.persist(stay);
    await em.flush();
    this.audit.record(em, {
      actorUserId,
      action: 'stay.started',
      entity: 'Stay',
      entityId: stay.id,
      changes: {
        youngPersonId: y.id,
        bedId: stay.bedId ?? null,
        accommodationCode: stay.accommodationCode,
        suitable: stay.suitable,
        emergency: stay.emergency,
        startedAt: stay.startedAt.toISOString(),
        holdId: stay.holdId ?? null,
        previousStayId: previous?.id ?? null,
      },
    });
    await this.events.started(em, stay, previous);
    return stay;
  }

  async end(user: AuthUser, id: string, dto: EndStayDto): Promise<StayView> {
    const endedAt = this.instant('endedAt', dto.endedAt);
    const view = await this.uow.run(async (em) => {
      const stay = await em.findOne(Stay, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!stay) throw notFound('Stay', id);
      await this.people.findVisible(em, user, stay.youngPersonId, { missing: () => notFound('Stay', id) });
      if (stay.endedAt) throw conflict(`The stay already ended at ${stay.endedAt.toISOString()}`, 'stay_ended');
      if (endedAt.getTime() < stay.startedAt.getTime())
        throw invalidField('endedAt', `must not be before the stay started (${stay.startedAt.toISOString()})`);
      await this.closeStay(em, stay, endedAt, dto.reason, user.id, null);
      await em.flush();
      return toStayView(stay);
    });
    return view;
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
    await em.flush();
    if (stay.bedId) {
      await this.bedState
        .transition(em, stay.bedId, {
          to: 'available',
          from: ['occupied'],
          actorUserId,
          action: 'bed.vacated',
          detail: { stayId: stay.id },
        })
        .catch((e) => {
          if (isDomainError(e, 'conflict')) {
            this.logger.warn({ bedId: stay.bedId, stayId: stay.id }, 'bed was not occupied when its stay ended');
            return;
          }
          throw e;
        });
    }
    this.audit.record(em, {
      actorUserId,
      action: 'stay.ended',
      entity: 'Stay',
      entityId: stay.id,
      changes: { endedAt: endedAt.toISOString(), endReason: reason, nextStayId: next?.id ?? null },
    });
    await this.events.ended(em, stay, next);
  }
}
