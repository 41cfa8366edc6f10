import { ManualClock } from '../../../src/platform/clock';
import { TimerRegistry } from '../../../src/platform/queue/timer-registry';
import { expectProblem, Harness } from '../../support/harness';
import { makeBed, makeLevel, makePerson, makeProvider, makeRequest } from '../../support/fixtures';

describe('placement journey', () => {
  let h: Harness;
  const clock = new ManualClock(new Date());
  beforeAll(async () => {
    h = await Harness.start({ clock, env: { HOLD_FOR: 'PT2S', RECONCILE_EVERY: 'PT1S' } });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('takes a PA request through matches, hold, confirm, stay and end', async () => {
    const level = await makeLevel(h);
    const provider = await makeProvider(h);
    const bed = await makeBed(h, provider.id, level.id);
    const person = await makePerson(h);
    const req = await makeRequest(h, person.id);

    const matches = await h.as('housing_officer').get(`/placement-requests/${req.id}/matches`);
    expect(matches.status).toBe(200);
    expect(matches.body.candidates.map((c: { bedId: string }) => c.bedId)).toContain(bed.id);

    const hold = await h.as('housing_officer').post(`/placement-requests/${req.id}/holds`).send({ bedId: bed.id });
    expect(hold.status).toBe(201);
    expect(hold.body).toMatchObject({ requestId: req.id, bedId: bed.id, status: 'held' });
    expect((await h.as('pa').get(`/beds/${bed.id}`)).body.status).toBe('held');

    const stay = await h.as('housing_officer').post(`/holds/${hold.body.id}/confirm`).send({});
    expect(stay.status).toBe(201);
    expect(stay.body).toMatchObject({
      youngPersonId: person.id,
      bedId: bed.id,
      accommodationCode: 'D',
      suitable: true,
    });
    expect((await h.as('pa').get(`/beds/${bed.id}`)).body.status).toBe('occupied');
    expect((await h.as('pa').get(`/placement-requests/${req.id}`)).body.status).toBe('placed');

    const ended = await h.as('pa').post(`/stays/${stay.body.id}/end`).send({ reason: 'Moved on' });
    expect(ended.status).toBe(200);
    expect((await h.as('pa').get(`/beds/${bed.id}`)).body.status).toBe('available');
  });

  it('releases a hold on its own after HOLD_FOR', async () => {
    const level = await makeLevel(h);
    const provider = await makeProvider(h);
    const bed = await makeBed(h, provider.id, level.id);
    const person = await makePerson(h);
    const req = await makeRequest(h, person.id);
    const hold = await h.as('housing_officer').post(`/placement-requests/${req.id}/holds`).send({ bedId: bed.id });
    expect(hold.status).toBe(201);
    await h.app.get(TimerRegistry).sweep();
    expect((await h.as('pa').get(`/beds/${bed.id}`)).body.status).toBe('held');
    clock.advance(2001);
    await h.app.get(TimerRegistry).sweep(); // what the expiry timer (or, if it was lost, the sweep) does
    expect((await h.as('pa').get(`/beds/${bed.id}`)).body.status).toBe('available');
    expect((await h.as('housing_officer').get(`/holds/${hold.body.id}`)).body.status).toBe('expired');
    expect((await h.as('pa').get(`/placement-requests/${req.id}`)).body.status).toBe('open');
  });

  it('lets exactly one of 50 concurrent holds on one bed win', async () => {
    const level = await makeLevel(h);
    const provider = await makeProvider(h);
    const bed = await makeBed(h, provider.id, level.id);
    const reqs: { id: string }[] = [];
    for (let i = 0; i < 5; i++) reqs.push(await makeRequest(h, (await makePerson(h)).id));
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        h
          .as('housing_officer')
          .post(`/placement-requests/${reqs[i % 5].id}/holds`)
          .send({ bedId: bed.id }),
      ),
    );
    const codes = results.map((r) => r.status).sort();
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(49);
    expect(await h.count('hold', `bed_id = $1 and status = 'held'`, [bed.id])).toBe(1);
  });

  it('refuses a hotel bed for a 17-year-old with 422 naming the rule', async () => {
    const level = await makeLevel(h, { accommodationCode: 'W', suitable: false, emergency: true, minAge: 16 });
    const provider = await makeProvider(h);
    const bed = await makeBed(h, provider.id, level.id);
    const person = await makePerson(h, { age: 17 });
    const req = await makeRequest(h, person.id);
    const res = await h.as('housing_officer').post(`/placement-requests/${req.id}/holds`).send({ bedId: bed.id });
    expectProblem(res, 422);
    expect(res.body.rules.map((r: { rule: string }) => r.rule)).toContain('unsuitable_for_under_18');
    expect((await h.as('pa').get(`/beds/${bed.id}`)).body.status).toBe('available');
  });

  it('records a 17-year-old in a hotel tonight', async () => {
    const person = await makePerson(h, { age: 17 });
    const res = await h
      .as('pa')
      .post('/stays')
      .send({ youngPersonId: person.id, accommodationCode: 'W', description: 'Travelodge' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ accommodationCode: 'W', suitable: false, emergency: true });
  });
});
