import fc from 'fast-check';
import { ACCOMMODATION_CODES, EMERGENCY_CODES } from '../../kernel/accommodation';
import type { MatchBed } from '../../kernel/matching';
import { DomainError } from '../../kernel/errors';
import { MANAGERS, ROLES } from '../../kernel/roles';
import type { YoungPerson } from '../young-people/young-person.entity';
import type { Stay } from './stay.entity';
import {
  checkBedCode,
  checkBedRules,
  checkInsertion,
  checkNoOverlap,
  checkStartsAfter,
  nextStayAfter,
  isEmergency,
  newStay,
  requirePlace,
  staySuitability,
  stayStartedChanges,
} from './stay-rules';

const ON = '2026-11-23';

function thrown(f: () => unknown): DomainError {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a domain error');
}

const person = (o: Partial<YoungPerson> = {}) =>
  ({
    id: 'person-1',
    dateOfBirth: '2007-06-15', // 19 on ON
    gender: 'female',
    uasc: false,
    homeArea: 'Crewe',
    areasToAvoid: [],
    needsServiceLevelRank: null,
    stepFreeNeeded: false,
    hasPet: false,
    pregnantOrParent: false,
    risks: [],
    ...o,
  }) as unknown as YoungPerson;

const bed = (o: Partial<MatchBed> = {}): MatchBed => ({
  id: 'bed-1',
  label: 'Room 1',
  status: 'occupied',
  minAge: 16,
  maxAge: 25,
  gender: 'any',
  stepFree: false,
  petsAllowed: false,
  acceptsFireRisk: false,
  acceptsSexualHarmRisk: false,
  uascSpecialist: false,
  under18Only: false,
  over18Only: false,
  availableFrom: '2030-01-01',
  level: {
    id: 'level-d',
    rank: 4,
    minAge: 16,
    maxAge: 25,
    supportHoursMin: 7,
    supportHoursMax: 12,
    emergency: false,
    accommodationCode: 'D',
    suitable: true,
  },
  provider: { id: 'provider-1', area: 'Crewe', ofstedUrn: null, ofstedCategory: null },
  ...o,
});

describe('requirePlace', () => {
  it('wants a managed bed or an accommodation code', () => {
    expect(() => requirePlace({})).toThrow(expect.objectContaining({ kind: 'invalid', field: 'accommodationCode' }));
    expect(() => requirePlace({ bedId: 'bed-1' })).not.toThrow();
    expect(() => requirePlace({ accommodationCode: 'W' })).not.toThrow();
  });
});

describe('checkBedCode', () => {
  it('takes the code of the bed’s service level, refusing a different one in the body', () => {
    expect(() => checkBedCode(undefined, bed())).not.toThrow();
    expect(() => checkBedCode('D', bed())).not.toThrow();
    expect(() => checkBedCode('W', bed())).toThrow(
      expect.objectContaining({ kind: 'invalid', field: 'accommodationCode' }),
    );
  });
});

describe('checkBedRules', () => {
  it('judges the bed as if it were available now, whatever its status and available-from date', () => {
    expect(() => checkBedRules(person(), bed(), ON)).not.toThrow();
  });

  it('lists every placement rule the bed breaks for this young person', () => {
    const error = thrown(() => checkBedRules(person({ hasPet: true, stepFreeNeeded: true }), bed(), ON));
    expect(error).toMatchObject({ kind: 'rule_violation' });
    expect(error.message).toMatch(/^This bed breaks placement rules for this young person: /);
    expect((error.details.rules as { rule: string }[]).map((r) => r.rule)).toHaveLength(2);
  });

  it('names one broken rule in the singular', () => {
    expect(() => checkBedRules(person({ hasPet: true }), bed(), ON)).toThrow(/breaks a placement rule for/);
  });
});

describe('isEmergency', () => {
  it('is an emergency service level or an emergency code', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ACCOMMODATION_CODES), fc.option(fc.boolean()), (code, levelEmergency) => {
        const level = levelEmergency === null ? undefined : { emergency: levelEmergency };
        expect(isEmergency(code, level)).toBe(levelEmergency === true || EMERGENCY_CODES.includes(code));
      }),
    );
  });
});

describe('staySuitability', () => {
  const asked = { ageYears: 19, actorRole: 'housing_officer' as const };

  it('keeps a reason only for a stay marked suitable on request', () => {
    expect(
      staySuitability({ ...asked, code: 'W', requested: true, actorRole: 'team_manager', reason: 'Family room' }),
    ).toEqual({ suitable: true, suitabilityReason: 'Family room' });
    expect(staySuitability({ ...asked, code: 'D', reason: 'ignored' })).toEqual({
      suitable: true,
      suitabilityReason: null,
    });
    expect(staySuitability({ ...asked, code: 'D', requested: false, reason: 'ignored' })).toEqual({
      suitable: false,
      suitabilityReason: null,
    });
  });

  it('follows a managed bed’s level default', () => {
    expect(staySuitability({ ...asked, code: 'D', levelDefault: false })).toEqual({
      suitable: false,
      suitabilityReason: null,
    });
  });

  it('lets only the management ladder mark a hotel suitable', () => {
    for (const actorRole of ROLES) {
      const mark = () => staySuitability({ ...asked, code: 'W', requested: true, actorRole, reason: 'Staffed' });
      if (MANAGERS.includes(actorRole)) expect(mark().suitable).toBe(true);
      else expect(mark).toThrow(expect.objectContaining({ kind: 'forbidden' }));
    }
  });

  it('throws the kernel’s refusal', () => {
    expect(() => staySuitability({ ...asked, code: 'X', requested: true, actorRole: 'director', reason: 'x' })).toThrow(
      expect.objectContaining({ kind: 'rule_violation' }),
    );
  });
});

