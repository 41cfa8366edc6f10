import { EscalationSweep } from '../../../src/features/escalations/escalation-sweep';
import { ManualClock } from '../../../src/platform/clock';
import { makePerson } from '../../support/fixtures';
import { expectProblem, Harness, PASSWORD } from '../../support/harness';

/**
 * Issue 9: every step reaches someone responsible (or says it is unrouted), late records do not
 * flood, history fires nothing, and a clock stops cleanly. Time is a ManualClock on a Monday
 * morning; steps fire when the test runs the sweep (no workers, no waiting).
 */
const MONDAY = new Date('2026-11-30T10:00:00Z');
const HOUR = 3600_000;
const DAY = 24 * HOUR;

let h: Harness;
const clock = new ManualClock(MONDAY);
const sweep = () => h.app.get(EscalationSweep).sweep();

interface Step {
  id: string;
  step: number;
  occurrence: number;
  role: string;
  status: string;
  firedAt: string | null;
  closedReason: string | null;
  recordedLate: boolean;
  unrouted: boolean;
  recipients: { userId: string; role: string; via: string }[];
}
const stepsOf = async (stayId: string): Promise<Step[]> =>
  (await h.as('admin').get(`/escalations?stayId=${stayId}&limit=500`)).body.items;

/** An org chart: a user through the API, with an area and a manager. */
async function staff(role: string, over: { area?: string | null; managerId?: string | null; name?: string } = {}) {
  const email = `${role}.${Math.random().toString(36).slice(2, 8)}@test.invalid`;
  const res = await h
    .as('admin')
    .post('/users')
    .send({
      email,
      name: over.name ?? `Staff ${role}`,
      role,
      password: PASSWORD,
      area: over.area ?? null,
      managerId: over.managerId ?? null,
    });
  if (res.status !== 201) throw new Error(`user: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; email: string };
}

beforeAll(async () => (h = await Harness.start({ clock, env: { WORKERS_ENABLED: 'false' } })));
/** Retires every manager, so a test builds the org chart it needs (the harness's own are council-wide holders of every role). */
const retireManagers = () =>
  h.db.query(
    `update app_user set active = false where role in ('team_manager', 'service_manager', 'head_of_service', 'director')`,
  );
afterAll(() => h?.stop());
beforeEach(() => clock.set(MONDAY));

async function hotel(personId: string, as: 'pa' | 'admin' = 'pa', startedAt?: Date) {
  const res = await h
    .as(as)
    .post('/stays')
    .send({
      youngPersonId: personId,
      accommodationCode: 'W',
      ...(startedAt ? { startedAt: startedAt.toISOString() } : {}),
    });
  if (res.status !== 201) throw new Error(`stay: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string };
}

