import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AccommodationCode } from '../../kernel/accommodation';
import { ageOn, londonDate } from '../../kernel/dates';
import { forbidden, notFound } from '../../kernel/errors';
import type { MatchBed } from '../../kernel/matching';
import { CAN, type AuthUser } from '../../kernel/roles';
import { BedStateService } from '../inventory/bed-state.service';
import { MatchInventory } from '../inventory/match-inventory';
import type { YoungPerson } from '../young-people/young-person.entity';
import { checkBedCode, checkBedRules, isEmergency, staySuitability } from './stay-rules';
import type { CreateStayDto } from './stays.dto';

/** Where a recorded stay is, and what it is: what `StaysService.startStay` needs besides the person and the start. */
export interface StayPlace {
  /** A managed bed, now occupied. */
  bed?: MatchBed;
  accommodationCode: AccommodationCode;
  suitable: boolean;
  emergency: boolean;
  suitabilityReason: string | null;
}

/**
 * Recording where a young person is (POST /stays): a managed bed must keep the placement rules
 * for them and be available, and becomes occupied; the stay's suitability follows the kernel's
 * rules. Runs inside the caller's transaction, after the person's row is locked.
 */
@Injectable()
export class StayRecordingService {
  constructor(
    private readonly matchBeds: MatchInventory,
    private readonly bedState: BedStateService,
  ) {}

  /** The place a stay recorded by `user` from `dto` is in, its bed occupied (a domain error when it may not be). */
  async place(
    em: EntityManager,
    user: AuthUser,
    y: YoungPerson,
    dto: CreateStayDto,
    startedAt: Date,
  ): Promise<StayPlace> {
    const on = londonDate(startedAt);
    const bed = dto.bedId ? await this.occupy(em, user, y, dto, on) : undefined;
    const code = bed ? bed.level.accommodationCode : (dto.accommodationCode as AccommodationCode);
    const { suitable, suitabilityReason } = staySuitability({
      code,
      ageYears: ageOn(y.dateOfBirth, on),
      requested: dto.suitable,
      levelDefault: bed?.level.suitable,
      actorRole: user.role,
      reason: dto.suitabilityReason,
    });
    return { bed, accommodationCode: code, suitable, suitabilityReason, emergency: isEmergency(code, bed?.level) };
  }

  /** The managed bed `dto.bedId`: it must exist, take the body's code, keep the placement rules and be available. */
  private async occupy(
    em: EntityManager,
    user: AuthUser,
    y: YoungPerson,
    dto: Pick<CreateStayDto, 'bedId' | 'accommodationCode'>,
    on: string,
  ): Promise<MatchBed> {
    const bedId = dto.bedId as string;
    if (!CAN.occupyManagedBeds.includes(user.role)) {
      throw forbidden(
        'A managed bed is filled through a hold, or by a housing officer: record where they are without a bed',
      );
    }
    const bed = await this.matchBeds.one(bedId);
    if (!bed) throw notFound('Bed', bedId);
    checkBedCode(dto.accommodationCode, bed);
    checkBedRules(y, bed, on);
    await this.bedState.transition(em, bed.id, {
      to: 'occupied',
      from: ['available'],
      actorUserId: user.id,
      action: 'bed.occupied',
      detail: { youngPersonId: y.id },
    });
    return bed;
  }
}
