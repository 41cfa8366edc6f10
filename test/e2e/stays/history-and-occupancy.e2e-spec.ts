import { EscalationSweep } from '../../../src/features/escalations/escalation-sweep';
import { ManualClock } from '../../../src/platform/clock';
import { makePerson } from '../../support/fixtures';
import { expectProblem, Harness } from '../../support/harness';

/**
 * Issue 13: a past stay inserted into history between stays already recorded (with a reason,
 * audited, firing nothing, never overlapping), and occupancy counting only the nights already
 * over. Time is a ManualClock; steps fire only when the test runs the sweep.
 */
const NOW = new Date('2026-11-30T10:00:00Z');
const DAY = 24 * 3600_000;

let h: Harness;
const clock = new ManualClock(NOW);
const sweep = () => h.app.get(EscalationSweep).sweep();

beforeAll(async () => (h = await Harness.start({ clock, env: { WORKERS_ENABLED: 'false' } })));
afterAll(() => h?.stop());
beforeEach(() => clock.set(NOW));

async function stay(body: Record<string, unknown>) {
  const res = await h.as('pa').post('/stays').send(body);
  if (res.status !== 201) throw new Error(`stay: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; startedAt: string; endedAt: string | null; endReason: string | null };
}

/** Supported lodgings 1–10 October (ended), then independent living from 1 November (open): a gap between. */
async function personWithAGap() {
  const person = await makePerson(h, { age: 20 });
  const october = await stay({ youngPersonId: person.id, accommodationCode: 'E', startedAt: '2026-10-01T12:00:00Z' });
  const ended = await h
    .as('pa')
    .post(`/stays/${october.id}/end`)
    .send({ endedAt: '2026-10-10T12:00:00Z', reason: 'Left the lodgings' });
  expect(ended.status).toBe(200);
  const november = await stay({ youngPersonId: person.id, accommodationCode: 'U', startedAt: '2026-11-01T12:00:00Z' });
  await sweep();
  return { person, october, november };
}

const escalationsOf = (stayId: string) => h.count('escalation', 'stay_id = $1', [stayId]);
const notificationsOf = (personId: string) => h.count('notification', 'young_person_id = $1', [personId]);

describe('inserting a past stay into history', () => {
  it('puts a hotel stay between two recorded stays with its reason audited, and fires nothing', async () => {
    const { person, november } = await personWithAGap();
    const inserted = await stay({
      youngPersonId: person.id,
      accommodationCode: 'W',
      startedAt: '2026-10-15T18:00:00Z',
      endedAt: '2026-10-20T10:00:00Z',
      endReason: 'Went to a friend',
      reason: 'Found in the out-of-hours log',
    });
    expect(inserted).toMatchObject({ endedAt: '2026-10-20T10:00:00.000Z', endReason: 'Went to a friend' });
    await sweep();
    await sweep();
    expect(await escalationsOf(inserted.id)).toBe(0);
    expect(await notificationsOf(person.id)).toBe(0);
    const audit = await h.as('admin').get(`/audit?entity=Stay&entityId=${inserted.id}`);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({
      action: 'stay.recorded_history',
      actorUserId: h.users.pa.id,
      changes: {
        accommodationCode: 'W',
        reason: 'Found in the out-of-hours log',
        insertedBeforeStayId: november.id,
        endedAt: '2026-10-20T10:00:00.000Z',
      },
    });
    // The stays around it are as they were: the later one still open, nobody's stay ended by it.
    const later = await h.as('pa').get(`/stays/${november.id}`);
    expect(later.body.endedAt).toBeNull();
    const all = await h.as('pa').get(`/stays?youngPersonId=${person.id}`);
    expect(all.body.items.map((s: { accommodationCode: string }) => s.accommodationCode)).toEqual(['U', 'W', 'E']);
  });

  it('ends a stay inserted without endedAt where the next recorded stay starts', async () => {
    const { person, november } = await personWithAGap();
    const inserted = await stay({
      youngPersonId: person.id,
      accommodationCode: 'V',
      startedAt: '2026-10-25T18:00:00Z',
      reason: 'Night shelter confirmed it afterwards',
    });
    expect(inserted.endedAt).toBe(november.startedAt);
    expect(inserted.endReason).toBe('Moved: the next stay was already recorded');
    await sweep();
    expect(await escalationsOf(inserted.id)).toBe(0);
    expect(await notificationsOf(person.id)).toBe(0);
  });

  it('refuses an insertion without a reason (400 naming it), and writes nothing', async () => {
    const { person } = await personWithAGap();
    for (const body of [
      { startedAt: '2026-10-25T18:00:00Z' },
      { startedAt: '2026-10-15T18:00:00Z', endedAt: '2026-10-20T10:00:00Z', endReason: 'Went to a friend' },
    ]) {
      const res = await h.expectNoWrites(['stay', 'escalation', 'audit_event', 'notification'], () =>
        h
          .as('pa')
          .post('/stays')
          .send({ youngPersonId: person.id, accommodationCode: 'W', ...body }),
      );
      expectProblem(res, 400, ['reason']);
    }
  });

  it('refuses an overlap with 409 stay_overlap naming the stay it clashes with, and writes nothing', async () => {
    const { person, october, november } = await personWithAGap();
    const cases: [Record<string, unknown>, string][] = [
      [{ startedAt: '2026-10-05T12:00:00Z', endedAt: '2026-10-08T12:00:00Z', endReason: 'x' }, october.id],
      [{ startedAt: '2026-10-09T12:00:00Z' }, october.id], // would end at 1 November, over the end of October's
      [{ startedAt: '2026-10-20T12:00:00Z', endedAt: '2026-11-03T12:00:00Z', endReason: 'x' }, november.id],
    ];
    for (const [body, clash] of cases) {
      const res = await h.expectNoWrites(['stay', 'escalation', 'audit_event', 'notification'], () =>
        h
          .as('pa')
          .post('/stays')
          .send({ youngPersonId: person.id, accommodationCode: 'W', reason: 'Late paperwork', ...body }),
      );
      expectProblem(res, 409);
      expect(res.body).toMatchObject({ code: 'stay_overlap', clashingStayId: clash });
      expect(res.body.clashingStartedAt).toEqual(expect.any(String));
    }
  });

  it('refuses a start before the 16th birthday and an end in the future (400 naming them)', async () => {
    const { person } = await personWithAGap();
    const base = { youngPersonId: person.id, accommodationCode: 'W', reason: 'Late paperwork' };
    expectProblem(
      await h
        .as('pa')
        .post('/stays')
        .send({ ...base, startedAt: '2000-01-01T10:00:00Z' }),
      400,
      ['startedAt'],
    );
    expectProblem(
      await h
        .as('pa')
        .post('/stays')
        .send({ ...base, startedAt: '2026-10-15T18:00:00Z', endedAt: '2026-12-05T10:00:00Z', endReason: 'x' }),
      400,
      ['endedAt'],
    );
  });

  it('refuses a current stay starting inside a stay that is already over', async () => {
    const person = await makePerson(h, { age: 20 });
    const over = await stay({
      youngPersonId: person.id,
      accommodationCode: 'E',
      startedAt: '2026-10-01T12:00:00Z',
      endedAt: '2026-10-10T12:00:00Z',
      endReason: 'Left',
    });
    const res = await h.expectNoWrites(['stay', 'escalation'], () =>
      h
        .as('pa')
        .post('/stays')
        .send({ youngPersonId: person.id, accommodationCode: 'W', startedAt: '2026-10-05T12:00:00Z' }),
    );
    expectProblem(res, 409);
    expect(res.body).toMatchObject({ code: 'stay_overlap', clashingStayId: over.id });
  });
});

describe('occupancy counts the nights already over', () => {
  let personId: string;

  beforeAll(async () => {
    clock.set(NOW);
    const level = crypto.randomUUID();
    const provider = crypto.randomUUID();
    const bed = crypto.randomUUID();
    await h.db.query(
      `insert into service_level (id, code, name, rank, min_age, max_age, support_hours_min, support_hours_max, emergency, accommodation_code, suitable, version, created_at, updated_at)
       values ($1, 'OCCNOW', 'Occupancy now', 50, 16, 25, 7, 12, false, 'D', true, 1, now(), now())`,
      [level],
    );
    await h.db.query(
      `insert into provider (id, name, area, version, created_at, updated_at) values ($1, 'Until now', 'Crewe', 1, now(), now())`,
      [provider],
    );
    await h.db.query(
      `insert into bed (id, provider_id, service_level_id, label, status, min_age, max_age, version, created_at, updated_at)
       values ($1, $2, $3, 'Room 1', 'available', 16, 25, 1, '2026-10-01T00:00:00Z', now())`,
      [bed, provider, level],
    );
    await h.db.query(
      `insert into audit_event (id, at, actor_user_id, action, entity, entity_id, changes)
       values (gen_random_uuid(), '2026-10-01T00:00:00Z', null, 'bed.created', 'Bed', $1, '{"status":"available"}')`,
      [bed],
    );
    personId = (await makePerson(h, { age: 20 })).id;
    await stay({ youngPersonId: personId, accommodationCode: 'W', startedAt: '2026-11-20T12:00:00Z' });
  });

  const report = async (from: string, to: string) => {
    const res = await h.as('housing_officer').get(`/reports/occupancy?from=${from}&to=${to}`);
    expect(res.status).toBe(200);
    return res.body;
  };

  it('counts a month partly in the future only up to today, and says so', async () => {
    const body = await report('2026-11-01', '2026-12-01');
    expect(body).toMatchObject({ nights: 30, countedUntil: '2026-11-30', nightsCounted: 29 });
    expect(body.totals).toMatchObject({ available: 29, total: 29 });
    // The hotel from the 20th: the nights of 20–29 November (the 30th is not over at 10:00 on the 30th).
    expect(body.unsuitableNights.total).toBe(10);
    expect(body.definition).toContain('countedUntil');
  });

  it('counts a wholly future month as nothing, and says so', async () => {
    const body = await report('2026-12-01', '2027-01-01');
    expect(body).toMatchObject({ nights: 31, countedUntil: '2026-12-01', nightsCounted: 0 });
    expect(body.totals.total).toBe(0);
    expect(body.items).toEqual([]);
    expect(body.unsuitableNights.total).toBe(0);
    expect(body.requests).toMatchObject({ raised: 0, placed: 0, withdrawn: 0, waitingAtEnd: 0 });
  });

  it('counts the whole month once it is over, as time moves on', async () => {
    clock.set(new Date(NOW.getTime() + DAY));
    const body = await report('2026-11-01', '2026-12-01');
    expect(body).toMatchObject({ nights: 30, countedUntil: '2026-12-01', nightsCounted: 30 });
    expect(body.totals).toMatchObject({ available: 30, total: 30 });
    expect(body.unsuitableNights.total).toBe(11);
  });
});
