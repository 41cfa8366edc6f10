import fc from 'fast-check';
import { GENDERS, RISKS } from './care-leavers';
import {
  matchPage,
  HARD_RULES,
  SOFT_RULES,
  WEIGHTS,
  hardRuleViolations,
  matchBeds,
  scoreBed,
  type HardRule,
  type MatchBed,
  type MatchLevel,
  type MatchPerson,
  type MatchProvider,
  type MatchRequest,
} from './matching';
import { ageOn } from './dates';
import { type AccommodationCode } from './accommodation';

const TODAY = '2026-11-23';
const NEEDED_BY = '2026-12-01';
const AGED_19 = '2007-06-15'; // 19 on NEEDED_BY
const AGED_17 = '2009-06-15'; // 17 on NEEDED_BY

const level = (o: Partial<MatchLevel> = {}): MatchLevel => ({
  id: 'level-d',
  rank: 4,
  minAge: 16,
  maxAge: 25,
  supportHoursMin: 7,
  supportHoursMax: 12,
  emergency: false,
  accommodationCode: 'D',
  suitable: true,
  ...o,
});
const provider = (o: Partial<MatchProvider> = {}): MatchProvider => ({
  id: 'provider-1',
  area: 'Crewe',
  ofstedUrn: '2600001',
  ofstedCategory: 'shared_housing',
  ...o,
});
const bed = (o: Partial<MatchBed> = {}): MatchBed => ({
  id: 'bed-1',
  label: 'Room 1',
  status: 'available',
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
  availableFrom: null,
  level: level(),
  provider: provider(),
  ...o,
});
const person = (o: Partial<MatchPerson> = {}): MatchPerson => ({
  dateOfBirth: AGED_19,
  gender: 'female',
  uasc: false,
  homeArea: null,
  areasToAvoid: [],
  needsServiceLevelRank: null,
  stepFreeNeeded: false,
  hasPet: false,
  risks: [],
  ...o,
});
const request = (o: Partial<MatchRequest> = {}): MatchRequest => ({
  urgency: 'planned',
  neededBy: NEEDED_BY,
  serviceLevelIds: null,
  preferredAreas: [],
  ...o,
});

const rulesOf = (p: MatchPerson, r: MatchRequest, b: MatchBed, today = TODAY) =>
  hardRuleViolations(p, r, b, today).map((x) => x.rule);
const effectOf = (rule: string, p: MatchPerson, r: MatchRequest, b: MatchBed) =>
  scoreBed(p, r, b).reasons.find((x) => x.rule === rule)?.effect;

