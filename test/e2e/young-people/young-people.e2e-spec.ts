import type { Role } from '../../../src/kernel/roles';
import { dayFromToday, londonToday, makePerson, until } from '../../support/fixtures';
import { agentFor, expectProblem, Harness, type Agent } from '../../support/harness';

/**
 * A PA's caseload: a PA sees and changes only the young people allocated to them. Another PA's
 * young person is 404 (a PA is not told who exists) on every read and write, and is left out of
 * every list; housing officers, managers and the admin see everyone.
 */

interface Caseload {
  person: { id: string; reference: string };
  stayId: string;
  requestId: string;
  escalationIds: string[];
  /** The step addressed to the allocated PA, fired. */
  paStepId: string;
}

let h: Harness;
let secondPa: { id: string; email: string };
let pa2: Agent;
/** The fixture PA's young person, and the second PA's. */
let mine: Caseload;
let theirs: Caseload;

const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id);
const SEE_EVERYONE: Role[] = [
  'admin',
  'housing_officer',
  'team_manager',
  'service_manager',
  'head_of_service',
  'director',
];

/** A 19-year-old in a hotel with a placement request: the shipped 18+ ladder fires its team manager and PA steps at once. */
async function caseloadOf(as: Agent, paUserId: string): Promise<Caseload> {
  const created = await as.post('/young-people').send({
    firstName: 'Casey',
    lastName: `Load${paUserId.slice(0, 4)}`,
    dateOfBirth: `${Number(londonToday().slice(0, 4)) - 19}-01-10`,
    gender: 'female',
    legalStatus: 'former_relevant',
  });
  expect(created.status).toBe(201);
  expect(created.body.paUserId).toBe(paUserId);
  const stay = await as
    .post('/stays')
    .send({ youngPersonId: created.body.id, accommodationCode: 'W', description: 'Premier Inn' });
  expect(stay.status).toBe(201);
  const request = await as
    .post('/placement-requests')
    .send({ youngPersonId: created.body.id, urgency: 'emergency', neededBy: londonToday() });
  expect(request.status).toBe(201);
  const rows = await until(
    'the team manager and PA steps to fire',
    async () =>
      (await h.as('director').get(`/escalations?stayId=${stay.body.id}`)).body.items as {
        id: string;
        role: string;
        status: string;
      }[],
    (rs) => ['team_manager', 'pa'].every((role) => rs.some((r) => r.role === role && r.status === 'open')),
  );
  return {
    person: created.body,
    stayId: stay.body.id,
    requestId: request.body.id,
    escalationIds: rows.map((r) => r.id),
    paStepId: rows.find((r) => r.role === 'pa' && r.status === 'open')!.id,
  };
}

beforeAll(async () => {
  h = await Harness.start({ env: { RECONCILE_EVERY: 'PT1S', NOTIFY_ATTEMPTS: '1' } });
  const created = await h
    .as('admin')
    .post('/users')
    .send({ email: 'second.pa@test.invalid', name: 'Second PA', role: 'pa', password: 'second-pa-password' });
  expect(created.status).toBe(201);
  secondPa = created.body;
  pa2 = agentFor(h.app, await h.login(secondPa.email, 'second-pa-password'));
  mine = await caseloadOf(h.as('pa'), h.users.pa.id);
  theirs = await caseloadOf(pa2, secondPa.id);
  // Let every email attempt finish, so nothing writes behind the no-write checks below.
  await until(
    'deliveries to settle',
    () => h.count('notification', `status in ('pending', 'retrying')`),
    (k) => k === 0,
  );
});
afterAll(async () => {
  await h?.stop();
});

