import { expectProblem, Harness } from '../../support/harness';

describe('smoke', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('answers health', async () => {
    const res = await h.as().get('/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
  });

  it('creates a provider and a level and a bed', async () => {
    const p = await h
      .as('housing_officer')
      .post('/providers')
      .send({ name: 'YMCA Crewe', area: 'Crewe', ofstedUrn: '2712345', ofstedCategory: 'shared_housing' });
    expect(p.status).toBe(201);
    const s = await h.as('housing_officer').post('/service-levels').send({
      code: 'L1',
      name: 'Emergency',
      rank: 1,
      minAge: 16,
      maxAge: 17,
      supportHoursMin: 168,
      supportHoursMax: 168,
      emergency: true,
      accommodationCode: 'D',
      suitable: true,
    });
    expect(s.status).toBe(201);
    const b = await h
      .as('housing_officer')
      .post('/beds')
      .send({ providerId: p.body.id, serviceLevelId: s.body.id, label: 'Room 1', minAge: 16, maxAge: 17 });
    expect(b.status).toBe(201);
    const bad = await h
      .as('housing_officer')
      .post('/beds')
      .send({ providerId: 'x', serviceLevelId: s.body.id, label: 'Room 1', minAge: 16, maxAge: 17, extra: 1 });
    expectProblem(bad, 400, ['providerId', 'extra']);
    const malformed = await h.as('housing_officer').post('/beds').set('Content-Type', 'application/json').send('{"a":');
    expectProblem(malformed, 400);
    const big = await h
      .as('housing_officer')
      .post('/beds')
      .send({ label: 'x'.repeat(200_000) });
    expectProblem(big, 413);
    const v = await h.as('pa').get('/vacancies');
    expect(v.status).toBe(200);
    expect(v.body.items[0]).toMatchObject({ available: 1, held: 0 });
    const oos = await h
      .as('housing_officer')
      .patch(`/beds/${b.body.id}`)
      .send({ status: 'out_of_service', outOfServiceReason: 'Flood', availableFrom: '2026-12-01', version: 1 });
    expect(oos.status).toBe(200);
    const stale = await h.as('housing_officer').patch(`/beds/${b.body.id}`).send({ label: 'x', version: 1 });
    expectProblem(stale, 409);
    const audit = await h.as('director').get(`/audit?entityId=${b.body.id}`);
    expect(audit.body.total).toBe(2);
    expectProblem(await h.as('pa').get('/audit'), 403);
    expectProblem(await h.as().get('/beds'), 401);
    expectProblem(await h.as('pa').get('/beds/00000000-0000-4000-8000-000000000000'), 404);
    const docs = await h.as().get('/docs-json');
    expect(docs.status).toBe(200);
  });
});
