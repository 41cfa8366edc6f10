/**
 * The rules of recording and starting a stay, as plain functions: which managed bed a young person
 * may be recorded in, what the stay's suitability is, and the order stays must keep. They throw
 * domain errors; the services around them read and write.
 */
import type { RequiredEntityData } from '@mikro-orm/postgresql';
import { EMERGENCY_CODES, type AccommodationCode } from '../../kernel/accommodation';
import { ageOn, londonDate } from '../../kernel/dates';
import { conflict, invalid, invalidField, ruleViolation } from '../../kernel/errors';
import { hardRuleViolations, toMatchPerson, type MatchBed, type MatchLevel } from '../../kernel/matching';
import { MANAGERS, type Role } from '../../kernel/roles';
import { resolveSuitability } from '../../kernel/suitability';
import type { YoungPerson } from '../young-people/young-person.entity';
import type { Stay } from './stay.entity';

/** What starting a stay needs (from POST /stays, or from a placement's move-in). */
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

/** A stay is in a managed bed or says where it is (its SSDA903 code). */
export function requirePlace(p: { bedId?: string; accommodationCode?: AccommodationCode }): void {
  if (!p.bedId && !p.accommodationCode) {
    throw invalid(
      [{ field: 'accommodationCode', message: 'required when the stay is not in a managed bed' }],
      'accommodationCode: required when the stay is not in a managed bed',
    );
  }
}

/** A managed bed's service level gives the code: a different one in the body is refused. */
export function checkBedCode(requested: AccommodationCode | undefined, bed: MatchBed): void {
  if (requested && requested !== bed.level.accommodationCode) {
    throw invalidField(
      'accommodationCode',
      `a bed at this service level is ${bed.level.accommodationCode}; leave accommodationCode out`,
    );
  }
}

/**
 * The placement rules (age, gender, risks, step-free access, ...) a managed bed must keep for the
 * young person on `on`, judged as for an emergency request; a rule violation lists each broken one.
 */
export function checkBedRules(y: YoungPerson, bed: MatchBed, on: string): void {
  const rules = hardRuleViolations(
    toMatchPerson(y),
    { urgency: 'emergency', neededBy: on, serviceLevelIds: null, preferredAreas: [] },
    { ...bed, status: 'available', availableFrom: null },
    on,
  );
  if (rules.length) {
    throw ruleViolation(
      `This bed breaks ${rules.length === 1 ? 'a placement rule' : 'placement rules'} for this young person: ${rules.map((r) => r.detail).join('; ')}`,
      rules.map((r) => ({ rule: r.rule, detail: r.detail })),
    );
  }
}

/** Emergency provision: an emergency service level, or an emergency code (night shelter, hotel). */
export function isEmergency(code: AccommodationCode, level?: Pick<MatchLevel, 'emergency'>): boolean {
  return (level?.emergency ?? false) || EMERGENCY_CODES.includes(code);
}

export interface SuitabilityAsked {
  code: AccommodationCode;
  ageYears: number;
  /** What the body asked for; undefined for the default. */
  requested?: boolean;
  /** A managed bed's service-level default. */
  levelDefault?: boolean;
  actorRole: Role;
  reason?: string;
}

/**
 * A recorded stay's suitability (the kernel's rules), and the reason kept with it: only for a
 * stay marked suitable on request. Throws when the request cannot be granted.
 */
export function staySuitability(a: SuitabilityAsked): { suitable: boolean; suitabilityReason: string | null } {
  const result = resolveSuitability({
    code: a.code,
    ageYears: a.ageYears,
    requested: a.requested,
    levelDefault: a.levelDefault,
    actorIsManager: MANAGERS.includes(a.actorRole),
    reason: a.reason,
  });
  if (!result.ok) throw result.error;
  return { suitable: result.suitable, suitabilityReason: result.suitable && a.requested ? (a.reason ?? null) : null };
}

/** Nobody is a care leaver before 16: a stay starting before the 16th birthday is refused. */
export function checkStartAge(dateOfBirth: string, startedAt: Date, field = 'startedAt'): void {
  if (ageOn(dateOfBirth, londonDate(startedAt)) < 16) {
    throw invalidField(field, `must not be before the young person's 16th birthday (born ${dateOfBirth})`);
  }
}

/**
 * A stay recorded as history (already over): it names when it ended and why, with no bed (a past
 * stay in a managed bed is recorded through its hold), and ends after it starts.
 */