describe('hard rules', () => {
  it('offers the baseline bed to the baseline young person', () => {
    expect(hardRuleViolations(person(), request(), bed(), TODAY)).toEqual([]);
    expect(hardRuleViolations(person({ dateOfBirth: AGED_17 }), request(), bed(), TODAY)).toEqual([]);
  });

  // Each case breaks exactly one rule; together they cover every hard rule.
  const cases: [HardRule, string, Partial<MatchPerson>, Partial<MatchBed>, Partial<MatchRequest>][] = [
    ['age_range_bed', 'bed takes 21-25', {}, { minAge: 21 }, {}],
    ['age_range_bed', 'bed takes 16-17', {}, { maxAge: 17 }, {}],
    ['age_range_level', 'level takes 21-25', {}, { level: level({ minAge: 21 }) }, {}],
    ['ofsted_registration', '17, no URN', { dateOfBirth: AGED_17 }, { provider: provider({ ofstedUrn: null }) }, {}],
    ['ofsted_registration', '17, blank URN', { dateOfBirth: AGED_17 }, { provider: provider({ ofstedUrn: '  ' }) }, {}],
    [
      'unsuitable_for_under_18',
      '17 in B&B',
      { dateOfBirth: AGED_17 },
      { level: level({ accommodationCode: 'W' }) },
      {},
    ],
    [
      'unsuitable_for_under_18',
      '17 in night shelter',
      { dateOfBirth: AGED_17 },
      { level: level({ accommodationCode: 'V' }) },
      {},
    ],
    [
      'unsuitable_for_under_18',
      '17 in foyer',
      { dateOfBirth: AGED_17 },
      { level: level({ accommodationCode: 'T' }) },
      {},
    ],
    ['never_placeable', 'S level', {}, { level: level({ accommodationCode: 'S' }) }, {}],
    ['never_placeable', 'X level', {}, { level: level({ accommodationCode: 'X' }) }, {}],
    ['under_18_only', '19 in under-18s bed', {}, { under18Only: true }, {}],
    ['over_18_only', '17 in over-18s bed', { dateOfBirth: AGED_17 }, { over18Only: true }, {}],
    ['gender', 'female in male bed', {}, { gender: 'male' }, {}],
    ['gender', 'male in female bed', { gender: 'male' }, { gender: 'female' }, {}],
    ['gender', 'non-binary in female bed', { gender: 'non_binary' }, { gender: 'female' }, {}],
    ['gender', 'other in male bed', { gender: 'other' }, { gender: 'male' }, {}],
    ['fire_risk', 'fire-setting', { risks: ['fire_setting'] }, {}, {}],
    ['sexual_harm_risk', 'sexual harm', { risks: ['sexual_harm', 'self_harm'] }, {}, {}],
    ['step_free', 'needs step-free', { stepFreeNeeded: true }, {}, {}],
    ['pets', 'has a pet', { hasPet: true }, {}, {}],
    ['availability', 'occupied', {}, { status: 'occupied' }, {}],
    ['availability', 'held', {}, { status: 'held' }, {}],
    ['availability', 'out of service', {}, { status: 'out_of_service' }, {}],
    ['availability', 'free the day after', {}, { availableFrom: '2026-12-02' }, {}],
    ['area_to_avoid', 'avoid crewe', { areasToAvoid: [' crewe '] }, {}, {}],
    ['service_level_not_requested', 'other level asked for', {}, {}, { serviceLevelIds: ['level-e'] }],
  ];

  it.each(cases)('%s (%s)', (rule, _name, p, b, r) => {
    expect(rulesOf(person(p), request(r), bed(b))).toEqual([rule]);
    const result = matchBeds(person(p), request(r), [bed(b)], TODAY);
    expect(result.candidates).toEqual([]);
    expect(result.excluded).toEqual([
      { bedId: 'bed-1', reasons: [expect.objectContaining({ rule, effect: 'excluded' })] },
    ]);
  });

  it('has an example for every rule in HARD_RULES', () => {
    expect(new Set(cases.map((c) => c[0]))).toEqual(new Set(HARD_RULES));
  });

  it('names the values in the detail', () => {
    const [age] = hardRuleViolations(
      person({ dateOfBirth: AGED_17 }),
      request(),
      bed({ minAge: 18, over18Only: false }),
      TODAY,
    );
    expect(age.detail).toBe('Aged 17 on 2026-12-01; this bed takes 18–25');
    const [hotel] = hardRuleViolations(
      person({ dateOfBirth: AGED_17 }),
      request(),
      bed({ level: level({ accommodationCode: 'W' }) }),
      TODAY,
    );
    expect(hotel.detail).toMatch(/Aged 17 on 2026-12-01.*W \(bed and breakfast \/ hotel\).*never suitable/);
    const [late] = hardRuleViolations(person(), request(), bed({ availableFrom: '2026-12-09' }), TODAY);
    expect(late.detail).toContain('2026-12-09');
    expect(late.detail).toContain('2026-12-01');
  });

  it('lists every broken rule, in HARD_RULES order', () => {
    const p = person({
      dateOfBirth: AGED_17,
      gender: 'male',
      risks: ['fire_setting'],
      hasPet: true,
      areasToAvoid: ['CREWE'],
    });
    const b = bed({
      status: 'occupied',
      gender: 'female',
      over18Only: true,
      minAge: 18,
      level: level({ accommodationCode: 'W' }),
      provider: provider({ ofstedUrn: null }),
    });
    expect(rulesOf(p, request({ serviceLevelIds: [] }), b)).toEqual([
      'age_range_bed',
      'ofsted_registration',
      'unsuitable_for_under_18',
      'over_18_only',
      'gender',
      'fire_risk',
      'pets',
      'availability',
      'area_to_avoid',
      'service_level_not_requested',
    ]);
  });

  it('accepts the matching cases', () => {
    const ok = (p: Partial<MatchPerson>, b: Partial<MatchBed>, r: Partial<MatchRequest> = {}) =>
      expect(rulesOf(person(p), request(r), bed(b))).toEqual([]);
    ok({ gender: 'female' }, { gender: 'female' });
    ok({ gender: 'non_binary' }, { gender: 'any' });
    ok({ risks: ['fire_setting', 'sexual_harm'] }, { acceptsFireRisk: true, acceptsSexualHarmRisk: true });
    ok({ risks: ['violence', 'missing'] }, {});
    ok({ stepFreeNeeded: true, hasPet: true }, { stepFree: true, petsAllowed: true });
    ok({}, { availableFrom: NEEDED_BY }); // free on the day it is needed
    ok({ areasToAvoid: ['Macclesfield'] }, {});
    ok({}, {}, { serviceLevelIds: ['level-d'] });
    ok({}, { level: level({ accommodationCode: 'W', suitable: false }), provider: provider({ ofstedUrn: null }) }); // 18+: B&B is not a hard rule
    ok({ dateOfBirth: AGED_17 }, { under18Only: true, level: level({ accommodationCode: 'E' }) });
  });

  it('judges age on the move-in date, birthday included', () => {
    const turns18 = '2008-12-01';
    expect(rulesOf(person({ dateOfBirth: turns18 }), request(), bed({ over18Only: true }))).toEqual([]);
    expect(
      rulesOf(person({ dateOfBirth: turns18 }), request({ neededBy: '2026-11-30' }), bed({ over18Only: true })),
    ).toEqual(['over_18_only']);
  });

  it('refuses dates that are not real rather than guessing', () => {
    expect(() => hardRuleViolations(person({ dateOfBirth: '2009-02-30' }), request(), bed(), TODAY)).toThrow(
      RangeError,
    );
    expect(() => matchBeds(person(), request({ neededBy: '' }), [bed()], TODAY)).toThrow(RangeError);
    expect(() => matchBeds(person(), request(), [bed()], '23/11/2026')).toThrow(RangeError);
  });

  it('matches an overdue request as of today', () => {
    // Needed by 2026-11-01, now 2026-12-01: they turned 18 in between; a bed free from 2026-11-20 is free now.
    const p = person({ dateOfBirth: '2008-11-15' });
    const r = request({ neededBy: '2026-11-01' });
    expect(rulesOf(p, r, bed({ over18Only: true, availableFrom: '2026-11-20' }), '2026-12-01')).toEqual([]);
    expect(rulesOf(p, r, bed({ over18Only: true, availableFrom: '2026-11-20' }), '2026-11-01')).toEqual([
      'over_18_only',
      'availability',
    ]);
  });
});

