import { ManualClock } from '../../../src/platform/clock';
import { expectProblem, Harness } from '../../support/harness';

/** A housing officer keeps the inventory current: service levels, providers, beds, vacancies. */

const DAY = 86_400_000;
const T0 = new Date('2026-11-02T09:00:00Z');

let h: Harness;
const clock = new ManualClock(T0);
let seq = 0;
const uniq = () => ++seq;

beforeAll(async () => {
  h = await Harness.start({ clock });
});
afterAll(async () => {
  await h?.stop();
});

const officer = () => h.as('housing_officer');

async function level(over: Record<string, unknown> = {}) {
  const res = await officer()
    .post('/service-levels')
    .send({
      code: `L${uniq()}`,
      name: 'Medium support shared house',
      rank: 4,
      minAge: 16,
      maxAge: 21,
      supportHoursMin: 7,
      supportHoursMax: 12,
      emergency: false,
      accommodationCode: 'D',
      suitable: true,
      ...over,
    });
  expect(res.status).toBe(201);
  return res.body;
}

async function provider(over: Record<string, unknown> = {}) {
  const res = await officer()
    .post('/providers')
    .send({ name: `Provider ${uniq()}`, area: 'Crewe', ...over });
  expect(res.status).toBe(201);
  return res.body;
}

async function bed(providerId: string, serviceLevelId: string, over: Record<string, unknown> = {}) {
  const res = await officer()
    .post('/beds')
    .send({ providerId, serviceLevelId, label: `Room ${uniq()}`, minAge: 16, maxAge: 21, ...over });
  expect(res.status).toBe(201);
  return res.body;
}

const auditOf = async (entityId: string) =>
  (await h.as('director').get(`/audit?entityId=${entityId}&limit=500`)).body.items as {
    action: string;
    actorUserId: string;
    changes: Record<string, unknown>;
    at: string;
  }[];

describe('service levels', () => {
  it('creates a level with every contract field, and reads it back', async () => {
    const s = await level({
      code: 'EMERG',
      name: 'Emergency bed',
      rank: 1,
      minAge: 16,
      maxAge: 25,
      supportHoursMin: 168,
      supportHoursMax: 168,
      emergency: true,
      accommodationCode: 'V',
      suitable: false,
    });
    expect(s).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      code: 'EMERG',
      name: 'Emergency bed',
      rank: 1,
      minAge: 16,
      maxAge: 25,
      supportHoursMin: 168,
      supportHoursMax: 168,
      emergency: true,
      accommodationCode: 'V',
      suitable: false,
      version: 1,
    });
    expect((await h.as('pa').get(`/service-levels/${s.id}`)).body).toEqual(s);
  });

  it('updates a level, bumps its version and audits what changed', async () => {
    const s = await level();
    const res = await officer()
      .patch(`/service-levels/${s.id}`)
      .send({ name: 'Renamed', supportHoursMax: 18, version: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Renamed', supportHoursMax: 18, version: 2 });
    const [updated, created] = await auditOf(s.id);
    expect(created).toMatchObject({ action: 'service_level.created', actorUserId: h.users.housing_officer.id });
    expect(updated).toMatchObject({
      action: 'service_level.updated',
      actorUserId: h.users.housing_officer.id,
      changes: { name: { from: 'Medium support shared house', to: 'Renamed' }, supportHoursMax: { from: 12, to: 18 } },
    });
  });

  it('refuses a stale version with 409 and changes nothing', async () => {
    const s = await level();
    expect((await officer().patch(`/service-levels/${s.id}`).send({ rank: 5, version: 1 })).status).toBe(200);
    const stale = await h.expectNoWrites(['service_level'], () =>
      officer().patch(`/service-levels/${s.id}`).send({ rank: 6, version: 1 }),
    );
    expectProblem(stale, 409);
  });

  it('refuses a code that is already taken with 409, on create and on update', async () => {
    const a = await level({ code: 'TAKEN' });
    const b = await level();
    expectProblem(
      await h.expectNoWrites(['service_level'], () =>
        officer()
          .post('/service-levels')
          .send({ ...a, id: undefined, version: undefined }),
      ),
      409,
    );
    expectProblem(
      await h.expectNoWrites(['service_level'], () =>
        officer().patch(`/service-levels/${b.id}`).send({ code: 'TAKEN' }),
      ),
      409,
    );
  });

  it('lists levels lowest rank first with limit, offset and total', async () => {
    const all = (await h.as('pa').get('/service-levels?limit=500')).body;
    expect(all.total).toBe(all.items.length);
    const ranks = all.items.map((s: { rank: number }) => s.rank);
    expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
    const page = (await h.as('pa').get('/service-levels?limit=2&offset=1')).body;
    expect(page.total).toBe(all.total);
    expect(page.items).toEqual(all.items.slice(1, 3));
  });
});

