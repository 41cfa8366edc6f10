import { Harness } from '../../support/harness';
import { makeBed, makeLevel, makePerson, makeProvider, makeRequest } from '../../support/fixtures';

/**
 * What the matches add for a safe choice (issue 12): beds of providers whose vacancies are stale
 * rank after confirmed ones and say so; excluded beds grouped by rule; beds breaking exactly one
 * rule shown as nearest misses, never as candidates; and who lives in each candidate's house
 * (same provider, same service level) in summary only: age band, gender, risks, no names or ids.
 */
interface Candidate {
  bedId: string;
  providerStale: boolean;
  vacanciesConfirmedAt: string | null;
  coResidents: { ageBand: string; gender: string; risks: string[] }[];
}

describe('matches: stale providers, nearest misses, excluded groups, co-residents', () => {
  let h: Harness;
  const ids: Record<string, string> = {};
  const hiddenNames = ['Zebedee', 'Quillon', 'Marigold', 'Ravensworth'];
  let body: {
    candidates: Candidate[];
    excludedByRule: Record<string, number>;
    excludedGroups: { rule: string; count: number; bedIds: string[] }[];
    nearestMisses: { bedId: string; reason: { rule: string; effect: string } }[];
    nearestMissesTotal: number;
  };

  async function occupy(bedId: string, person: Record<string, unknown>) {
    const y = await makePerson(h, person);
    const stay = await h.as('housing_officer').post('/stays').send({ youngPersonId: y.id, bedId });
    if (stay.status !== 201) throw new Error(`stay: ${stay.status} ${JSON.stringify(stay.body)}`);
    ids[`person:${String(person.firstName)}`] = y.id;
  }

  beforeAll(async () => {
    h = await Harness.start();
    const level = await makeLevel(h);
    const other = await makeLevel(h);
    const fresh = await makeProvider(h, { area: 'Nantwich' });
    const stale = await makeProvider(h, { area: 'Crewe' });
    expect((await h.as('housing_officer').post(`/providers/${fresh.id}/vacancy-confirmations`).send({})).status).toBe(
      201,
    );
    ids.freshBed = (await makeBed(h, fresh.id, level.id)).id;
    ids.staleBed = (await makeBed(h, stale.id, level.id)).id;
    ids.tooOld = (await makeBed(h, fresh.id, level.id, { maxAge: 17 })).id; // breaks age_range_bed only
    ids.twoRules = (await makeBed(h, fresh.id, level.id, { maxAge: 17, gender: 'male' })).id;
    ids.mate1 = (await makeBed(h, stale.id, level.id, { acceptsFireRisk: true })).id;
    ids.mate2 = (await makeBed(h, stale.id, level.id)).id;
    ids.otherHouse = (await makeBed(h, stale.id, other.id)).id;
    await occupy(ids.mate1, {
      firstName: 'Zebedee',
      lastName: 'Quillon',
      age: 17,
      gender: 'male',
      risks: ['fire_setting'],
    });
    await occupy(ids.mate2, { firstName: 'Marigold', lastName: 'Ravensworth', age: 20, gender: 'female' });
    await occupy(ids.otherHouse, { firstName: 'Other', lastName: 'House', age: 23, gender: 'male' });
    const person = await makePerson(h, { homeArea: 'Crewe', gender: 'female', age: 19 });
    const req = await makeRequest(h, person.id);
    const res = await h.as('housing_officer').get(`/placement-requests/${req.id}/matches`);
    expect(res.status).toBe(200);
    body = res.body;
  });
  afterAll(async () => {
    await h?.stop();
  });

  const candidate = (bedId: string) => body.candidates.find((c) => c.bedId === bedId)!;

  it('ranks a stale provider’s bed after a confirmed provider’s, though it scores more (home area), and marks it stale', async () => {
    expect(body.candidates.map((c) => c.bedId)).toEqual([ids.freshBed, ids.staleBed]);
    expect(candidate(ids.staleBed)).toMatchObject({ providerStale: true, vacanciesConfirmedAt: null });
    expect(candidate(ids.freshBed).providerStale).toBe(false);
    const scores = body.candidates.map((c) => (c as unknown as { score: number }).score);
    expect(scores[1]).toBeGreaterThan(scores[0]);
  });

  it('lists beds breaking exactly one rule as nearest misses, with that rule, and never among the candidates', () => {
    const misses = new Map(body.nearestMisses.map((m) => [m.bedId, m.reason.rule]));
    expect(misses.get(ids.tooOld)).toBe('age_range_bed');
    expect(misses.get(ids.mate1)).toBe('availability');
    expect(misses.has(ids.twoRules)).toBe(false);
    expect(body.nearestMissesTotal).toBe(body.nearestMisses.length);
    const candidates = new Set(body.candidates.map((c) => c.bedId));
    for (const m of body.nearestMisses) expect(candidates.has(m.bedId)).toBe(false);
    for (const m of body.nearestMisses) expect(m.reason.effect).toBe('excluded');
  });

  it('groups the excluded beds by rule with the same counts as excludedByRule and a few of their ids', () => {
    expect(body.excludedByRule).toEqual({ age_range_bed: 2, gender: 1, availability: 3 });
    expect(body.excludedGroups.map((g) => [g.rule, g.count])).toEqual([
      ['age_range_bed', 2],
      ['gender', 1],
      ['availability', 3],
    ]);
    const group = (rule: string) => body.excludedGroups.find((g) => g.rule === rule)!;
    expect(new Set(group('age_range_bed').bedIds)).toEqual(new Set([ids.tooOld, ids.twoRules]));
    expect(group('gender').bedIds).toEqual([ids.twoRules]);
    expect(new Set(group('availability').bedIds)).toEqual(new Set([ids.mate1, ids.mate2, ids.otherHouse]));
  });

  it('summarises who lives in the same house (provider and service level) by age band, gender and risks, with no names or ids', () => {
    expect(candidate(ids.staleBed).coResidents).toEqual([
      { ageBand: '16-17', gender: 'male', risks: ['fire_setting'] },
      { ageBand: '18-21', gender: 'female', risks: [] },
    ]);
    expect(candidate(ids.freshBed).coResidents).toEqual([]);
    const text = JSON.stringify(body.candidates);
    for (const name of hiddenNames) expect(text).not.toContain(name);
    for (const [key, id] of Object.entries(ids)) if (key.startsWith('person:')) expect(text).not.toContain(id);
    for (const c of body.candidates)
      for (const r of c.coResidents) expect(Object.keys(r).sort()).toEqual(['ageBand', 'gender', 'risks']);
  });
});