describe('who is alerted', () => {
  beforeEach(retireManagers);

  it('reaches the PA’s line manager, the home area, council-wide and the next senior role, and says how', async () => {
    const director = await staff('director');
    const hos = await staff('head_of_service', { managerId: director.id });
    const tm = await staff('team_manager', { area: 'Crewe', managerId: hos.id });
    const smNantwich = await staff('service_manager', { area: 'Nantwich' });
    const pa = await staff('pa', { area: 'Crewe', managerId: tm.id });
    const person = await makePerson(h, { homeArea: 'Nantwich', paUserId: pa.id }, 'admin');
    const stay = await hotel(person.id, 'admin');
    clock.advance(7 * DAY); // next Monday: team manager, PA, service manager, head of service and director all due
    await sweep();
    const steps = await stepsOf(stay.id);
    const reached = (role: string) => steps.find((s) => s.role === role && s.occurrence === 0)!.recipients;
    expect(reached('team_manager')).toEqual([
      { userId: tm.id, role: 'team_manager', via: 'line_manager' },
      { userId: pa.id, role: 'pa', via: 'allocated_pa' },
    ]);
    expect(reached('service_manager')[0]).toEqual({ userId: smNantwich.id, role: 'service_manager', via: 'area' });
    expect(reached('head_of_service')[0]).toEqual({ userId: hos.id, role: 'head_of_service', via: 'line_manager' });
    expect(reached('director')[0]).toEqual({ userId: director.id, role: 'director', via: 'line_manager' });
    expect(steps.every((s) => !s.unrouted)).toBe(true);
    // A young person from a town nobody covers: the service manager step falls to the head of service.
    const other = await makePerson(h, { homeArea: 'Sandbach', paUserId: pa.id }, 'admin');
    const stay2 = await hotel(other.id, 'admin');
    clock.advance(DAY);
    await sweep();
    const sm = (await stepsOf(stay2.id)).find((s) => s.role === 'service_manager')!;
    expect(sm.recipients[0]).toEqual({ userId: hos.id, role: 'head_of_service', via: 'senior_fallback' });
    for (const u of [director, hos, tm, smNantwich])
      await h.db.query('update app_user set active = false where id = $1', [u.id]);
  });

  it('sends a deactivated PA’s step to the PA’s manager, and tells the administrators when nobody is left', async () => {
    const tm = await staff('team_manager', { area: 'Crewe' });
    const pa = await staff('pa', { managerId: tm.id });
    const person = await makePerson(h, { paUserId: pa.id }, 'admin');
    await h.as('admin').patch(`/users/${pa.id}`).send({ active: false });
    const stay = await hotel(person.id, 'admin');
    await sweep();
    const steps = await stepsOf(stay.id);
    expect(steps.find((s) => s.role === 'pa')!.recipients).toEqual([
      { userId: tm.id, role: 'team_manager', via: 'line_manager' },
    ]);
    // Nobody above the team manager: the service manager step is unrouted, and the admin hears at once.
    clock.advance(DAY);
    await sweep();
    const sm = (await stepsOf(stay.id)).find((s) => s.role === 'service_manager')!;
    expect(sm).toMatchObject({ status: 'open', unrouted: true, recipients: [] });
    const inbox = (await h.as('admin').get('/me/notifications')).body.items as { kind: string; escalationId: string }[];
    expect(inbox.filter((n) => n.kind === 'unrouted' && n.escalationId === sm.id)).toHaveLength(1);
  });

  it('shows every gap before it matters: GET /escalation-coverage by area and role', async () => {
    const res = await h.as('admin').get('/escalation-coverage');
    expect(res.status).toBe(200);
    expect(res.body.gaps).toEqual(expect.arrayContaining([{ area: 'Crewe', role: 'director' }]));
    expectProblem(await h.as('pa').get('/escalation-coverage'), 403);
    const director = await staff('director');
    const after = await h.as('admin').get('/escalation-coverage');
    expect(after.body.gaps).not.toContainEqual({ area: 'Crewe', role: 'director' });
    const cell = (
      after.body.areas as { area: string; role: string; recipients: { userId: string; via: string }[] }[]
    ).find((c) => c.area === 'Crewe' && c.role === 'director')!;
    expect(cell.recipients).toEqual([{ userId: director.id, role: 'director', via: 'council_wide' }]);
  });
});

