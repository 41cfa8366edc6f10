import {
  dayFromToday,
  dobForAge,
  makeBed,
  makeLevel,
  makePerson,
  makeProvider,
  makeRequest,
} from '../../support/fixtures';
import { expectProblem, Harness } from '../../support/harness';

/**
 * The placement rules over HTTP. Each hard rule, broken on its own, refuses a hold with 422 naming
 * that rule, leaves the bed available, the request open and no hold row, and the same bed appears
 * in GET /placement-requests/:id/matches under `excluded` with the same rule, never under
 * `candidates`. A bed that is not available is 409 to hold. Then ranking (best first, scores that
 * are the sum of their reasons, the same twice) and the hold lifecycle (state conflicts, release,
 * confirm releasing the request's other holds).
 */

interface Reason {
  rule: string;
  effect: number | 'excluded';
  detail: string;
}
interface Candidate {
  bedId: string;
  score: number;
  reasons: Reason[];
}
interface Matches {
  candidates: Candidate[];
  excluded: { bedId: string; reasons: Reason[] }[];
  candidatesTotal: number;
  excludedTotal: number;
}

const SOFT_RULES = [
  'level_fit',
  'home_area',
  'preferred_area',
  'uasc_specialism',
  'emergency_provision',
  'suitability',
];

let h: Harness;
/** An ordinary level (D, 16-25, suitable) and an Ofsted-registered provider in Crewe: a bed there breaks nothing for anyone. */
let level: { id: string };
let provider: { id: string };

beforeAll(async () => {
  h = await Harness.start();
  level = await makeLevel(h, { rank: 4 });
  provider = await makeProvider(h, { area: 'Crewe' });
});
afterAll(async () => {
  await h?.stop();
});

const ho = () => h.as('housing_officer');

async function matches(requestId: string): Promise<Matches> {
  const res = await ho().get(`/placement-requests/${requestId}/matches?limit=500&excludedLimit=500`);
  expect(res.status).toBe(200);
  expect(res.body.candidatesTotal).toBeLessThanOrEqual(500);
  expect(res.body.excludedTotal).toBeLessThanOrEqual(500);
  return res.body;
}

const bedStatus = async (bedId: string) => (await h.as('pa').get(`/beds/${bedId}`)).body.status as string;
const requestStatus = async (requestId: string) =>
  (await h.as('pa').get(`/placement-requests/${requestId}`)).body.status as string;

interface Scenario {
  /** Over the ordinary level. */
  level?: Record<string, unknown>;
  /** Over the ordinary provider. */
  provider?: Record<string, unknown>;
  bed?: Record<string, unknown>;
  /** Over a 19-year-old female former relevant care leaver from Crewe (see makePerson). */
  person?: Record<string, unknown>;
  request?: Record<string, unknown>;
}

/** Builds the bed, person and request of a scenario. */
async function build(s: Scenario): Promise<{ bedId: string; requestId: string; levelId: string }> {
  const levelId = s.level ? (await makeLevel(h, { rank: 4, ...s.level })).id : level.id;
  const providerId = s.provider ? (await makeProvider(h, { area: 'Crewe', ...s.provider })).id : provider.id;
  const bed = await makeBed(h, providerId, levelId, s.bed ?? {});
  const person = await makePerson(h, { ...(s.person ?? {}) });
  const request = await makeRequest(h, person.id, s.request ?? {});
  return { bedId: bed.id, requestId: request.id, levelId };
}

/** The bed breaks exactly `rule`: 422 naming it, nothing written, and excluded from the matches for it alone. */
async function expectBroken(rule: string, s: Scenario): Promise<void> {
  const { bedId, requestId } = await build(s);
  const res = await h.expectNoWrites(['hold', 'bed', 'placement_request', 'stay'], () =>
    ho().post(`/placement-requests/${requestId}/holds`).send({ bedId }),
  );
  expectProblem(res, 422);
  const rules = res.body.rules as { rule: string; detail: string }[];
  expect(rules.map((r) => r.rule)).toEqual([rule]);
  expect(rules[0].detail).toEqual(expect.any(String));
  expect(rules[0].detail.length).toBeGreaterThan(10);
  expect(await bedStatus(bedId)).toBe('available');
  expect(await requestStatus(requestId)).toBe('open');
  expect(await h.count('hold', 'bed_id = $1', [bedId])).toBe(0);

  const m = await matches(requestId);
  expect(m.candidates.map((c) => c.bedId)).not.toContain(bedId);
  const excluded = m.excluded.find((e) => e.bedId === bedId);
  expect(excluded).toBeDefined();
  expect(excluded!.reasons.map((r) => r.rule)).toEqual([rule]);
  expect(excluded!.reasons.every((r) => r.effect === 'excluded')).toBe(true);
  expect(excluded!.reasons[0].detail).toBe(rules[0].detail);
}