describe('checkStartsAfter', () => {
  const current = { id: 'stay-1', startedAt: new Date('2026-11-23T10:00:00Z') };

  it('lets a first stay start at any time and a next one only after the current one started', () => {
    expect(() => checkStartsAfter(null, new Date(0))).not.toThrow();
    expect(() => checkStartsAfter(current, new Date('2026-11-23T10:00:00.001Z'))).not.toThrow();
  });

  it('refuses a start at or before the current stay’s as a stay_order conflict naming it', () => {
    for (const at of ['2026-11-23T10:00:00Z', '2026-11-22T10:00:00Z']) {
      expect(() => checkStartsAfter(current, new Date(at))).toThrow(
        expect.objectContaining({ kind: 'conflict', code: 'stay_order', details: { currentStayId: 'stay-1' } }),
      );
    }
  });
});

describe('checkNoOverlap', () => {
  const d = (t: string) => new Date(`2026-${t}:00Z`);
  const stays = [
    { id: 'jan', startedAt: d('01-01T10:00'), endedAt: d('02-01T10:00') },
    { id: 'mar', startedAt: d('03-01T10:00'), endedAt: null },
  ];

  it('lets a stay sit in a gap, touching its neighbours end to start', () => {
    expect(() => checkNoOverlap(stays, d('02-01T10:00'), d('03-01T10:00'))).not.toThrow();
  });

  it('refuses an overlap as a stay_overlap conflict naming the clashing stay and its dates', () => {
    expect(() => checkNoOverlap(stays, d('01-20T10:00'), d('02-10T10:00'))).toThrow(
      expect.objectContaining({
        kind: 'conflict',
        code: 'stay_overlap',
        details: {
          clashingStayId: 'jan',
          clashingStartedAt: '2026-01-01T10:00:00.000Z',
          clashingEndedAt: '2026-02-01T10:00:00.000Z',
        },
      }),
    );
  });

  it('treats a stay with no end as running on: it clashes with every stay still going after its start', () => {
    expect(() => checkNoOverlap(stays.slice(0, 1), d('01-31T10:00'), null)).toThrow(
      expect.objectContaining({ code: 'stay_overlap' }),
    );
    expect(() => checkNoOverlap(stays.slice(0, 1), d('02-01T10:00'), null)).not.toThrow();
  });
});

describe('nextStayAfter and checkInsertion', () => {
  const stays = [
    { id: 'b', startedAt: new Date('2026-03-01T00:00:00Z') },
    { id: 'a', startedAt: new Date('2026-01-01T00:00:00Z') },
  ];

  it('finds the first stay starting strictly after the instant', () => {
    expect(nextStayAfter(stays, new Date('2025-12-01T00:00:00Z'))?.id).toBe('a');
    expect(nextStayAfter(stays, new Date('2026-01-01T00:00:00Z'))?.id).toBe('b');
    expect(nextStayAfter(stays, new Date('2026-03-01T00:00:00Z'))).toBeNull();
  });

  it('needs a reason and no bed to insert a stay into history', () => {
    expect(() => checkInsertion({ reason: 'Found in the paper file' }, stays[0])).not.toThrow();
    expect(() => checkInsertion({ bedId: 'bed-1' }, stays[0])).toThrow(
      expect.objectContaining({
        kind: 'invalid',
        fields: [expect.objectContaining({ field: 'reason' }), expect.objectContaining({ field: 'bedId' })],
      }),
    );
  });
});

describe('newStay', () => {
  it('fixes the age and parenthood at the start (London date), open and without an end', () => {
    const data = newStay(
      {
        youngPerson: person({ dateOfBirth: '2008-11-24', pregnantOrParent: true }),
        accommodationCode: 'W',
        suitable: false,
        emergency: true,
        startedAt: new Date('2026-11-24T00:30:00Z'), // 24 November in London: the 18th birthday
      },
      'actor-1',
    );
    expect(data).toMatchObject({
      youngPersonId: 'person-1',
      bedId: null,
      holdId: null,
      suitabilityReason: null,
      description: null,
      endedAt: null,
      ageAtStart: 18,
      pregnantOrParentAtStart: true,
      recordedByUserId: 'actor-1',
      endedByUserId: null,
    });
  });

  it('takes the bed and hold it is given', () => {
    const data = newStay(
      {
        youngPerson: person(),
        bed: bed(),
        holdId: 'hold-1',
        accommodationCode: 'D',
        suitable: true,
        emergency: false,
        startedAt: new Date('2026-11-23T10:00:00Z'),
      },
      null,
    );
    expect(data).toMatchObject({ bedId: 'bed-1', holdId: 'hold-1', recordedByUserId: null });
  });
});

describe('stayStartedChanges', () => {
  it('records where, how suitable, when, and the stay it follows', () => {
    const stay = {
      youngPersonId: 'person-1',
      bedId: undefined,
      accommodationCode: 'W',
      suitable: false,
      emergency: true,
      startedAt: new Date('2026-11-23T10:00:00Z'),
      holdId: null,
    } as unknown as Stay;
    expect(stayStartedChanges(stay, { id: 'stay-0' })).toEqual({
      youngPersonId: 'person-1',
      bedId: null,
      accommodationCode: 'W',
      suitable: false,
      emergency: true,
      startedAt: '2026-11-23T10:00:00.000Z',
      holdId: null,
      previousStayId: 'stay-0',
    });
  });
});