describe('late records, history and a clean stop', () => {
  let tm: { id: string };
  let director: { id: string };
  beforeAll(async () => {
    await retireManagers();
    director = await staff('director');
    const hos = await staff('head_of_service', { managerId: director.id });
    const sm = await staff('service_manager', { managerId: hos.id });
    tm = await staff('team_manager', { managerId: sm.id });
    await h.db.query('update app_user set manager_id = $1 where id = $2', [tm.id, h.users.pa.id]);
  });

  it('fires one message per role at most for a hotel stay back-dated a year, saying it was recorded late', async () => {
    const person = await makePerson(h, { age: 20 });
    const stay = await hotel(person.id, 'pa', new Date(MONDAY.getTime() - 365 * DAY));
    await sweep();
    await sweep();
    const steps = await stepsOf(stay.id);
    const fired = steps.filter((s) => s.firedAt);
    expect(fired.map((s) => s.role)).toEqual(['director']);
    expect(fired[0].recordedLate).toBe(true);
    expect(steps.filter((s) => s.closedReason === 'recorded_late').length).toBeGreaterThanOrEqual(4);
    const notes = await h.count(
      'notification',
      `channel = 'in_app' and escalation_id in (select id from escalation where stay_id = $1)`,
      [stay.id],
    );
    expect(notes).toBe(2); // the director, and the PA told as the PA
    const subjects = await h.db.query(`select subject from notification where escalation_id = $1`, [fired[0].id]);
    expect(subjects.rows.every((r) => String(r.subject).startsWith('Recorded late:'))).toBe(true);
    // The repeating head-of-service step carries on from now: no year of replayed repeats.
    expect(steps.filter((s) => s.role === 'head_of_service' && s.status === 'scheduled')).toHaveLength(1);
    await h.as('pa').post(`/stays/${stay.id}/end`).send({ reason: 'Moved' });
  });

  it('records a stay that is already over as history: nothing fires, nobody is told', async () => {
    const person = await makePerson(h, { age: 20 });
    const res = await h.as('pa').post('/stays').send({
      youngPersonId: person.id,
      accommodationCode: 'W',
      startedAt: '2025-12-20T18:00:00Z',
      endedAt: '2026-01-08T10:00:00Z',
      endReason: 'Moved to supported lodgings after Christmas',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      endedAt: '2026-01-08T10:00:00.000Z',
      endReason: 'Moved to supported lodgings after Christmas',
    });
    await sweep();
    expect(await stepsOf(res.body.id)).toEqual([]);
    expect(await h.count('notification', 'young_person_id = $1', [person.id])).toBe(0);
    // It must not overlap another stay, nor start before the 16th birthday.
    const overlap = await h.expectNoWrites(['stay', 'escalation'], () =>
      h.as('pa').post('/stays').send({
        youngPersonId: person.id,
        accommodationCode: 'B',
        startedAt: '2026-01-01T10:00:00Z',
        endedAt: '2026-01-02T10:00:00Z',
        endReason: 'Back home for New Year',
      }),
    );
    expectProblem(overlap, 409);
    expect(overlap.body.code).toBe('stay_overlap');
    const young = await makePerson(h, { age: 17 });
    expectProblem(
      await h
        .as('pa')
        .post('/stays')
        .send({ youngPersonId: young.id, accommodationCode: 'W', startedAt: '2020-01-01T10:00:00Z' }),
      400,
      ['startedAt'],
    );
    expectProblem(
      await h
        .as('pa')
        .post('/stays')
        .send({ youngPersonId: person.id, accommodationCode: 'W', endedAt: '2026-01-08T10:00:00Z' }),
      400,
      ['endReason'],
    );
  });

  it('leaves no step open over 30 rounds of a hotel then suitable accommodation, firing and stopping racing', async () => {
    const person = await makePerson(h, { age: 20 });
    for (let round = 0; round < 30; round++) {
      const stay = await hotel(person.id);
      clock.advance(HOUR);
      const [, moved] = await Promise.all([
        sweep(),
        h.as('pa').post('/stays').send({ youngPersonId: person.id, accommodationCode: 'E' }),
      ]);
      expect(moved.status).toBe(201);
      const open = (await stepsOf(stay.id)).filter((s) => s.status === 'open' || s.status === 'scheduled');
      expect(open).toEqual([]);
      clock.advance(HOUR);
    }
  });

  it('tells everyone alerted, once, when the young person moves somewhere suitable', async () => {
    const person = await makePerson(h, { age: 20 });
    const stay = await hotel(person.id);
    clock.advance(2 * HOUR);
    await sweep();
    const alerted = new Set((await stepsOf(stay.id)).flatMap((s) => s.recipients.map((r) => r.userId)));
    expect(alerted).toEqual(new Set([tm.id, h.users.pa.id]));
    await h.as('pa').post('/stays').send({ youngPersonId: person.id, accommodationCode: 'E' });
    await h.as('pa').post('/stays').send({ youngPersonId: person.id, accommodationCode: 'U' });
    const resolved = await h.db.query<{ recipient_user_id: string; subject: string; body: string }>(
      `select recipient_user_id, subject, body from notification where kind = 'resolved' and channel = 'in_app' and young_person_id = $1`,
      [person.id],
    );
    expect(new Set(resolved.rows.map((r) => r.recipient_user_id))).toEqual(alerted);
    expect(resolved.rows).toHaveLength(alerted.size);
    expect(resolved.rows[0].body).toContain('now supported lodgings (E1, suitable)');
  });
});

