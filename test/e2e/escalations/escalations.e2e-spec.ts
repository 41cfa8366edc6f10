import Redis from 'ioredis';
import { expectProblem, Harness, REDIS_BASE } from '../../support/harness';
import { dayFromToday, dobForAge, makePerson, sleep, until } from '../../support/fixtures';

interface Esc {
  id: string;
  step: number;
  occurrence: number;
  role: string;
  status: string;
  dueAt: string;
  firedAt: string | null;
}

describe('escalation clock', () => {
  let h: Harness;

  const escalations = async (stayId: string): Promise<Esc[]> =>
    (await h.as('director').get(`/escalations?stayId=${stayId}&limit=500`)).body.items;
  const firedCount = async (escalationId: string) =>
    h.count('audit_event', `action = 'escalation.fired' and entity_id = $1`, [escalationId]);

  beforeAll(async () => {
    h = await Harness.start({ env: { RECONCILE_EVERY: 'PT1S' } });
    // Second-scale ladders for the tests; the shipped working-day policies are retired here.
    const shipped = (await h.as('admin').get('/escalation-policies')).body.items as { id: string }[];
    for (const p of shipped)
      expect((await h.as('admin').patch(`/escalation-policies/${p.id}`).send({ active: false })).status).toBe(200);
    const adult = await h
      .as('admin')
      .post('/escalation-policies')
      .send({
        name: 'Test: 18+ in a hotel',
        appliesTo: { minAge: 18, accommodationCodes: ['W'], unsuitableOnly: true },
        steps: [
          { after: 'PT0S', role: 'team_manager' },
          { after: 'PT2S', role: 'service_manager' },
          { after: 'PT4S', role: 'head_of_service', repeatEvery: 'PT2S' },
          { after: 'PT8S', role: 'director' },
        ],
      });
    expect(adult.status).toBe(201);
    const young = await h
      .as('admin')
      .post('/escalation-policies')
      .send({
        name: 'Test: 16-17 unsuitable',
        appliesTo: { minAge: 16, maxAge: 17, unsuitableOnly: true },
        steps: [
          { after: 'PT0S', role: 'head_of_service' },
          { after: 'PT0S', role: 'director' },
        ],
      });
    expect(young.status).toBe(201);
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('plans every step as scheduled the moment a hotel stay starts, and climbs the ladder with inbox entries', async () => {
    const person = await makePerson(h, { age: 19 });
    const stay = await h
      .as('pa')
      .post('/stays')
      .send({ youngPersonId: person.id, accommodationCode: 'W', description: 'Travelodge Crewe' });
    expect(stay.status).toBe(201);
    const rows = await escalations(stay.body.id);
    expect(rows.map((r) => [r.step, r.role])).toEqual([
      [1, 'team_manager'],
      [2, 'service_manager'],
      [3, 'head_of_service'],
      [4, 'director'],
    ]);
    const start = new Date(stay.body.startedAt).getTime();
    expect(rows.map((r) => new Date(r.dueAt).getTime() - start)).toEqual([0, 2000, 4000, 8000]);

    const fired = await until(
      'the service manager step',
      () => escalations(stay.body.id),
      (rs) => rs.some((r) => r.step === 2 && r.status === 'open'),
    );
    expect(fired.find((r) => r.step === 1)!.status).toBe('open');
    const inbox = (await h.as('service_manager').get('/me/notifications')).body.items as {
      subject: string;
      body: string;
      escalationId: string;
    }[];
    const mine = inbox.filter((n) => n.escalationId === fired.find((r) => r.step === 2)!.id);
    expect(mine).toHaveLength(1);
    expect(mine[0].subject).toContain(person.reference);
    expect(mine[0].body).not.toContain('Taylor');
    // The PA hears of every step.
    const paInbox = (await h.as('pa').get('/me/notifications')).body.items as { escalationId: string }[];
    expect(paInbox.filter((n) => fired.some((r) => r.id === n.escalationId)).length).toBeGreaterThanOrEqual(2);
    await h.as('pa').post(`/stays/${stay.body.id}/end`).send({ reason: 'Moved to supported lodgings' });
  });

  it('alerts the head of service and director at once when a 17-year-old is in a hotel', async () => {
    const person = await makePerson(h, { age: 17 });
    const stay = await h.as('pa').post('/stays').send({ youngPersonId: person.id, accommodationCode: 'W' });
    expect(stay.status).toBe(201);
    const rows = await until(
      'both steps fired',
      () => escalations(stay.body.id),
      (rs) => rs.length === 2 && rs.every((r) => r.status === 'open'),
    );
    expect(rows.map((r) => r.role).sort()).toEqual(['director', 'head_of_service']);
    for (const role of ['head_of_service', 'director'] as const) {
      const inbox = (await h.as(role).get('/me/notifications')).body.items as { escalationId: string }[];
      expect(inbox.some((n) => rows.some((r) => r.id === n.escalationId))).toBe(true);
    }
    const report = (await h.as('director').get('/reports/unsuitable-accommodation')).body.items as {
      stayId: string;
      breachesStatutoryLimit: boolean;
      age: number;
    }[];
    expect(report.find((r) => r.stayId === stay.body.id)).toMatchObject({ age: 17, breachesStatutoryLimit: true });
    await h.as('pa').post(`/stays/${stay.body.id}/end`).send({ reason: 'Moved' });
  });

  it('stops a step repeating once acknowledged, but keeps climbing the ladder', async () => {
    const person = await makePerson(h, { age: 20 });
    const stay = await h.as('pa').post('/stays').send({ youngPersonId: person.id, accommodationCode: 'W' });
    const rows = await until(
      'head of service step fired',
      () => escalations(stay.body.id),
      (rs) => rs.some((r) => r.step === 3 && r.status === 'open'),
    );
    const hos = rows.find((r) => r.step === 3 && r.status === 'open')!;
    // A PA and a team manager may not acknowledge a head of service's step.
    expectProblem(
      await h
        .as('team_manager')
        .post(`/escalations/${hos.id}/acknowledge`)
        .send({ actionPlan: 'x', reviewBy: '2099-01-01' }),
      403,
    );
    expectProblem(
      await h.as('pa').post(`/escalations/${hos.id}/acknowledge`).send({ actionPlan: 'x', reviewBy: '2099-01-01' }),
      403,
    );
    const reviewBy = dayFromToday(1); // within the policy's bound (five working days by default)
    const ack = await h
      .as('director')
      .post(`/escalations/${hos.id}/acknowledge`)
      .send({ actionPlan: 'Supported lodgings referral today', reviewBy });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({
      status: 'acknowledged',
      acknowledgedByUserId: h.users.director.id,
      actionPlan: 'Supported lodgings referral today',
      reviewBy,
    });
    const after = await until(
      'director step fired',
      () => escalations(stay.body.id),
      (rs) => rs.some((r) => r.step === 4 && r.status === 'open'),
      20_000,
    );
    await sleep(2500);
    const final = await escalations(stay.body.id);
    const repeats = final.filter((r) => r.step === 3);
    expect(repeats.filter((r) => r.status === 'scheduled' || r.status === 'open').length).toBeLessThanOrEqual(1);
    expect(repeats.filter((r) => r.firedAt && new Date(r.firedAt) > new Date(ack.body.acknowledgedAt))).toHaveLength(0);
    expect(after.find((r) => r.step === 4)!.status).toBe('open');
    await h.as('pa').post(`/stays/${stay.body.id}/end`).send({ reason: 'Moved' });
  });

  it('cancels pending steps and closes fired ones when the stay ends', async () => {
    const person = await makePerson(h, { age: 21 });
    const stay = await h.as('pa').post('/stays').send({ youngPersonId: person.id, accommodationCode: 'W' });
    await until(
      'first step fired',
      () => escalations(stay.body.id),
      (rs) => rs.some((r) => r.step === 1 && r.status === 'open'),
    );
    const ended = await h.as('pa').post(`/stays/${stay.body.id}/end`).send({ reason: 'Moved to a YMCA room' });
    expect(ended.status).toBe(200);
    const rows = await escalations(stay.body.id);
    expect(rows.find((r) => r.step === 1)!.status).toBe('closed');
    expect(rows.filter((r) => r.step > 1).every((r) => r.status === 'cancelled')).toBe(true);
    await sleep(3000);
    expect((await escalations(stay.body.id)).filter((r) => r.firedAt).length).toBe(1);
  });

  it('fires the overdue steps of a stay recorded late, once each, with their true due times', async () => {
    const person = await makePerson(h, { age: 22 });
    const startedAt = new Date(Date.now() - 5000).toISOString();
    const stay = await h.as('pa').post('/stays').send({ youngPersonId: person.id, accommodationCode: 'W', startedAt });
    const rows = await until(
      'three overdue steps fired',
      () => escalations(stay.body.id),
      (rs) => rs.filter((r) => r.step <= 3 && r.occurrence === 0 && r.status === 'open').length === 3,
    );
    const start = new Date(startedAt).getTime();
    expect(rows.find((r) => r.step === 2)!.dueAt).toBe(new Date(start + 2000).toISOString());
    for (const r of rows.filter((x) => x.firedAt)) expect(await firedCount(r.id)).toBe(1);
    await h.as('pa').post(`/stays/${stay.body.id}/end`).send({ reason: 'Moved' });
  });

  it('loses nothing and doubles nothing when Redis is wiped in the middle of a ladder', async () => {
    const person = await makePerson(h, { age: 23 });
    const stay = await h.as('pa').post('/stays').send({ youngPersonId: person.id, accommodationCode: 'W' });
    await until(
      'first step fired',
      () => escalations(stay.body.id),
      (rs) => rs.some((r) => r.step === 1 && r.status === 'open'),
    );
    const redis = new Redis(REDIS_BASE);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${h.queuePrefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
    redis.disconnect();
    const rows = await until(
      'director step fired after the wipe',
      () => escalations(stay.body.id),
      (rs) => rs.some((r) => r.step === 4 && r.status === 'open'),
      25_000,
    );
    for (const r of rows.filter((x) => x.firedAt)) expect(await firedCount(r.id)).toBe(1);
    expect(rows.filter((r) => r.occurrence === 0).every((r) => r.firedAt)).toBe(true);
    const notes = await h.count(
      'notification',
      `channel = 'in_app' and escalation_id in (select id from escalation where stay_id = $1)`,
      [stay.body.id],
    );
    const distinct = await h.count(
      "(select distinct escalation_id, recipient_user_id from notification where channel = 'in_app' and escalation_id in (select id from escalation where stay_id = $1)) x",
      'true',
      [stay.body.id],
    );
    expect(notes).toBe(distinct);
    await h.as('pa').post(`/stays/${stay.body.id}/end`).send({ reason: 'Moved' });
  });

  it('fires a step that fell due while the service was down, once, when it starts again', async () => {
    const person = await makePerson(h, { age: 24 });
    const stay = await h.as('pa').post('/stays').send({ youngPersonId: person.id, accommodationCode: 'W' });
    await until(
      'first step fired',
      () => escalations(stay.body.id),
      (rs) => rs.some((r) => r.step === 1 && r.status === 'open'),
    );
    await h.stopApp();
    await sleep(3000); // step 2 (PT2S) falls due while nobody is running
    const before = await h.count('escalation', `stay_id = $1 and step_index = 1 and status = 'scheduled'`, [
      stay.body.id,
    ]);
    expect(before).toBe(1);
    await h.startApp({ env: { RECONCILE_EVERY: 'PT1S' } });
    for (const role of ['director', 'pa'] as const) h.users[role].token = await h.login(h.users[role].email);
    const rows = await until(
      'step 2 fired after restart',
      () => escalations(stay.body.id),
      (rs) => rs.some((r) => r.step === 2 && r.status === 'open'),
    );
    expect(await firedCount(rows.find((r) => r.step === 2)!.id)).toBe(1);
    await h.as('pa').post(`/stays/${stay.body.id}/end`).send({ reason: 'Moved' });
  });

  it('keeps the clock running when a young person moves from one hotel to another', async () => {
    const person = await makePerson(h, { age: 19, dateOfBirth: dobForAge(19) });
    const first = await h
      .as('pa')
      .post('/stays')
      .send({ youngPersonId: person.id, accommodationCode: 'W', description: 'Hotel A' });
    await until(
      'first step fired',
      () => escalations(first.body.id),
      (rs) => rs.some((r) => r.step === 1 && r.status === 'open'),
    );
    const second = await h
      .as('pa')
      .post('/stays')
      .send({ youngPersonId: person.id, accommodationCode: 'W', description: 'Hotel B' });
    expect(second.status).toBe(201);
    const rows = await escalations(second.body.id);
    expect(rows.length).toBe(4);
    expect(rows.every((r) => r.status !== 'cancelled')).toBe(true);
    const report = (await h.as('director').get('/reports/unsuitable-accommodation')).body.items as {
      stayId: string;
      clockStartedAt: string;
    }[];
    expect(report.find((r) => r.stayId === second.body.id)!.clockStartedAt).toBe(first.body.startedAt);
    await h.as('pa').post(`/stays/${second.body.id}/end`).send({ reason: 'Moved' });
  });

  it('fires a backlog of overdue steps at boot, many at once, without exhausting the database pool', async () => {
    const [{ id: versionId, policy_id: policyId }] = (
      await h.db.query(
        `select id, policy_id from escalation_policy_version where name = 'Test: 18+ in a hotel' order by version desc limit 1`,
      )
    ).rows;
    await h.stopApp();
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const person = crypto.randomUUID();
      const stay = crypto.randomUUID();
      await h.db.query(
        `insert into young_person (id, reference, first_name, last_name, date_of_birth, gender, legal_status, uasc, pa_user_id, home_area, areas_to_avoid, risks, version, created_at, updated_at)
         values ($1, $2, 'Back', 'Log', '2005-01-01', 'male', 'former_relevant', false, $3, 'Crewe', '[]', '[]', 1, now(), now())`,
        [person, `BL-${i}-${Date.now()}`, h.users.pa.id],
      );
      await h.db.query(
        `insert into stay (id, young_person_id, accommodation_code, suitable, emergency, started_at, age_at_start, pregnant_or_parent_at_start, clock_stay_id, created_at)
         values ($1, $2, 'W', false, true, now() - interval '1 hour', 21, false, $1, now())`,
        [stay, person],
      );
      const esc = crypto.randomUUID();
      ids.push(esc);
      await h.db.query(
        `insert into escalation (id, stay_id, young_person_id, policy_id, policy_version_id, step_index, occurrence, role, due_at, status, created_at)
         values ($1, $2, $3, $4, $5, 1, 0, 'service_manager', now() - interval '30 minutes', 'scheduled', now())`,
        [esc, stay, person, policyId, versionId],
      );
    }
    await h.startApp({ env: { RECONCILE_EVERY: 'PT1S' } });
    const fired = await until(
      'all 40 overdue steps fired',
      () => h.count('escalation', `id = any($1::uuid[]) and status = 'open'`, [ids]),
      (n) => n === 40,
      30_000,
    );
    expect(fired).toBe(40);
    for (const id of ids.slice(0, 5)) expect(await firedCount(id)).toBe(1);
  });
});