describe('providers', () => {
  it('records an Ofsted URN and registration category with the contact details', async () => {
    const p = await provider({
      name: 'YMCA Crewe',
      area: 'Crewe',
      ofstedUrn: '2712345',
      ofstedCategory: 'shared_housing',
      email: 'crewe@ymca.example',
      phone: '01270 000000',
    });
    expect(p).toEqual({
      id: expect.any(String),
      name: 'YMCA Crewe',
      area: 'Crewe',
      ofstedUrn: '2712345',
      ofstedCategory: 'shared_housing',
      email: 'crewe@ymca.example',
      phone: '01270 000000',
      vacanciesConfirmedAt: null,
      stale: true,
      version: 1,
    });
    expect((await auditOf(p.id))[0]).toMatchObject({
      action: 'provider.created',
      changes: { ofstedUrn: '2712345', ofstedCategory: 'shared_housing' },
    });
  });

  it('clears a registration only as a whole (URN and category together)', async () => {
    const p = await provider({ ofstedUrn: 'SC123456', ofstedCategory: 'single_occupancy' });
    expectProblem(await officer().patch(`/providers/${p.id}`).send({ ofstedCategory: null }), 400, ['ofstedCategory']);
    const res = await officer().patch(`/providers/${p.id}`).send({ ofstedUrn: null, ofstedCategory: null, version: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ofstedUrn: null, ofstedCategory: null, version: 2 });
    expect((await auditOf(p.id))[0]).toMatchObject({
      action: 'provider.updated',
      changes: { ofstedUrn: { from: 'SC123456', to: null } },
    });
  });

  it('refuses a second provider with the same name in the same area with 409 and writes nothing', async () => {
    await provider({ name: 'Unique House', area: 'Nantwich' });
    expectProblem(
      await h.expectNoWrites(['provider'], () =>
        officer().post('/providers').send({ name: 'unique house', area: 'NANTWICH' }),
      ),
      409,
    );
  });

  it('filters providers by area, case-insensitively', async () => {
    const p = await provider({ area: 'Sandbach' });
    const res = await h.as('pa').get('/providers?area=sandbach');
    expect(res.body.items.map((x: { id: string }) => x.id)).toEqual([p.id]);
    expect(res.body.total).toBe(1);
  });

  it('lists providers with limit, offset and the full total, in a stable order', async () => {
    const all = (await h.as('pa').get('/providers?limit=500')).body;
    expect(all.total).toBe(await h.count('provider'));
    const page = (await h.as('pa').get('/providers?limit=2&offset=1')).body;
    expect(page).toEqual({ items: all.items.slice(1, 3), total: all.total });
  });

  it('refuses a stale provider version with 409', async () => {
    const p = await provider();
    expect((await officer().patch(`/providers/${p.id}`).send({ phone: '01270 111111', version: 1 })).status).toBe(200);
    expectProblem(
      await h.expectNoWrites(['provider'], () =>
        officer().patch(`/providers/${p.id}`).send({ phone: '01270 222222', version: 1 }),
      ),
      409,
    );
  });
});