describe('each hard rule refuses a hold with 422 naming it, and excludes the bed from the matches', () => {
  it('sanity: the ordinary bed for the ordinary young person breaks nothing', async () => {
    const { bedId, requestId } = await build({});
    const m = await matches(requestId);
    expect(m.candidates.map((c) => c.bedId)).toContain(bedId);
    expect(m.excluded.map((e) => e.bedId)).not.toContain(bedId);
    expect((await ho().post(`/placement-requests/${requestId}/holds`).send({ bedId })).status).toBe(201);
  });

  it.each([
    ['age_range_bed', 'a 19-year-old and a bed for 21-25', { bed: { minAge: 21, maxAge: 25 } }],
    ['age_range_bed', 'a 22-year-old and a bed for 16-21', { bed: { minAge: 16, maxAge: 21 }, person: { age: 22 } }],
    [
      'age_range_level',
      'a 19-year-old and a level for 21-25',
      { level: { minAge: 21, maxAge: 25 }, bed: { minAge: 16, maxAge: 25 } },
    ],
    [
      'age_range_level',
      'a 19-year-old and a level for 16-17',
      { level: { minAge: 16, maxAge: 17 }, bed: { minAge: 16, maxAge: 25 } },
    ],
    [
      'ofsted_registration',
      'a 17-year-old and a provider with no Ofsted URN',
      { provider: { ofstedUrn: undefined, ofstedCategory: undefined }, person: { age: 17 } },
    ],
    [
      'unsuitable_for_under_18',
      'a 17-year-old and a B&B / hotel (W) level',
      { level: { accommodationCode: 'W', suitable: false, emergency: true }, person: { age: 17 } },
    ],
    [
      'unsuitable_for_under_18',
      'a 17-year-old and an emergency hostel (V) level',
      { level: { accommodationCode: 'V', suitable: false, emergency: true }, person: { age: 17 } },
    ],
    [
      'unsuitable_for_under_18',
      'a 17-year-old and a foyer (T) level',
      { level: { accommodationCode: 'T' }, person: { age: 17 } },
    ],
    ['never_placeable', 'a no-fixed-abode (S) level', { level: { accommodationCode: 'S', suitable: false } }],
    ['never_placeable', 'a custody (X) level', { level: { accommodationCode: 'X', suitable: false } }],
    ['under_18_only', 'a 19-year-old and an under-18s-only bed', { bed: { under18Only: true } }],
    ['over_18_only', 'a 17-year-old and an over-18s-only bed', { bed: { over18Only: true }, person: { age: 17 } }],
    ['gender', 'a young woman and a male-only bed', { bed: { gender: 'male' } }],
    ['gender', 'a young man and a female-only bed', { bed: { gender: 'female' }, person: { gender: 'male' } }],
    [
      'gender',
      'a non-binary young person and a female-only bed',
      { bed: { gender: 'female' }, person: { gender: 'non_binary' } },
    ],
    [
      'fire_risk',
      'a fire-setting risk and a bed that does not accept it',
      { bed: { acceptsFireRisk: false }, person: { risks: ['fire_setting'] } },
    ],
    [
      'sexual_harm_risk',
      'a sexual-harm risk and a bed that does not accept it',
      { bed: { acceptsSexualHarmRisk: false }, person: { risks: ['sexual_harm', 'missing'] } },
    ],
    [
      'step_free',
      'a young person who needs step-free access and a bed that is not',
      { bed: { stepFree: false }, person: { stepFreeNeeded: true } },
    ],
    [
      'pets',
      'a young person with a dog and a bed with no pets',
      { bed: { petsAllowed: false }, person: { hasPet: true } },
    ],
    [
      'availability',
      'a bed available only after the needed-by date',
      { bed: { availableFrom: dayFromToday(10) }, request: { neededBy: dayFromToday(3) } },
    ],
    ['area_to_avoid', 'a provider in an area to avoid', { person: { areasToAvoid: ['Nantwich', 'Crewe'] } }],
    [
      'area_to_avoid',
      'a provider in an area to avoid, written differently',
      { person: { areasToAvoid: ['  cREWE '] } },
    ],
    [
      'service_level_not_requested',
      'a bed at a level the request did not ask for',
      { request: { serviceLevelIds: ['__other_level__'] } },
    ],
  ] as [string, string, Scenario][])('%s: %s', async (rule, _what, scenario) => {
    if (scenario.request?.serviceLevelIds)
      scenario = { ...scenario, request: { serviceLevelIds: [(await makeLevel(h, { rank: 5 })).id] } };
    await expectBroken(rule, scenario);
  });

  it('lists every broken rule at once, in the same order for the hold and the matches', async () => {
    const { bedId, requestId } = await build({
      level: { accommodationCode: 'W', suitable: false, emergency: true },
      provider: { ofstedUrn: undefined, ofstedCategory: undefined },
      bed: { gender: 'male', over18Only: true },
      person: { age: 17, hasPet: true },
    });
    const expected = ['ofsted_registration', 'unsuitable_for_under_18', 'over_18_only', 'gender', 'pets'];
    const res = await h.expectNoWrites(['hold', 'bed', 'placement_request'], () =>
      ho().post(`/placement-requests/${requestId}/holds`).send({ bedId }),
    );
    expectProblem(res, 422);
    expect(res.body.rules.map((r: { rule: string }) => r.rule)).toEqual(expected);
    expect((await matches(requestId)).excluded.find((e) => e.bedId === bedId)!.reasons.map((r) => r.rule)).toEqual(
      expected,
    );
  });

  it('judges age on the move-in date: a 17-year-old turning 18 before the needed-by date may have an over-18s bed', async () => {
    const person = await makePerson(h, { dateOfBirth: dobForAge(18, -5), legalStatus: 'relevant' });
    const bed = await makeBed(h, provider.id, level.id, { over18Only: true });
    const now = await makeRequest(h, person.id, { neededBy: dayFromToday(0) });
    const later = await makeRequest(h, person.id, { neededBy: dayFromToday(10) });
    expect((await matches(now.id)).excluded.find((e) => e.bedId === bed.id)!.reasons.map((r) => r.rule)).toEqual([
      'over_18_only',
    ]);
    expect((await matches(later.id)).candidates.map((c) => c.bedId)).toContain(bed.id);
    expect((await ho().post(`/placement-requests/${later.id}/holds`).send({ bedId: bed.id })).status).toBe(201);
  });

  it('takes a bed whose availableFrom is on or before the needed-by date', async () => {
    const { bedId, requestId } = await build({
      bed: { availableFrom: dayFromToday(3) },
      request: { neededBy: dayFromToday(3) },
    });
    expect((await matches(requestId)).candidates.map((c) => c.bedId)).toContain(bedId);
  });
});