describe('a PA and another PA’s young person', () => {
  it('sees their own young person, stay, request and escalations', async () => {
    const pa = h.as('pa');
    expect((await pa.get(`/young-people/${mine.person.id}`)).status).toBe(200);
    expect((await pa.get(`/young-people/${mine.person.id}/timeline`)).status).toBe(200);
    expect((await pa.get(`/stays/${mine.stayId}`)).status).toBe(200);
    expect((await pa.get(`/placement-requests/${mine.requestId}`)).status).toBe(200);
    expect((await pa.get(`/escalations/${mine.paStepId}`)).status).toBe(200);
  });

  it('gets 404 for the other PA’s young person on GET, PATCH and the timeline, and PATCH writes nothing', async () => {
    const pa = h.as('pa');
    expectProblem(await pa.get(`/young-people/${theirs.person.id}`), 404);
    expectProblem(await pa.get(`/young-people/${theirs.person.id}/timeline`), 404);
    const patch = await h.expectNoWrites(['young_person'], () =>
      pa.patch(`/young-people/${theirs.person.id}`).send({ homeArea: 'Nantwich' }),
    );
    expectProblem(patch, 404);
    // Even taking the young person onto their own caseload.
    expectProblem(
      await h.expectNoWrites(['young_person'], () =>
        pa.patch(`/young-people/${theirs.person.id}`).send({ paUserId: h.users.pa.id }),
      ),
      404,
    );
  });

  it('gets 404 for the other PA’s stay, request, holds and escalations, read or written, and writes nothing', async () => {
    const pa = h.as('pa');
    expectProblem(await pa.get(`/stays/${theirs.stayId}`), 404);
    expectProblem(await pa.get(`/placement-requests/${theirs.requestId}`), 404);
    expectProblem(await pa.get(`/placement-requests/${theirs.requestId}/holds`), 404);
    for (const id of theirs.escalationIds) expectProblem(await pa.get(`/escalations/${id}`), 404);
    const tables = ['young_person', 'stay', 'placement_request', 'hold', 'bed', 'escalation', 'notification'];
    await h.expectNoWrites(tables, async () => {
      expectProblem(await pa.post(`/stays/${theirs.stayId}/end`).send({ reason: 'Moved' }), 404);
      expectProblem(await pa.post('/stays').send({ youngPersonId: theirs.person.id, accommodationCode: 'D' }), 404);
      expectProblem(
        await pa
          .post('/placement-requests')
          .send({ youngPersonId: theirs.person.id, urgency: 'planned', neededBy: dayFromToday(3) }),
        404,
      );
      expectProblem(await pa.post(`/placement-requests/${theirs.requestId}/withdraw`).send({}), 404);
      // A step addressed to "the PA" is the allocated PA's, not any PA's.
      expectProblem(
        await pa
          .post(`/escalations/${theirs.paStepId}/acknowledge`)
          .send({ actionPlan: 'Not mine', reviewBy: dayFromToday(1) }),
        404,
      );
    });
  });

  it('leaves the other PA’s young person out of every list, filtered or not', async () => {
    const pa = h.as('pa');
    const people = await pa.get('/young-people?limit=500');
    expect(ids(people)).toContain(mine.person.id);
    expect(ids(people)).not.toContain(theirs.person.id);
    expect(people.body.items.every((p: { paUserId: string }) => p.paUserId === h.users.pa.id)).toBe(true);
    expect(people.body.total).toBe(people.body.items.length);

    const stays = await pa.get('/stays?limit=500');
    expect(ids(stays)).toContain(mine.stayId);
    expect(ids(stays)).not.toContain(theirs.stayId);
    const requests = await pa.get('/placement-requests?limit=500');
    expect(ids(requests)).toContain(mine.requestId);
    expect(ids(requests)).not.toContain(theirs.requestId);
    const escalations = await pa.get('/escalations?limit=500');
    expect(ids(escalations)).toEqual(expect.arrayContaining(mine.escalationIds));
    expect(ids(escalations).filter((id) => theirs.escalationIds.includes(id))).toEqual([]);
    const report = (await pa.get('/reports/unsuitable-accommodation')).body.items as {
      stayId: string;
      youngPersonId: string;
    }[];
    expect(report.map((r) => r.youngPersonId)).toContain(mine.person.id);
    expect(report.map((r) => r.youngPersonId)).not.toContain(theirs.person.id);

    // Asking for them by name finds nothing either.
    for (const url of [
      `/young-people?paUserId=${secondPa.id}`,
      `/young-people?reference=${theirs.person.reference}`,
      `/stays?youngPersonId=${theirs.person.id}`,
      `/placement-requests?youngPersonId=${theirs.person.id}`,
      `/escalations?youngPersonId=${theirs.person.id}`,
      `/escalations?stayId=${theirs.stayId}`,
    ]) {
      const res = await pa.get(url);
      expect({ url, status: res.status, total: res.body.total, items: res.body.items }).toEqual({
        url,
        status: 200,
        total: 0,
        items: [],
      });
    }
  });

  it('hears nothing about the other PA’s young person in their inbox', async () => {
    const inbox = (await h.as('pa').get('/me/notifications?limit=500')).body.items as {
      youngPersonId: string | null;
    }[];
    expect(inbox.some((n) => n.youngPersonId === mine.person.id)).toBe(true);
    expect(inbox.some((n) => n.youngPersonId === theirs.person.id)).toBe(false);
  });

  it('is the same the other way round', async () => {
    expectProblem(await pa2.get(`/young-people/${mine.person.id}`), 404);
    expect((await pa2.get(`/young-people/${theirs.person.id}`)).status).toBe(200);
    const people = ids(await pa2.get('/young-people?limit=500'));
    expect(people).toContain(theirs.person.id);
    expect(people).not.toContain(mine.person.id);
  });
});