describe('beds', () => {
  let p: { id: string };
  let s: { id: string };
  beforeAll(async () => {
    p = await provider({ area: 'Macclesfield' });
    s = await level();
  });

  it('creates a bed with its restrictions and the documented defaults', async () => {
    const plain = await bed(p.id, s.id, { label: 'Plain room' });
    expect(plain).toEqual({
      id: expect.any(String),
      providerId: p.id,
      serviceLevelId: s.id,
      label: 'Plain room',
      status: 'available',
      minAge: 16,
      maxAge: 21,
      gender: 'any',
      stepFree: false,
      petsAllowed: false,
      acceptsFireRisk: false,
      acceptsSexualHarmRisk: false,
      uascSpecialist: false,
      under18Only: false,
      over18Only: false,
      outOfServiceReason: null,
      availableFrom: null,
      version: 1,
      allowedActions: [
        { action: 'hold', allowed: true },
        { action: 'take-out-of-service', allowed: true },
        { action: 'return-to-service', allowed: false, reason: 'The bed is already available' },
      ],
    });
    const restricted = await bed(p.id, s.id, {
      label: 'Accessible flat',
      minAge: 18,
      maxAge: 25,
      gender: 'female',
      stepFree: true,
      petsAllowed: true,
      acceptsFireRisk: true,
      acceptsSexualHarmRisk: true,
      uascSpecialist: true,
      over18Only: true,
      availableFrom: '2026-12-01',
    });
    expect(restricted).toMatchObject({
      minAge: 18,
      maxAge: 25,
      gender: 'female',
      stepFree: true,
      petsAllowed: true,
      acceptsFireRisk: true,
      acceptsSexualHarmRisk: true,
      uascSpecialist: true,
      under18Only: false,
      over18Only: true,
      availableFrom: '2026-12-01',
    });
    const asPa = (await h.as('pa').get(`/beds/${restricted.id}`)).body;
    expect({ ...asPa, allowedActions: null }).toEqual({ ...restricted, allowedActions: null }); // actions are the caller's own
    expect(asPa.allowedActions.every((a: { allowed: boolean }) => !a.allowed)).toBe(true);
    expect((await auditOf(restricted.id))[0]).toMatchObject({
      action: 'bed.created',
      actorUserId: h.users.housing_officer.id,
      changes: { gender: 'female', availableFrom: '2026-12-01' },
    });
  });

  it('takes a bed out of service with a reason and an expected return date, then back into service', async () => {
    const b = await bed(p.id, s.id);
    const out = await officer()
      .patch(`/beds/${b.id}`)
      .send({ status: 'out_of_service', outOfServiceReason: 'Water damage', availableFrom: '2026-12-15', version: 1 });
    expect(out.status).toBe(200);
    expect(out.body).toMatchObject({
      status: 'out_of_service',
      outOfServiceReason: 'Water damage',
      availableFrom: '2026-12-15',
      version: 2,
    });
    const back = await officer().patch(`/beds/${b.id}`).send({ status: 'available', version: 2 });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ status: 'available', outOfServiceReason: null, version: 3 });
    const [returned, taken] = await auditOf(b.id);
    expect(taken).toMatchObject({
      action: 'bed.taken_out_of_service',
      actorUserId: h.users.housing_officer.id,
      changes: {
        status: { from: 'available', to: 'out_of_service' },
        outOfServiceReason: { from: null, to: 'Water damage' },
        availableFrom: { from: null, to: '2026-12-15' },
      },
    });
    expect(returned).toMatchObject({
      action: 'bed.returned_to_service',
      changes: { status: { from: 'out_of_service', to: 'available' } },
    });
  });

  it('creates a bed already out of service only with a reason', async () => {
    const b = await bed(p.id, s.id, { status: 'out_of_service', outOfServiceReason: 'Being refurbished' });
    expect(b).toMatchObject({ status: 'out_of_service', outOfServiceReason: 'Being refurbished' });
  });

  it.each([
    ['held', 'available'],
    ['held', 'out_of_service'],
    ['occupied', 'available'],
    ['occupied', 'out_of_service'],
  ])('refuses to edit a %s bed to %s with 409 (holds and stays move those beds)', async (from, to) => {
    const b = await bed(p.id, s.id);
    await h.db.query('update bed set status = $1 where id = $2', [from, b.id]);
    const body = to === 'out_of_service' ? { status: to, outOfServiceReason: 'Broken boiler' } : { status: to };
    const res = await h.expectNoWrites(['bed'], () => officer().patch(`/beds/${b.id}`).send(body));
    expectProblem(res, 409);
    expect(res.body.bedStatus).toBe(from);
  });

  it('answers 409 for a stale version and leaves the bed alone', async () => {
    const b = await bed(p.id, s.id);
    expect((await officer().patch(`/beds/${b.id}`).send({ label: 'First edit', version: 1 })).status).toBe(200);
    const res = await h.expectNoWrites(['bed'], () =>
      officer().patch(`/beds/${b.id}`).send({ label: 'Second edit', version: 1 }),
    );
    expectProblem(res, 409);
    expect(res.body.currentVersion).toBe(2);
  });

  it('lets exactly one of two concurrent updates sending the same version win; the other gets 409 and the audit shows one change', async () => {
    for (let round = 0; round < 5; round++) {
      const b = await bed(p.id, s.id);
      const edits = [
        { status: 'out_of_service', outOfServiceReason: `Leak ${round}`, version: 1 },
        { label: `Relabelled ${round}`, stepFree: true, version: 1 },
      ];
      const results = await Promise.all(edits.map((e) => officer().patch(`/beds/${b.id}`).send(e)));
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expectProblem(
        results.find((r) => r.status === 409)!,
        409,
      );
      const winner = results.find((r) => r.status === 200)!.body;
      expect(winner.version).toBe(2);
      const changes = (await auditOf(b.id)).filter((e) => e.action !== 'bed.created');
      expect(changes).toHaveLength(1);
      const after = (await h.as('pa').get(`/beds/${b.id}`)).body;
      expect({ ...after, allowedActions: null }).toEqual({ ...winner, allowedActions: null }); // the caller's own actions differ by role
    }
  });

  it('lets exactly one of two identical concurrent edits win', async () => {
    const b = await bed(p.id, s.id);
    const results = await Promise.all(
      [1, 2].map(() => officer().patch(`/beds/${b.id}`).send({ label: 'Same edit', version: 1 })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await auditOf(b.id)).filter((e) => e.action === 'bed.updated')).toHaveLength(1);
  });

  it('refuses to move a bed to a provider or service level that does not exist, naming the field', async () => {
    const b = await bed(p.id, s.id);
    const res = await h.expectNoWrites(['bed'], () =>
      officer().patch(`/beds/${b.id}`).send({ providerId: crypto.randomUUID() }),
    );
    expectProblem(res, 400, ['providerId']);
  });
});