describe('a bed that is not available', () => {
  async function expectUnavailable(bedId: string, status: string): Promise<void> {
    const person = await makePerson(h);
    const request = await makeRequest(h, person.id);
    const res = await h.expectNoWrites(['hold', 'bed', 'placement_request'], () =>
      ho().post(`/placement-requests/${request.id}/holds`).send({ bedId }),
    );
    expectProblem(res, 409);
    expect(res.body.bedStatus).toBe(status);
    expect(await bedStatus(bedId)).toBe(status);
    expect(await requestStatus(request.id)).toBe('open');
    const m = await matches(request.id);
    expect(m.candidates.map((c) => c.bedId)).not.toContain(bedId);
    expect(m.excluded.find((e) => e.bedId === bedId)!.reasons.map((r) => r.rule)).toEqual(['availability']);
  }

  it('is 409 to hold when occupied, and excluded for availability', async () => {
    const bed = await makeBed(h, provider.id, level.id);
    const occupant = await makePerson(h);
    expect(
      (await h.as('housing_officer').post('/stays').send({ youngPersonId: occupant.id, bedId: bed.id })).status,
    ).toBe(201);
    await expectUnavailable(bed.id, 'occupied');
  });

  it('is 409 to hold when out of service, and excluded for availability', async () => {
    const bed = await makeBed(h, provider.id, level.id, {
      status: 'out_of_service',
      outOfServiceReason: 'Flood damage',
    });
    await expectUnavailable(bed.id, 'out_of_service');
  });

  it('is 409 to hold when held for another request, and excluded for availability', async () => {
    const bed = await makeBed(h, provider.id, level.id);
    const other = await makeRequest(h, (await makePerson(h)).id);
    expect((await ho().post(`/placement-requests/${other.id}/holds`).send({ bedId: bed.id })).status).toBe(201);
    await expectUnavailable(bed.id, 'held');
  });
});