describe('the 16-17 ladder', () => {
  it('reaches every manager on entry, says UNDER 18, repeats daily until the young person moves, then tells them all once', async () => {
    await retireManagers();
    const director = await staff('director');
    const hos = await staff('head_of_service', { managerId: director.id });
    const sm = await staff('service_manager', { managerId: hos.id });
    const tm = await staff('team_manager', { managerId: sm.id });
    await h.db.query('update app_user set manager_id = $1 where id = $2', [tm.id, h.users.pa.id]);
    const person = await makePerson(h, { age: 17 });
    const stay = await hotel(person.id);
    await sweep();
    const onEntry = (await stepsOf(stay.id)).filter((s) => s.firedAt);
    expect(onEntry.map((s) => s.role).sort()).toEqual([
      'director',
      'head_of_service',
      'pa',
      'service_manager',
      'team_manager',
    ]);
    const subjects = await h.db.query<{ subject: string }>(
      `select subject from notification where channel = 'in_app' and kind = 'escalation' and young_person_id = $1`,
      [person.id],
    );
    expect(subjects.rows.length).toBeGreaterThan(0);
    expect(subjects.rows.every((r) => r.subject.startsWith('UNDER 18: '))).toBe(true);

    for (let day = 1; day <= 3; day++) {
      clock.advance(DAY);
      await sweep();
    }
    const fired = (await stepsOf(stay.id)).filter((s) => s.firedAt);
    for (const role of ['team_manager', 'service_manager', 'head_of_service', 'director']) {
      expect(fired.filter((s) => s.role === role).map((s) => s.occurrence)).toEqual([0, 1, 2, 3]);
    }
    expect(fired.filter((s) => s.role === 'pa')).toHaveLength(1);

    await h.as('pa').post('/stays').send({ youngPersonId: person.id, accommodationCode: 'D' });
    const resolved = await h.db.query<{ recipient_user_id: string }>(
      `select recipient_user_id from notification where kind = 'resolved' and channel = 'in_app' and young_person_id = $1`,
      [person.id],
    );
    expect(new Set(resolved.rows.map((r) => r.recipient_user_id))).toEqual(
      new Set([director.id, hos.id, sm.id, tm.id, h.users.pa.id]),
    );
    clock.advance(DAY);
    await sweep();
    expect((await stepsOf(stay.id)).filter((s) => s.status === 'open' || s.status === 'scheduled')).toEqual([]);
  });
});

describe('two instances on one database and Redis', () => {
  it('fire each step once while a web-only and a worker instance race over a ladder', async () => {
    const other = await h.extraApp({ clock, env: { WORKERS_ENABLED: 'false' } });
    try {
      const person = await makePerson(h, { age: 20 });
      const stay = await other.as('pa').post('/stays').send({ youngPersonId: person.id, accommodationCode: 'W' });
      for (let i = 0; i < 8; i++) {
        clock.advance(DAY);
        await Promise.all([sweep(), other.app.get(EscalationSweep).sweep(), sweep()]);
      }
      const fired = (await stepsOf(stay.body.id)).filter((s) => s.firedAt);
      expect(fired.length).toBeGreaterThanOrEqual(5);
      for (const s of fired) {
        expect(await h.count('audit_event', `action = 'escalation.fired' and entity_id = $1`, [s.id])).toBe(1);
      }
      await other.as('pa').post(`/stays/${stay.body.id}/end`).send({ reason: 'Moved' });
    } finally {
      await other.close();
    }
  });
});