describe('bed filters and pagination', () => {
  let crewe: { id: string };
  let congleton: { id: string };
  let low: { id: string };
  let high: { id: string };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    crewe = await provider({ area: 'Filterham' });
    congleton = await provider({ area: 'Otherton' });
    low = await level({ rank: 7 });
    high = await level({ rank: 2 });
    ids.a = (await bed(crewe.id, low.id, { label: 'F-a' })).id;
    ids.b = (
      await bed(crewe.id, high.id, { label: 'F-b', status: 'out_of_service', outOfServiceReason: 'Decorating' })
    ).id;
    ids.c = (await bed(congleton.id, low.id, { label: 'F-c' })).id;
    ids.d = (await bed(congleton.id, high.id, { label: 'F-d' })).id;
  });

  const list = async (q: string) => {
    const res = await h.as('team_manager').get(`/beds?limit=500&${q}`);
    expect(res.status).toBe(200);
    return (res.body.items as { id: string }[])
      .map((b) => b.id)
      .filter((id) => Object.values(ids).includes(id))
      .sort();
  };

  it('filters by status, providerId, serviceLevelId and area, alone and together', async () => {
    expect(await list(`providerId=${crewe.id}`)).toEqual([ids.a, ids.b].sort());
    expect(await list(`serviceLevelId=${low.id}`)).toEqual([ids.a, ids.c].sort());
    expect(await list('area=otherton')).toEqual([ids.c, ids.d].sort());
    expect(await list('status=out_of_service')).toEqual([ids.b]);
    expect(await list(`area=Filterham&status=available`)).toEqual([ids.a]);
    expect(await list(`providerId=${congleton.id}&serviceLevelId=${high.id}`)).toEqual([ids.d]);
    expect(await list(`providerId=${crewe.id}&area=Otherton`)).toEqual([]);
    expect(await list(`providerId=${crypto.randomUUID()}`)).toEqual([]);
  });

  it('reports the filtered total and honours limit and offset', async () => {
    const all = (await h.as('pa').get(`/beds?providerId=${congleton.id}`)).body;
    expect(all.total).toBe(2);
    const first = (await h.as('pa').get(`/beds?providerId=${congleton.id}&limit=1`)).body;
    const second = (await h.as('pa').get(`/beds?providerId=${congleton.id}&limit=1&offset=1`)).body;
    expect([first.total, second.total]).toEqual([2, 2]);
    expect([...first.items, ...second.items]).toEqual(all.items);
    expect((await h.as('pa').get(`/beds?providerId=${congleton.id}&offset=5`)).body).toEqual({ items: [], total: 2 });
  });
});