describe('ranking', () => {
  /** A young person from Nantwich assessed at rank 3, and beds in Nantwich, Sandbach (preferred) and Wybunbury at ranks 2 to 6. */
  let personId: string;
  let beds: Record<string, string>;
  let requestId: string;

  beforeAll(async () => {
    const levels: Record<number, string> = {};
    for (const rank of [2, 3, 4, 6]) levels[rank] = (await makeLevel(h, { rank })).id;
    const W = (await makeLevel(h, { rank: 3, accommodationCode: 'W', suitable: false, emergency: true })).id;
    const areas = {
      nantwich: (await makeProvider(h, { area: 'Nantwich' })).id,
      sandbach: (await makeProvider(h, { area: 'Sandbach' })).id,
      wybunbury: (await makeProvider(h, { area: 'Wybunbury' })).id,
    };
    const mk = async (providerId: string, levelId: string, over: Record<string, unknown> = {}) =>
      (await makeBed(h, providerId, levelId, over)).id;
    beds = {
      homeExact: await mk(areas.nantwich, levels[3]),
      preferredExact: await mk(areas.sandbach, levels[3]),
      elsewhereExact: await mk(areas.wybunbury, levels[3]),
      homeMoreSupport: await mk(areas.nantwich, levels[2]),
      homeLessSupport: await mk(areas.nantwich, levels[4]),
      elsewhereMuchLessSupport: await mk(areas.wybunbury, levels[6]),
      homeUascSpecialist: await mk(areas.nantwich, levels[3], { uascSpecialist: true }),
      homeHotel: await mk(areas.nantwich, W),
    };
    personId = (await makePerson(h, { homeArea: 'Nantwich', needsServiceLevelRank: 3 })).id;
    requestId = (await makeRequest(h, personId, { urgency: 'planned', preferredAreas: ['Sandbach'] })).id;
  });

  it('puts candidates best first, with reasons for every soft rule whose effects sum to the score', async () => {
    const m = await matches(requestId);
    for (let i = 1; i < m.candidates.length; i++)
      expect(m.candidates[i - 1].score).toBeGreaterThanOrEqual(m.candidates[i].score);
    for (const c of m.candidates) {
      expect(c.reasons.map((r) => r.rule)).toEqual(SOFT_RULES);
      for (const r of c.reasons) {
        expect(typeof r.effect).toBe('number');
        expect(r.detail).toEqual(expect.any(String));
      }
      expect(c.reasons.reduce((sum, r) => sum + (r.effect as number), 0)).toBe(c.score);
    }
    for (const id of Object.values(beds)) expect(m.candidates.map((c) => c.bedId)).toContain(id);
  });

  it('ranks the assessed level in the home area above the same elsewhere, and less support below more', async () => {
    const m = await matches(requestId);
    const at = (id: string) => m.candidates.findIndex((c) => c.bedId === id);
    const score = (id: string) => m.candidates.find((c) => c.bedId === id)!.score;
    const effect = (id: string, rule: string) =>
      m.candidates.find((c) => c.bedId === id)!.reasons.find((r) => r.rule === rule)!.effect;
    // Preferred area (+20) beats home area (+15) beats neither, at the assessed level.
    expect(at(beds.preferredExact)).toBeLessThan(at(beds.homeExact));
    expect(at(beds.homeExact)).toBeLessThan(at(beds.elsewhereExact));
    expect(effect(beds.homeExact, 'home_area')).toBeGreaterThan(0);
    expect(effect(beds.preferredExact, 'preferred_area')).toBeGreaterThan(0);
    expect(effect(beds.elsewhereExact, 'home_area')).toBe(0);
    // One step of more support costs less than one step of less support.
    expect(score(beds.homeMoreSupport)).toBeGreaterThan(score(beds.homeLessSupport));
    expect(at(beds.homeExact)).toBeLessThan(at(beds.homeMoreSupport));
    expect(score(beds.elsewhereMuchLessSupport)).toBeLessThan(score(beds.elsewhereExact));
    // A UASC specialist bed is kept for UASC young people; an unsuitable hotel level scores lower.
    expect(effect(beds.homeUascSpecialist, 'uasc_specialism')).toBeLessThan(0);
    expect(at(beds.homeExact)).toBeLessThan(at(beds.homeUascSpecialist));
    expect(effect(beds.homeHotel, 'suitability')).toBeLessThan(0);
    expect(effect(beds.homeHotel, 'emergency_provision')).toBeLessThan(0); // emergency provision for a planned move
    expect(at(beds.homeExact)).toBeLessThan(at(beds.homeHotel));
  });

  it('ranks the same request over the same inventory the same way twice, and an identical request the same way', async () => {
    const first = await matches(requestId);
    const second = await matches(requestId);
    expect(second).toEqual(first);
    const twin = await makeRequest(h, personId, { urgency: 'planned', preferredAreas: ['Sandbach'] });
    const third = await matches(twin.id);
    expect(third.candidates).toEqual(first.candidates);
    expect(third.excluded).toEqual(first.excluded);
  });

  it('pages candidates without changing their order', async () => {
    const all = (await matches(requestId)).candidates.map((c) => c.bedId);
    const paged: string[] = [];
    for (let offset = 0; offset < all.length; offset += 3) {
      const res = await ho().get(`/placement-requests/${requestId}/matches?limit=3&offset=${offset}`);
      paged.push(...(res.body.candidates as Candidate[]).map((c) => c.bedId));
    }
    expect(paged).toEqual(all);
  });
});