describe('a PA allocating young people', () => {
  it('may not create a young person on another PA’s caseload: 403, nothing written', async () => {
    const res = await h.expectNoWrites(['young_person'], () =>
      h
        .as('pa')
        .post('/young-people')
        .send({
          firstName: 'Not',
          lastName: 'Mine',
          dateOfBirth: `${Number(londonToday().slice(0, 4)) - 18}-02-02`,
          gender: 'male',
          legalStatus: 'former_relevant',
          paUserId: secondPa.id,
        }),
    );
    expectProblem(res, 403);
  });

  it('may not hand their own young person to another PA: 403, nothing written', async () => {
    const res = await h.expectNoWrites(['young_person'], () =>
      h.as('pa').patch(`/young-people/${mine.person.id}`).send({ paUserId: secondPa.id }),
    );
    expectProblem(res, 403);
    expect((await h.as('pa').get(`/young-people/${mine.person.id}`)).body.paUserId).toBe(h.users.pa.id);
  });

  it('may name themselves, or nobody (and is allocated)', async () => {
    const named = await h
      .as('pa')
      .post('/young-people')
      .send({
        firstName: 'Self',
        lastName: 'Named',
        dateOfBirth: `${Number(londonToday().slice(0, 4)) - 18}-02-02`,
        gender: 'male',
        legalStatus: 'former_relevant',
        paUserId: h.users.pa.id,
      });
    expect(named.status).toBe(201);
    expect(named.body.paUserId).toBe(h.users.pa.id);
    const unnamed = await makePerson(h);
    expect((await h.as('pa').get(`/young-people/${unnamed.id}`)).body.paUserId).toBe(h.users.pa.id);
  });
});

describe('housing officers, managers and the admin', () => {
  it.each(SEE_EVERYONE)('%s sees both PAs’ young people, stays, requests and escalations', async (role) => {
    const as = h.as(role);
    for (const c of [mine, theirs]) {
      expect((await as.get(`/young-people/${c.person.id}`)).status).toBe(200);
      expect((await as.get(`/young-people/${c.person.id}/timeline`)).status).toBe(200);
      expect((await as.get(`/stays/${c.stayId}`)).status).toBe(200);
      expect((await as.get(`/placement-requests/${c.requestId}`)).status).toBe(200);
      expect((await as.get(`/escalations/${c.paStepId}`)).status).toBe(200);
    }
    const people = ids(await as.get('/young-people?limit=500'));
    const stays = ids(await as.get('/stays?limit=500'));
    const requests = ids(await as.get('/placement-requests?limit=500'));
    const escalations = ids(await as.get('/escalations?limit=500'));
    const report = ((await as.get('/reports/unsuitable-accommodation')).body.items as { youngPersonId: string }[]).map(
      (r) => r.youngPersonId,
    );
    expect(people).toEqual(expect.arrayContaining([mine.person.id, theirs.person.id]));
    expect(stays).toEqual(expect.arrayContaining([mine.stayId, theirs.stayId]));
    expect(requests).toEqual(expect.arrayContaining([mine.requestId, theirs.requestId]));
    expect(escalations).toEqual(expect.arrayContaining([...mine.escalationIds, ...theirs.escalationIds]));
    expect(report).toEqual(expect.arrayContaining([mine.person.id, theirs.person.id]));
  });

  it('a housing officer may raise a request for, and edit, any PA’s young person', async () => {
    const ho = h.as('housing_officer');
    for (const c of [mine, theirs]) {
      expect(
        (
          await ho
            .post('/placement-requests')
            .send({ youngPersonId: c.person.id, urgency: 'planned', neededBy: dayFromToday(5) })
        ).status,
      ).toBe(201);
      expect((await ho.patch(`/young-people/${c.person.id}`).send({ areasToAvoid: ['Macclesfield'] })).status).toBe(
        200,
      );
    }
  });
});

describe('reallocation', () => {
  it('moves the young person, and everything about them, from one PA’s caseload to the other’s', async () => {
    const moved = await h.as('team_manager').patch(`/young-people/${mine.person.id}`).send({ paUserId: secondPa.id });
    expect(moved.status).toBe(200);
    expect(moved.body.paUserId).toBe(secondPa.id);
    expectProblem(await h.as('pa').get(`/young-people/${mine.person.id}`), 404);
    expectProblem(await h.as('pa').get(`/stays/${mine.stayId}`), 404);
    expect(ids(await h.as('pa').get('/placement-requests?limit=500'))).not.toContain(mine.requestId);
    expect((await pa2.get(`/young-people/${mine.person.id}`)).status).toBe(200);
    expect((await pa2.get(`/stays/${mine.stayId}`)).status).toBe(200);
    expect(ids(await pa2.get('/escalations?limit=500'))).toEqual(expect.arrayContaining(mine.escalationIds));
  });
});
