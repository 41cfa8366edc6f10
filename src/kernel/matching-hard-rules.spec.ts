import { HARD_RULES, hardRuleViolations, type HardRule } from './matching-hard-rules';
import { matchBeds } from './matching';
import type { MatchBed, MatchPerson, MatchRequest } from './matching-model';
import { AGED_17, NEEDED_BY, TODAY, bed, level, person, provider, request } from './matching.fixtures';

const rulesOf = (p: MatchPerson, r: MatchRequest, b: MatchBed, today = TODAY) =>
  hardRuleViolations(p, r, b, today).map((x) => x.rule);

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
