import fc from 'fast-check';
import { GENDERS, RISKS } from './care-leavers';
import {
  matchPage,
  HARD_RULES,
  SOFT_RULES,
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
import { TODAY, bed, level, person, provider, request } from './matching.fixtures';

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

describe('stale providers rank after confirmed ones', () => {
  const staleArb = fc.subarray(['P1', 'P2', 'P3']).map((ids) => new Set(ids));

  /**
   * Arbitrary inputs put confirmed and stale candidates in one list in only a few runs of 300 (none
   * at all for about one seed in 25), so the property also always runs on this one, which does.
   */
  const mixedExample: [MatchPerson, MatchRequest, MatchBed[], string, Set<string>] = [
    person(),
    request(),
    [
      bed({ id: 'b-stale', label: 'Room 1', provider: provider({ id: 'P1' }) }),
      bed({ id: 'a-confirmed', label: 'Room 2', provider: provider({ id: 'P2' }) }),
      bed({ id: 'c-stale', label: 'Room 3', provider: provider({ id: 'P1' }) }),
    ],
    TODAY,
    new Set(['P1']),
  ];

  it('puts every bed of a stale provider after every other candidate, and keeps the usual order within each group', () => {
    let mixed = 0;
    fc.assert(
      fc.property(personArb, requestArb, bedsArb, todayArb, staleArb, (p, r, beds, today, stale) => {
        const usual = matchBeds(p, r, beds, today);
        const ranked = matchBeds(p, r, beds, today, stale);
        const byId = new Map(beds.map((b) => [b.id, b]));
        const isStale = (id: string) => stale.has(byId.get(id)!.provider.id);
        const flags = ranked.candidates.map((c) => isStale(c.bedId));
        expect(flags).toEqual([...flags].sort((a, b) => Number(a) - Number(b)));
        if (flags.includes(true) && flags.includes(false)) mixed++;
        // Only staleness moves a bed: within the confirmed and the stale group, the order is matchBeds' own.
        const ids = (cs: { bedId: string }[]) => cs.map((c) => c.bedId);
        expect(ids(ranked.candidates)).toEqual([
          ...ids(usual.candidates).filter((id) => !isStale(id)),
          ...ids(usual.candidates).filter(isStale),
        ]);
        expect(ranked.excluded).toEqual(usual.excluded);
      }),
      { numRuns: 300, examples: [mixedExample] },
    );
    expect(mixed).toBeGreaterThan(0);
  });

  it('keeps that order over many candidates from several providers', () => {
    const richBeds = fc.uniqueArray(
      fc.record({
        id: fc.uuid(),
        label: fc.constantFrom('A', 'B', 'C'),
        providerId: fc.constantFrom('P1', 'P2', 'P3'),
        area: fc.constantFrom('Crewe', 'Nantwich', 'Macclesfield'),
        rank: fc.integer({ min: 1, max: 7 }),
      }),
      { selector: (b) => b.id, minLength: 2, maxLength: 30 },
    );
    fc.assert(
      fc.property(richBeds, staleArb, fc.constantFrom('Crewe', null), (specs, stale, home) => {
        const beds = specs.map((b) =>
          bed({
            id: b.id,
            label: b.label,
            level: level({ rank: b.rank }),
            provider: provider({ id: b.providerId, area: b.area }),
          }),
        );
        const p = person({ homeArea: home, needsServiceLevelRank: 4 });
        const usual = matchBeds(p, request(), beds, TODAY).candidates.map((c) => c.bedId);
        const ranked = matchBeds(p, request(), beds, TODAY, stale).candidates.map((c) => c.bedId);
        const isStale = (id: string) => stale.has(specs.find((b) => b.id === id)!.providerId);
        expect(usual).toHaveLength(beds.length);
        expect(ranked).toEqual([...usual.filter((id) => !isStale(id)), ...usual.filter(isStale)]);
      }),
      { numRuns: 300 },
    );
  });

  it('pages the stale-aware order exactly as slicing it would', () => {
    fc.assert(
      fc.property(
        personArb,
        requestArb,
        bedsArb,
        todayArb,
        staleArb,
        fc.nat({ max: 6 }),
        fc.integer({ min: 0, max: 6 }),
        (p, r, beds, today, stale, offset, limit) => {
          const full = matchBeds(p, r, beds, today, stale);
          const page = matchPage(p, r, beds, today, {
            offset,
            limit,
            excludedOffset: 0,
            excludedLimit: 0,
            staleProviderIds: stale,
          });
          expect(page.candidates).toEqual(full.candidates.slice(offset, offset + limit));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('ranks a stale provider’s higher-scoring bed after a confirmed provider’s lower-scoring one', () => {
    const p = person({ homeArea: 'Crewe' });
    const beds = [
      bed({ id: 'stale-home', provider: provider({ id: 'P-stale', area: 'Crewe' }) }),
      bed({ id: 'fresh-away', provider: provider({ id: 'P-fresh', area: 'Nantwich' }) }),
    ];
    expect(matchBeds(p, request(), beds, TODAY).candidates.map((c) => c.bedId)).toEqual(['stale-home', 'fresh-away']);
    expect(matchBeds(p, request(), beds, TODAY, new Set(['P-stale'])).candidates.map((c) => c.bedId)).toEqual([
      'fresh-away',
      'stale-home',
    ]);
  });
});

describe('nearest misses and excluded groups', () => {
  it('lists as nearest misses exactly the excluded beds breaking one hard rule, never a candidate', () => {
    fc.assert(
      fc.property(personArb, requestArb, bedsArb, todayArb, (p, r, beds, today) => {
        const full = matchBeds(p, r, beds, today);
        const page = matchPage(p, r, beds, today, {
          offset: 0,
          limit: 500,
          excludedOffset: 0,
          excludedLimit: 0,
          nearestMissLimit: 500,
        });
        const oneRule = full.excluded.filter((e) => e.reasons.length === 1);
        expect(page.nearestMisses).toEqual(oneRule.map((e) => ({ bedId: e.bedId, reason: e.reasons[0] })));
        expect(page.nearestMissesTotal).toBe(oneRule.length);
        const candidateIds = new Set(full.candidates.map((c) => c.bedId));
        for (const m of page.nearestMisses) expect(candidateIds.has(m.bedId)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('groups excluded beds by rule in HARD_RULES order with their counts and the first ids', () => {
    fc.assert(
      fc.property(personArb, requestArb, bedsArb, todayArb, (p, r, beds, today) => {
        const full = matchBeds(p, r, beds, today);
        const page = matchPage(p, r, beds, today, {
          offset: 0,
          limit: 0,
          excludedOffset: 0,
          excludedLimit: 0,
          idsPerRule: 2,
        });
        const expected = HARD_RULES.flatMap((rule) => {
          const ids = full.excluded.filter((e) => e.reasons.some((x) => x.rule === rule)).map((e) => e.bedId);
          return ids.length ? [{ rule, count: ids.length, bedIds: ids.slice(0, 2) }] : [];
        });
        expect(page.excludedGroups).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