describe('soft preferences', () => {
  it('lists every soft rule, in order, and the score is their sum', () => {
    const s = scoreBed(
      person({ needsServiceLevelRank: 4, homeArea: 'Crewe', uasc: true }),
      request({ urgency: 'emergency', preferredAreas: ['crewe'] }),
      bed({ uascSpecialist: true, level: level({ emergency: true }) }),
    );
    expect(s.reasons.map((r) => r.rule)).toEqual([...SOFT_RULES]);
    expect(s.score).toBe(
      WEIGHTS.levelExact +
        WEIGHTS.homeArea +
        WEIGHTS.preferredArea +
        WEIGHTS.uascSpecialistForUasc +
        WEIGHTS.emergencyForEmergency,
    );
  });

  it('scores level closeness: exact best, under-support costs more than over-support, none assessed is neutral', () => {
    const fit = (needs: number | null, rank: number) =>
      effectOf('level_fit', person({ needsServiceLevelRank: needs }), request(), bed({ level: level({ rank }) }));
    expect(fit(null, 4)).toBe(0);
    expect(fit(4, 4)).toBe(40);
    expect(fit(4, 3)).toBe(30); // one step more support
    expect(fit(4, 5)).toBe(20); // one step less support
    expect(fit(4, 7)).toBe(-20);
    expect(
      scoreBed(person({ needsServiceLevelRank: 4 }), request(), bed({ level: level({ rank: 6 }) })).reasons[0].detail,
    ).toBe('Level rank 6 is 2 steps less support than the assessed rank 4');
  });

  it('rewards the home area and preferred areas, trimmed and case-insensitive', () => {
    expect(effectOf('home_area', person({ homeArea: ' crewe' }), request(), bed())).toBe(WEIGHTS.homeArea);
    expect(effectOf('home_area', person({ homeArea: 'Nantwich' }), request(), bed())).toBe(0);
    expect(effectOf('home_area', person({ homeArea: null }), request(), bed())).toBe(0);
    expect(effectOf('preferred_area', person(), request({ preferredAreas: ['Nantwich', 'CREWE '] }), bed())).toBe(
      WEIGHTS.preferredArea,
    );
    expect(effectOf('preferred_area', person(), request({ preferredAreas: ['Nantwich'] }), bed())).toBe(0);
  });

  it('favours UASC specialist beds for UASC young people and keeps them for them', () => {
    expect(effectOf('uasc_specialism', person({ uasc: true }), request(), bed({ uascSpecialist: true }))).toBe(25);
    expect(effectOf('uasc_specialism', person({ uasc: false }), request(), bed({ uascSpecialist: true }))).toBe(-5);
    expect(effectOf('uasc_specialism', person({ uasc: true }), request(), bed())).toBe(0);
  });

  it('favours emergency provision for emergencies only, and penalises unsuitable levels', () => {
    const emergencyBed = bed({ level: level({ emergency: true }) });
    expect(effectOf('emergency_provision', person(), request({ urgency: 'emergency' }), emergencyBed)).toBe(10);
    expect(effectOf('emergency_provision', person(), request({ urgency: 'planned' }), emergencyBed)).toBe(-10);
    expect(effectOf('emergency_provision', person(), request({ urgency: 'emergency' }), bed())).toBe(0);
    expect(
      effectOf('suitability', person(), request(), bed({ level: level({ accommodationCode: 'W', suitable: false }) })),
    ).toBe(-30);
    expect(effectOf('suitability', person(), request(), bed())).toBe(0);
  });
});