describe('vacancies and stale providers', () => {
  let fresh: { id: string };
  let sl: { id: string };

  beforeAll(async () => {
    clock.set(T0);
    fresh = await provider({ name: 'Fresh Lodgings', area: 'Vacancyville' });
    sl = await level({ rank: 3 });
    const b1 = await bed(fresh.id, sl.id);
    await bed(fresh.id, sl.id);
    await bed(fresh.id, sl.id, { status: 'out_of_service', outOfServiceReason: 'Repairs' });
    const b4 = await bed(fresh.id, sl.id);
    await h.db.query(`update bed set status = 'held' where id = $1`, [b1.id]);
    await h.db.query(`update bed set status = 'occupied' where id = $1`, [b4.id]);
  });

  it('counts beds by service level and area, by status', async () => {
    const res = await h.as('pa').get('/vacancies');
    expect(res.status).toBe(200);
    const row = res.body.items.find(
      (r: { serviceLevelId: string; area: string }) => r.serviceLevelId === sl.id && r.area === 'Vacancyville',
    );
    expect(row).toMatchObject({
      serviceLevelId: sl.id,
      area: 'Vacancyville',
      available: 1,
      held: 1,
      occupied: 1,
      outOfService: 1,
    });
  });

  it("confirms a provider's vacancies, which sets vacanciesConfirmedAt and is audited", async () => {
    const res = await officer()
      .post(`/providers/${fresh.id}/vacancy-confirmations`)
      .send({ note: 'Phoned the manager' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      providerId: fresh.id,
      vacanciesConfirmedAt: T0.toISOString(),
      stale: false,
      id: expect.any(String),
      note: 'Phoned the manager',
    });
    expect((await h.as('pa').get(`/providers/${fresh.id}`)).body).toMatchObject({
      vacanciesConfirmedAt: T0.toISOString(),
      stale: false,
    });
    expect((await auditOf(fresh.id))[0]).toMatchObject({
      action: 'provider.vacancies_confirmed',
      actorUserId: h.users.housing_officer.id,
      changes: {
        vacanciesConfirmedAt: { from: null, to: T0.toISOString() },
        note: 'Phoned the manager',
        confirmationId: res.body.id,
      },
    });
  });

  it('accepts a confirmation with no body at all', async () => {
    const p = await provider();
    const res = await officer().post(`/providers/${p.id}/vacancy-confirmations`);
    expect(res.status).toBe(201);
  });

  it('shows a provider as stale once VACANCY_STALE_AFTER (default 7 days) has passed since the confirmation', async () => {
    const isStale = async () => {
      const one = (await h.as('pa').get(`/providers/${fresh.id}`)).body.stale;
      const inList = (await h.as('pa').get('/providers?stale=true&limit=500')).body.items.some(
        (p: { id: string }) => p.id === fresh.id,
      );
      const notInFresh = !(await h.as('pa').get('/providers?stale=false&limit=500')).body.items.some(
        (p: { id: string }) => p.id === fresh.id,
      );
      const onVacancies = (await h.as('pa').get('/vacancies')).body.staleProviders.some(
        (p: { id: string }) => p.id === fresh.id,
      );
      expect(new Set([one, inList, notInFresh, onVacancies]).size).toBe(1);
      return one as boolean;
    };
    clock.set(T0);
    expect(await isStale()).toBe(false);
    clock.advance(7 * DAY);
    expect(await isStale()).toBe(false);
    clock.advance(1000);
    expect(await isStale()).toBe(true);
    await officer().post(`/providers/${fresh.id}/vacancy-confirmations`).send({});
    expect(await isStale()).toBe(false);
    clock.set(T0);
  });

  it('lists never-confirmed providers as stale on /vacancies', async () => {
    const never = await provider({ name: 'Never Confirmed', area: 'Vacancyville' });
    const res = await h.as('team_manager').get('/vacancies');
    expect(res.body.staleProviders).toEqual(
      expect.arrayContaining([
        { id: never.id, name: 'Never Confirmed', area: 'Vacancyville', vacanciesConfirmedAt: null },
      ]),
    );
    expect(res.body.staleProviders.some((p: { id: string }) => p.id === fresh.id)).toBe(false);
  });

  it('honours a configured VACANCY_STALE_AFTER', async () => {
    const hourly = await h.extraApp({ env: { VACANCY_STALE_AFTER: 'PT1H' }, clock });
    try {
      clock.set(T0);
      await hourly.as('housing_officer').post(`/providers/${fresh.id}/vacancy-confirmations`).send({});
      clock.advance(3600_000 + 1);
      expect((await hourly.as('pa').get(`/providers/${fresh.id}`)).body.stale).toBe(true);
      expect((await h.as('pa').get(`/providers/${fresh.id}`)).body.stale).toBe(false);
    } finally {
      clock.set(T0);
      await hourly.close();
    }
  });
});