describe('holds and the request lifecycle', () => {
  it('refuses a hold on a withdrawn request with 409 and writes nothing', async () => {
    const request = await makeRequest(h, (await makePerson(h)).id);
    expect(
      (await h.as('pa').post(`/placement-requests/${request.id}/withdraw`).send({ reason: 'Staying with family' }))
        .status,
    ).toBe(200);
    const bed = await makeBed(h, provider.id, level.id);
    const res = await h.expectNoWrites(['hold', 'bed', 'placement_request'], () =>
      ho().post(`/placement-requests/${request.id}/holds`).send({ bedId: bed.id }),
    );
    expectProblem(res, 409);
    expect(res.body.requestStatus).toBe('withdrawn');
    expect(await bedStatus(bed.id)).toBe('available');
  });

  it('refuses a hold on a placed request with 409 and writes nothing', async () => {
    const request = await makeRequest(h, (await makePerson(h)).id);
    const first = await makeBed(h, provider.id, level.id);
    const hold = await ho().post(`/placement-requests/${request.id}/holds`).send({ bedId: first.id });
    expect((await ho().post(`/holds/${hold.body.id}/confirm`).send({})).status).toBe(201);
    const bed = await makeBed(h, provider.id, level.id);
    const res = await h.expectNoWrites(['hold', 'bed', 'placement_request'], () =>
      ho().post(`/placement-requests/${request.id}/holds`).send({ bedId: bed.id }),
    );
    expectProblem(res, 409);
    expect(res.body.requestStatus).toBe('placed');
    expect(await bedStatus(bed.id)).toBe('available');
  });

  it('frees the bed and reopens the request when the hold is released; a second release is 409', async () => {
    const request = await makeRequest(h, (await makePerson(h)).id);
    const bed = await makeBed(h, provider.id, level.id);
    const hold = await ho().post(`/placement-requests/${request.id}/holds`).send({ bedId: bed.id });
    expect(hold.status).toBe(201);
    expect(await bedStatus(bed.id)).toBe('held');
    expect(await requestStatus(request.id)).toBe('held');
    const released = await ho().post(`/holds/${hold.body.id}/release`).send({ reason: 'Declined the room' });
    expect(released.status).toBe(200);
    expect(released.body.status).toBe('released');
    expect(await bedStatus(bed.id)).toBe('available');
    expect(await requestStatus(request.id)).toBe('open');
    expectProblem(
      await h.expectNoWrites(['hold', 'bed', 'placement_request'], () =>
        ho().post(`/holds/${hold.body.id}/release`).send({}),
      ),
      409,
    );
    expectProblem(
      await h.expectNoWrites(['hold', 'bed', 'placement_request', 'stay'], () =>
        ho().post(`/holds/${hold.body.id}/confirm`).send({}),
      ),
      409,
    );
    // The freed bed can be held again.
    expect((await ho().post(`/placement-requests/${request.id}/holds`).send({ bedId: bed.id })).status).toBe(201);
  });

  it('keeps the request held while another of its holds is live', async () => {
    const request = await makeRequest(h, (await makePerson(h)).id);
    const [a, b] = [await makeBed(h, provider.id, level.id), await makeBed(h, provider.id, level.id)];
    const holdA = await ho().post(`/placement-requests/${request.id}/holds`).send({ bedId: a.id });
    const holdB = await ho().post(`/placement-requests/${request.id}/holds`).send({ bedId: b.id, additional: true }); // a second bed for one request, deliberately
    expect([holdA.status, holdB.status]).toEqual([201, 201]);
    expect((await ho().post(`/holds/${holdA.body.id}/release`).send({})).status).toBe(200);
    expect(await requestStatus(request.id)).toBe('held');
    expect((await ho().post(`/holds/${holdB.body.id}/release`).send({})).status).toBe(200);
    expect(await requestStatus(request.id)).toBe('open');
  });

  it('judges the rules again on confirming: a change to the young person or the bed since the hold is 422, nothing written', async () => {
    const person = await makePerson(h);
    const request = await makeRequest(h, person.id);
    const [a, b] = [await makeBed(h, provider.id, level.id), await makeBed(h, provider.id, level.id)];
    const holdA = await ho().post(`/placement-requests/${request.id}/holds`).send({ bedId: a.id });
    const holdB = await ho().post(`/placement-requests/${request.id}/holds`).send({ bedId: b.id, additional: true }); // a second bed for one request, deliberately
    expect([holdA.status, holdB.status]).toEqual([201, 201]);
    // A fire-setting risk comes to light after the holds; bed B is then made male-only.
    expect(
      (
        await h
          .as('pa')
          .patch(`/young-people/${person.id}`)
          .send({ risks: ['fire_setting'] })
      ).status,
    ).toBe(200);
    expect((await ho().patch(`/beds/${b.id}`).send({ gender: 'male', acceptsFireRisk: true })).status).toBe(200);
    const tables = ['hold', 'bed', 'placement_request', 'stay', 'escalation'];
    const resA = await h.expectNoWrites(tables, () => ho().post(`/holds/${holdA.body.id}/confirm`).send({}));
    expectProblem(resA, 422);
    expect(resA.body.rules.map((r: { rule: string }) => r.rule)).toEqual(['fire_risk']);
    const resB = await h.expectNoWrites(tables, () => ho().post(`/holds/${holdB.body.id}/confirm`).send({}));
    expectProblem(resB, 422);
    expect(resB.body.rules.map((r: { rule: string }) => r.rule)).toEqual(['gender']);
    expect([await bedStatus(a.id), await bedStatus(b.id), await requestStatus(request.id)]).toEqual([
      'held',
      'held',
      'held',
    ]);
    // The officer releases them; the matches now say why.
    for (const hold of [holdA, holdB])
      expect((await ho().post(`/holds/${hold.body.id}/release`).send({ reason: 'No longer suitable' })).status).toBe(
        200,
      );
    const m = await matches(request.id);
    expect(m.excluded.find((e) => e.bedId === a.id)!.reasons.map((r) => r.rule)).toEqual(['fire_risk']);
    expect(m.excluded.find((e) => e.bedId === b.id)!.reasons.map((r) => r.rule)).toEqual(['gender']);
  });

  it('releases the request’s other holds when one is confirmed', async () => {
    const request = await makeRequest(h, (await makePerson(h)).id);
    const [a, b, c] = [
      await makeBed(h, provider.id, level.id),
      await makeBed(h, provider.id, level.id),
      await makeBed(h, provider.id, level.id),
    ];
    const holds: string[] = [];
    for (const bed of [a, b, c]) {
      const res = await ho()
        .post(`/placement-requests/${request.id}/holds`)
        .send({ bedId: bed.id, additional: holds.length > 0 }); // more than one bed, deliberately
      expect(res.status).toBe(201);
      holds.push(res.body.id as string);
    }
    const stay = await ho().post(`/holds/${holds[1]}/confirm`).send({});
    expect(stay.status).toBe(201);
    expect(stay.body.bedId).toBe(b.id);
    expect(await bedStatus(b.id)).toBe('occupied');
    expect(await bedStatus(a.id)).toBe('available');
    expect(await bedStatus(c.id)).toBe('available');
    expect(await requestStatus(request.id)).toBe('placed');
    const list = (await ho().get(`/placement-requests/${request.id}/holds`)).body.items as {
      id: string;
      status: string;
    }[];
    expect(Object.fromEntries(list.map((x) => [x.id, x.status]))).toEqual({
      [holds[0]]: 'released',
      [holds[1]]: 'confirmed',
      [holds[2]]: 'released',
    });
    // The released holds can be neither confirmed nor released again.
    for (const id of [holds[0], holds[2]]) {
      expectProblem(await ho().post(`/holds/${id}/confirm`).send({}), 409);
      expectProblem(await ho().post(`/holds/${id}/release`).send({}), 409);
    }
  });
});