describe('matchBeds ordering', () => {
  it('ranks by score, then closeness, level rank, area, label, id', () => {
    const p = person({ needsServiceLevelRank: 4, homeArea: 'Crewe' });
    const beds = [
      bed({ id: 'z-far', label: 'A', level: level({ rank: 7 }) }), // 40 - 60 + 15 = -5
      bed({ id: 'b-id', label: 'Same' }), // 55
      bed({ id: 'a-id', label: 'Same' }), // 55: id breaks the tie
      bed({ id: 'c', label: 'Aardvark', provider: provider({ area: 'Nantwich' }) }), // 40
      bed({ id: 'd', label: 'Aardvark', provider: provider({ area: 'Alsager' }) }), // 40: area breaks the tie
      bed({ id: 'e', label: 'Room', level: level({ rank: 3 }) }), // 30 + 15 = 45
      bed({ id: 'f', label: 'Room', status: 'occupied' }),
      bed({ id: 'a-excluded', maxAge: 17 }),
    ];
    const { candidates, excluded } = matchBeds(p, request(), beds, TODAY);
    expect(candidates.map((c) => [c.bedId, c.score])).toEqual([
      ['a-id', 55],
      ['b-id', 55],
      ['e', 45],
      ['d', 40],
      ['c', 40],
      ['z-far', -5],
    ]);
    expect(excluded.map((e) => e.bedId)).toEqual(['a-excluded', 'f']);
  });

  it('breaks an equal score by closeness to the assessed level before level rank', () => {
    // needs 4, emergency request: rank 4 scores 40; rank 3 scores 30 + 10 for emergency provision.
    const p = person({ needsServiceLevelRank: 4 });
    const r = request({ urgency: 'emergency' });
    const beds = [
      bed({ id: 'a', level: level({ rank: 3, emergency: true }) }),
      bed({ id: 'b', level: level({ rank: 4 }) }),
    ];
    expect(matchBeds(p, r, beds, TODAY).candidates.map((c) => [c.bedId, c.score])).toEqual([
      ['b', 40],
      ['a', 40],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over arbitrary people, requests and beds

const CODES: AccommodationCode[] = ['B', 'C', 'D', 'E', 'G', 'H', 'K', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z'];
const AREAS = ['Crewe', 'crewe ', 'Macclesfield', 'Nantwich', 'Knutsford'];
const LEVEL_IDS = ['L1', 'L2', 'L3', 'L4'];

const dateBetween = (min: string, max: string) =>
  fc
    .date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
/** Mostly `a`, sometimes `b`: keeps a useful share of beds offerable. */
const mostly = <T>(a: T, b: T) =>
  fc.oneof({ arbitrary: fc.constant(a), weight: 4 }, { arbitrary: fc.constant(b), weight: 1 });

const personArb: fc.Arbitrary<MatchPerson> = fc.record({
  dateOfBirth: fc.oneof(
    { arbitrary: dateBetween('2001-06-01', '2010-06-01'), weight: 4 },
    dateBetween('1998-01-01', '2013-12-31'),
  ),
  gender: fc.constantFrom(...GENDERS),
  uasc: fc.boolean(),
  homeArea: fc.option(fc.constantFrom(...AREAS)),
  areasToAvoid: fc.subarray(AREAS, { maxLength: 2 }),
  needsServiceLevelRank: fc.option(fc.integer({ min: 1, max: 9 })),
  stepFreeNeeded: mostly(false, true),
  hasPet: mostly(false, true),
  risks: fc.subarray([...RISKS], { maxLength: 3 }),
});
const requestArb: fc.Arbitrary<MatchRequest> = fc.record({
  urgency: fc.constantFrom('emergency' as const, 'planned' as const),
  neededBy: dateBetween('2026-10-01', '2027-03-31'),
  serviceLevelIds: fc.option(fc.subarray(LEVEL_IDS, { minLength: 1 }), { freq: 4 }),
  preferredAreas: fc.subarray(AREAS, { maxLength: 2 }),
});
const levelArb: fc.Arbitrary<MatchLevel> = fc.record({
  id: fc.constantFrom(...LEVEL_IDS),
  rank: fc.integer({ min: 1, max: 9 }),
  minAge: fc.oneof({ arbitrary: fc.constant(16), weight: 3 }, fc.integer({ min: 15, max: 19 })),
  maxAge: fc.oneof({ arbitrary: fc.constant(25), weight: 3 }, fc.integer({ min: 17, max: 26 })),
  supportHoursMin: fc.constant(1),
  supportHoursMax: fc.constant(6),
  emergency: fc.boolean(),
  accommodationCode: fc.oneof(
    { arbitrary: fc.constantFrom<AccommodationCode>('D', 'E', 'C'), weight: 3 },
    fc.constantFrom(...CODES),
  ),
  suitable: fc.boolean(),
});
const providerArb: fc.Arbitrary<MatchProvider> = fc.record({
  id: fc.constantFrom('P1', 'P2', 'P3'),
  area: fc.constantFrom(...AREAS),
  ofstedUrn: mostly<string | null>('SC000001', null),
  ofstedCategory: fc.constant(null),
});
const bedArb = (id: fc.Arbitrary<string>): fc.Arbitrary<MatchBed> =>
  fc.record({
    id,
    label: fc.constantFrom('Room 1', 'Room 2', 'Flat A'),
    status: fc.constantFrom(
      'available' as const,
      'available' as const,
      'available' as const,
      'held' as const,
      'occupied' as const,
      'out_of_service' as const,
    ),
    minAge: fc.oneof({ arbitrary: fc.constant(16), weight: 3 }, fc.integer({ min: 15, max: 19 })),
    maxAge: fc.oneof({ arbitrary: fc.constant(25), weight: 3 }, fc.integer({ min: 17, max: 26 })),
    gender: fc.constantFrom('any' as const, 'any' as const, 'female' as const, 'male' as const),
    stepFree: mostly(true, false),
    petsAllowed: mostly(true, false),
    acceptsFireRisk: mostly(true, false),
    acceptsSexualHarmRisk: mostly(true, false),
    uascSpecialist: fc.boolean(),
    under18Only: mostly(false, true),
    over18Only: mostly(false, true),
    availableFrom: fc.option(dateBetween('2026-10-01', '2027-03-31'), { freq: 3 }),
    level: levelArb,
    provider: providerArb,
  });
const bedsArb = fc.uniqueArray(bedArb(fc.uuid()), { selector: (b) => b.id, maxLength: 40 });
const todayArb = dateBetween('2026-09-01', '2027-04-30');

/** Fisher-Yates with a small seeded generator (mulberry32), so fast-check can shrink the seed. */
function shuffle<T>(items: T[], seed: number): T[] {
  const out = items.slice();
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The hard rules again, written as plainly as possible, to check the matcher against. */
function brokenRules(p: MatchPerson, r: MatchRequest, b: MatchBed, today: string): string[] {
  const moveIn = r.neededBy < today ? today : r.neededBy;
  const age = ageOn(p.dateOfBirth, moveIn);
  const code = b.level.accommodationCode;
  const avoid = p.areasToAvoid.map((a) => a.trim().toLowerCase());
  const broken: Record<HardRule, boolean> = {
    age_range_bed: age < b.minAge || age > b.maxAge,
    age_range_level: age < b.level.minAge || age > b.level.maxAge,
    ofsted_registration: age < 18 && !b.provider.ofstedUrn?.trim(),
    unsuitable_for_under_18: age < 18 && ['W', 'V', 'T'].includes(code),
    never_placeable: ['S', 'X'].includes(code),
    under_18_only: b.under18Only && age >= 18,
    over_18_only: b.over18Only && age < 18,
    gender: b.gender !== 'any' && b.gender !== p.gender,
    fire_risk: p.risks.includes('fire_setting') && !b.acceptsFireRisk,
    sexual_harm_risk: p.risks.includes('sexual_harm') && !b.acceptsSexualHarmRisk,
    step_free: p.stepFreeNeeded && !b.stepFree,
    pets: p.hasPet && !b.petsAllowed,
    availability: b.status !== 'available' || (b.availableFrom !== null && b.availableFrom > moveIn),
    area_to_avoid: avoid.includes(b.provider.area.trim().toLowerCase()),
    service_level_not_requested: r.serviceLevelIds !== null && !r.serviceLevelIds.includes(b.level.id),
  };
  return HARD_RULES.filter((rule) => broken[rule]);
}

describe('matchBeds properties', () => {
  it('breaks exactly the rules a plain re-statement of them says it breaks', () => {
    fc.assert(
      fc.property(personArb, requestArb, bedsArb, todayArb, (p, r, beds, today) => {
        const byId = new Map(beds.map((b) => [b.id, b]));
        const { candidates, excluded } = matchBeds(p, r, beds, today);
        for (const c of candidates) expect(brokenRules(p, r, byId.get(c.bedId)!, today)).toEqual([]);
        for (const e of excluded)
          expect(e.reasons.map((x) => x.rule)).toEqual(brokenRules(p, r, byId.get(e.bedId)!, today));
      }),
      { numRuns: 300 },
    );
  });

  it('never offers a bed that breaks a hard rule, and scores candidates as scoreBed does', () => {
    fc.assert(
      fc.property(personArb, requestArb, bedsArb, todayArb, (p, r, beds, today) => {
        const byId = new Map(beds.map((b) => [b.id, b]));
        for (const c of matchBeds(p, r, beds, today).candidates) {
          const b = byId.get(c.bedId)!;
          expect(hardRuleViolations(p, r, b, today)).toEqual([]);
          expect(c).toEqual({ bedId: b.id, ...scoreBed(p, r, b) });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives every excluded bed at least one reason, all hard rules, exactly as hardRuleViolations does', () => {
    fc.assert(
      fc.property(personArb, requestArb, bedsArb, todayArb, (p, r, beds, today) => {
        const byId = new Map(beds.map((b) => [b.id, b]));
        for (const e of matchBeds(p, r, beds, today).excluded) {
          expect(e.reasons.length).toBeGreaterThanOrEqual(1);
          for (const reason of e.reasons) {
            expect(reason.effect).toBe('excluded');
            expect(HARD_RULES).toContain(reason.rule);
            expect(reason.detail.length).toBeGreaterThan(0);
          }
          expect(e.reasons).toEqual(hardRuleViolations(p, r, byId.get(e.bedId)!, today));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('puts every input bed exactly once in candidates or excluded', () => {
    fc.assert(
      fc.property(personArb, requestArb, bedsArb, todayArb, (p, r, beds, today) => {
        const { candidates, excluded } = matchBeds(p, r, beds, today);
        const out = [...candidates, ...excluded].map((x) => x.bedId).sort();
        expect(out).toEqual(beds.map((b) => b.id).sort());
      }),
      { numRuns: 300 },
    );
  });

  it('makes each score the sum of its reasons, a whole number', () => {
    fc.assert(
      fc.property(personArb, requestArb, bedsArb, todayArb, (p, r, beds, today) => {
        for (const c of matchBeds(p, r, beds, today).candidates) {
          expect(c.reasons.map((x) => x.rule)).toEqual([...SOFT_RULES]);
          const sum = c.reasons.reduce((s, x) => s + (x.effect as number), 0);
          expect(c.score).toBe(sum);
          expect(Number.isInteger(c.score)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('orders strictly by the documented keys (a total order)', () => {
    fc.assert(
      fc.property(personArb, requestArb, bedsArb, todayArb, (p, r, beds, today) => {
        const byId = new Map(beds.map((b) => [b.id, b]));
        const { candidates, excluded } = matchBeds(p, r, beds, today);
        const key = (bedId: string, score: number) => {
          const b = byId.get(bedId)!;
          const dist = p.needsServiceLevelRank === null ? 0 : Math.abs(b.level.rank - p.needsServiceLevelRank);
          return [-score, dist, b.level.rank, b.provider.area.trim().toLowerCase(), b.label, b.id] as const;
        };
        const before = (x: readonly (number | string)[], y: readonly (number | string)[]) => {
          for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i];
          return false;
        };
        for (let i = 1; i < candidates.length; i++) {
          expect(
            before(
              key(candidates[i - 1].bedId, candidates[i - 1].score),
              key(candidates[i].bedId, candidates[i].score),
            ),
          ).toBe(true);
        }
        for (let i = 1; i < excluded.length; i++) expect(excluded[i - 1].bedId < excluded[i].bedId).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same answer however the input is ordered', () => {
    fc.assert(
      fc.property(personArb, requestArb, bedsArb, todayArb, fc.integer(), (p, r, beds, today, seed) => {
        const expected = matchBeds(p, r, beds, today);
        expect(matchBeds(p, r, shuffle(beds, seed), today)).toEqual(expected);
        expect(matchBeds(p, r, beds.slice().reverse(), today)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same answer however the input is ordered, even with duplicate bed ids', () => {
    const dupBeds = fc.array(bedArb(fc.constantFrom('b1', 'b2', 'b3')), { maxLength: 12 });
    fc.assert(
      fc.property(personArb, requestArb, dupBeds, todayArb, fc.integer(), (p, r, beds, today, seed) => {
        expect(matchBeds(p, r, shuffle(beds, seed), today)).toEqual(matchBeds(p, r, beds, today));
      }),
      { numRuns: 300 },
    );
  });

  it('offers some beds in a good share of runs (the generators are not vacuous)', () => {
    let withCandidates = 0;
    let withExcluded = 0;
    fc.assert(
      fc.property(personArb, requestArb, bedsArb, todayArb, (p, r, beds, today) => {
        const { candidates, excluded } = matchBeds(p, r, beds, today);
        if (candidates.length > 0) withCandidates++;
        if (excluded.length > 0) withExcluded++;
      }),
      { numRuns: 300 },
    );
    expect(withCandidates).toBeGreaterThan(20);
    expect(withExcluded).toBeGreaterThan(100);
  });

  it('pages exactly as slicing the full match would, with totals and per-rule counts', () => {
    fc.assert(
      fc.property(
        personArb,
        requestArb,
        bedsArb,
        todayArb,
        fc.nat({ max: 6 }),
        fc.integer({ min: 0, max: 6 }),
        fc.nat({ max: 6 }),
        fc.integer({ min: 0, max: 6 }),
        (p, r, beds, today, offset, limit, excludedOffset, excludedLimit) => {
          const full = matchBeds(p, r, beds, today);
          const page = matchPage(p, r, beds, today, { offset, limit, excludedOffset, excludedLimit });
          expect(page.candidates).toEqual(full.candidates.slice(offset, offset + limit));
          expect(page.excluded).toEqual(full.excluded.slice(excludedOffset, excludedOffset + excludedLimit));
          expect(page.candidatesTotal).toBe(full.candidates.length);
          expect(page.excludedTotal).toBe(full.excluded.length);
          const counts: Record<string, number> = {};
          for (const e of full.excluded)
            for (const reason of e.reasons) counts[reason.rule] = (counts[reason.rule] ?? 0) + 1;
          expect(page.excludedByRule).toEqual(counts);
        },
      ),
      { numRuns: 300 },
    );
  });
});