export function checkHistory(
  p: { bedId?: string; endedAt?: string; endReason?: string },
  startedAt: Date,
  endedAt: Date | null,
): void {
  const errors = [];
  if ((p.endedAt === undefined) !== (p.endReason === undefined)) {
    const missing = p.endedAt === undefined ? 'endedAt' : 'endReason';
    errors.push({
      field: missing,
      message: 'endedAt and endReason go together: a stay that is already over says when it ended and why',
    });
  }
  if (p.endedAt !== undefined && p.bedId) {
    errors.push({
      field: 'bedId',
      message: 'a past stay is recorded without a bed (a managed bed is occupied through a hold)',
    });
  }
  if (endedAt && endedAt.getTime() <= startedAt.getTime()) {
    errors.push({ field: 'endedAt', message: `must be after the stay started (${startedAt.toISOString()})` });
  }
  if (errors.length) throw invalid(errors);
}

/**
 * A stay must not overlap any of the young person's other stays (`endedAt` null: a stay that has not
 * ended); the conflict names the stay it clashes with and its dates.
 */
export function checkNoOverlap(
  others: readonly Pick<Stay, 'id' | 'startedAt' | 'endedAt'>[],
  startedAt: Date,
  endedAt: Date | null,
): void {
  const clash = others.find(
    (s) =>
      (endedAt === null || s.startedAt.getTime() < endedAt.getTime()) &&
      (s.endedAt === null || s.endedAt === undefined || s.endedAt.getTime() > startedAt.getTime()),
  );
  if (clash) {
    throw conflict(
      `The young person has another stay from ${clash.startedAt.toISOString()}${clash.endedAt ? ` to ${clash.endedAt.toISOString()}` : ' (still open)'}: stays never overlap`,
      'stay_overlap',
      {
        clashingStayId: clash.id,
        clashingStartedAt: clash.startedAt.toISOString(),
        clashingEndedAt: clash.endedAt?.toISOString() ?? null,
      },
    );
  }
}

/** The young person's first stay that starts after `startedAt`: a stay starting then goes into history before it. */
export function nextStayAfter<S extends Pick<Stay, 'startedAt'>>(stays: readonly S[], startedAt: Date): S | null {
  return (
    [...stays]
      .filter((s) => s.startedAt.getTime() > startedAt.getTime())
      .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime())[0] ?? null
  );
}

/** Why an inserted past stay ended, when the body does not say: the young person moved to the next stay on record. */
export const NEXT_STAY_ALREADY_RECORDED = 'Moved: the next stay was already recorded';

/**
 * A stay inserted into history (it starts before `next`, a stay already recorded) says why it is
 * recorded now (`reason`), and is not in a managed bed (a past stay in a bed is recorded through its hold).
 */
export function checkInsertion(p: { bedId?: string; reason?: string }, next: Pick<Stay, 'startedAt'>): void {
  const errors = [];
  const before = `it starts before the stay from ${next.startedAt.toISOString()}, so it is inserted into history`;
  if (p.reason === undefined)
    errors.push({ field: 'reason', message: `required: ${before}; say why it is recorded now` });
  if (p.bedId) errors.push({ field: 'bedId', message: `a past stay is recorded without a bed: ${before}` });
  if (errors.length) throw invalid(errors);
}

/** A new stay must start after the young person's current one (stays never overlap). */
export function checkStartsAfter(current: Pick<Stay, 'id' | 'startedAt'> | null, startedAt: Date): void {
  if (current && current.startedAt.getTime() >= startedAt.getTime()) {
    throw conflict(
      `The young person's current stay started at ${current.startedAt.toISOString()}; a new stay must start after it`,
      'stay_order',
      { currentStayId: current.id },
    );
  }
}

/** The new stay's row; the facts policies match on (age, parenthood) are fixed at its start. */
export function newStay(input: StartStayInput, actorUserId: string | null): RequiredEntityData<Stay> {
  const y = input.youngPerson;
  return {
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
  };
}

/** What the `stay.started` audit event records. */
export function stayStartedChanges(stay: Stay, previous: Pick<Stay, 'id'> | null): Record<string, unknown> {
  return {
    youngPersonId: stay.youngPersonId,
    bedId: stay.bedId ?? null,
    accommodationCode: stay.accommodationCode,
    suitable: stay.suitable,
    emergency: stay.emergency,
    startedAt: stay.startedAt.toISOString(),
    holdId: stay.holdId ?? null,
    previousStayId: previous?.id ?? null,
  };
}
