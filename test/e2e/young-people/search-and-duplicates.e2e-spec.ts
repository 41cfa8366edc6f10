import type { Role } from '../../../src/kernel/roles';
import { agentFor, expectProblem, Harness, PASSWORD, type Agent } from '../../support/harness';

/**
 * Issue 13: finding a young person (GET /young-people?q=) by part of a name in any case and order,
 * by reference, or by date of birth written either way; a PA finds only their caseload. And the
 * duplicate warning on POST /young-people, which never tells a PA who is on another caseload.
 */

let h: Harness;
let otherPa: { id: string; name: string };
let pa2: Agent;
let zephyrine: { id: string; reference: string };
let quincy: { id: string; reference: string };
let theirZeph: { id: string; reference: string };

const SEE_EVERYONE: Role[] = [
  'admin',
  'housing_officer',
  'team_manager',
  'service_manager',
  'head_of_service',
  'director',
];
const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id);

async function create(body: Record<string, unknown>, as: Agent = h.as('admin')) {
  const res = await as.post('/young-people').send({ gender: 'female', legalStatus: 'former_relevant', ...body });
  if (res.status !== 201) throw new Error(`person: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; reference: string };
}

beforeAll(async () => {
  h = await Harness.start();
  const created = await h
    .as('admin')
    .post('/users')
    .send({ email: 'search.pa@test.invalid', name: 'Robin Other-PA', role: 'pa', password: PASSWORD });
  expect(created.status).toBe(201);
  otherPa = created.body;
  pa2 = agentFor(h.app, await h.login('search.pa@test.invalid'));
  zephyrine = await create({
    firstName: 'Zephyrine',
    lastName: 'Quillfeather',
    dateOfBirth: '2007-03-14',
    reference: 'SRCH-ABC-1',
    paUserId: h.users.pa.id,
  });
  quincy = await create({
    firstName: 'Quincy',
    lastName: 'Zephyrson',
    dateOfBirth: '2006-08-02',
    paUserId: h.users.pa.id,
  });
  theirZeph = await create({
    firstName: 'Zeph',
    lastName: 'Amberlyn',
    dateOfBirth: '2007-03-14',
    reference: 'SRCH-XYZ-9',
    paUserId: otherPa.id,
  });
});
afterAll(async () => {
  await h?.stop();
});

describe('GET /young-people?q=', () => {
  it('finds part of a first or last name in any case', async () => {
    const res = await h.as('admin').get('/young-people?q=ZEPH');
    expect(res.status).toBe(200);
    // By last name: Amberlyn, Quillfeather, Zephyrson.
    expect(ids(res)).toEqual([theirZeph.id, zephyrine.id, quincy.id]);
    expect(res.body.total).toBe(3);
    expect(ids(await h.as('admin').get('/young-people?q=feath'))).toEqual([zephyrine.id]);
  });

  it('matches "first last" and "last first" alike, every word in one of the names', async () => {
    for (const q of ['zephyrine quillfeather', 'Quillfeather Zephyrine', ' quill   zephy ']) {
      expect({ q, ids: ids(await h.as('admin').get(`/young-people?q=${encodeURIComponent(q)}`)) }).toEqual({
        q,
        ids: [zephyrine.id],
      });
    }
    expect(ids(await h.as('admin').get('/young-people?q=zephyrine%20amberlyn'))).toEqual([]);
  });

  it('finds a reference whole or by its start, in any case, but not by its middle', async () => {
    expect(ids(await h.as('admin').get('/young-people?q=srch-abc-1'))).toEqual([zephyrine.id]);
    expect(ids(await h.as('admin').get('/young-people?q=SRCH-ABC'))).toEqual([zephyrine.id]);
    expect(ids(await h.as('admin').get('/young-people?q=srch-'))).toEqual([theirZeph.id, zephyrine.id]);
    expect(ids(await h.as('admin').get('/young-people?q=ABC-1'))).toEqual([]);
  });

  it('finds a date of birth written dd/mm/yyyy or yyyy-mm-dd, and refuses one that is no real day', async () => {
    const uk = await h.as('admin').get('/young-people?q=14/03/2007');
    const iso = await h.as('admin').get('/young-people?q=2007-03-14');
    expect(ids(uk)).toEqual([theirZeph.id, zephyrine.id]);
    expect(ids(iso)).toEqual(ids(uk));
    expectProblem(await h.as('admin').get('/young-people?q=31/02/2007'), 400, ['q']);
  });

  it('takes LIKE wildcards literally', async () => {
    expect((await h.as('admin').get('/young-people?q=%25')).body.total).toBe(0);
    expect((await h.as('admin').get('/young-people?q=z_ph')).body.total).toBe(0);
  });

  it('lets a PA find only their own caseload, whatever they search for', async () => {
    expect(ids(await h.as('pa').get('/young-people?q=zeph'))).toEqual([zephyrine.id, quincy.id]);
    expect(ids(await h.as('pa').get('/young-people?q=14/03/2007'))).toEqual([zephyrine.id]);
    expect(ids(await h.as('pa').get('/young-people?q=SRCH-XYZ'))).toEqual([]);
    expect(ids(await pa2.get('/young-people?q=zeph'))).toEqual([theirZeph.id]);
    const asked = await h.as('pa').get(`/young-people?q=zeph&paUserId=${otherPa.id}`);
    expect(asked.body).toEqual({ items: [], total: 0 });
  });

  it.each(SEE_EVERYONE)('lets %s find everyone', async (role) => {
    expect(ids(await h.as(role).get('/young-people?q=zeph'))).toEqual([theirZeph.id, zephyrine.id, quincy.id]);
  });

  it('pages as the list does: the total of all matches, limit and offset over them', async () => {
    const first = await h.as('admin').get('/young-people?q=zeph&limit=2');
    const rest = await h.as('admin').get('/young-people?q=zeph&limit=2&offset=2');
    expect(first.body.total).toBe(3);
    expect(rest.body.total).toBe(3);
    expect([...ids(first), ...ids(rest)]).toEqual([theirZeph.id, zephyrine.id, quincy.id]);
    const beyond = await h.as('admin').get('/young-people?q=zeph&offset=10');
    expect(beyond.body).toEqual({ items: [], total: 3 });
  });

  it('combines with the other filters, and refuses an over-long search', async () => {
    expect(ids(await h.as('admin').get(`/young-people?q=zeph&paUserId=${otherPa.id}`))).toEqual([theirZeph.id]);
    expectProblem(await h.as('admin').get(`/young-people?q=${'a'.repeat(101)}`), 400, ['q']);
  });
});

describe('POST /young-people: a possible duplicate', () => {
  const duplicateOf = (over: Record<string, unknown> = {}) => ({
    firstName: ' dupli ',
    lastName: 'CA TE',
    dateOfBirth: '2005-09-09',
    gender: 'male',
    legalStatus: 'former_relevant',
    ...over,
  });
  let theirs: { id: string; reference: string };

  beforeAll(async () => {
    theirs = await create({ firstName: 'Dupli', lastName: 'Cate', dateOfBirth: '2005-09-09', paUserId: otherPa.id });
  });

  it('is refused with 409 possible_duplicate, naming the match to a role that may see it, and writes nothing', async () => {
    const res = await h.expectNoWrites(['young_person', 'audit_event'], () =>
      h
        .as('housing_officer')
        .post('/young-people')
        .send(duplicateOf({ paUserId: h.users.pa.id })),
    );
    expectProblem(res, 409);
    expect(res.body.code).toBe('possible_duplicate');
    expect(res.body.duplicates).toEqual([
      { id: theirs.id, reference: theirs.reference, firstName: 'Dupli', lastName: 'Cate', dateOfBirth: '2005-09-09' },
    ]);
    expect(res.body.undisclosedMatches).toBe(false);
  });

  it('is refused to a PA the same way when the match is on another caseload, telling them nothing about it', async () => {
    const res = await h.expectNoWrites(['young_person', 'audit_event'], () =>
      h.as('pa').post('/young-people').send(duplicateOf()),
    );
    expectProblem(res, 409);
    expect(res.body.code).toBe('possible_duplicate');
    expect(res.body.duplicates).toEqual([]);
    expect(res.body.undisclosedMatches).toBe(true);
    const text = JSON.stringify(res.body);
    for (const secret of [theirs.id, theirs.reference, otherPa.id, otherPa.name]) expect(text).not.toContain(secret);
  });

  it('is not a duplicate when the date of birth differs', async () => {
    const res = await h
      .as('pa')
      .post('/young-people')
      .send(duplicateOf({ dateOfBirth: '2005-09-10' }));
    expect(res.status).toBe(201);
  });

  it('is recorded when confirmed not a duplicate, and the confirmation is audited with the matches', async () => {
    const res = await h
      .as('pa')
      .post('/young-people')
      .send(duplicateOf({ confirmedNotDuplicate: true }));
    expect(res.status).toBe(201);
    const audit = await h.as('admin').get(`/audit?entity=YoungPerson&entityId=${res.body.id}`);
    const confirmed = audit.body.items.find((e: { action: string }) => e.action === 'young_person.duplicate_confirmed');
    expect(confirmed).toMatchObject({
      actorUserId: h.users.pa.id,
      changes: { confirmedNotDuplicate: true, possibleDuplicateIds: [theirs.id] },
    });
    // Now one match is on the PA's own caseload: that one is named, the other still not.
    const again = await h.as('pa').post('/young-people').send(duplicateOf());
    expectProblem(again, 409);
    expect(again.body.duplicates.map((d: { id: string }) => d.id)).toEqual([res.body.id]);
    expect(again.body.undisclosedMatches).toBe(true);
    expect(JSON.stringify(again.body)).not.toContain(theirs.id);
  });

  it('does not let PATCH take confirmedNotDuplicate', async () => {
    expectProblem(await h.as('pa').patch(`/young-people/${zephyrine.id}`).send({ confirmedNotDuplicate: true }), 400, [
      'confirmedNotDuplicate',
    ]);
  });
});

describe('GET /audit names people', () => {
  it('gives each row its actor’s name, and the names of users in its changes', async () => {
    const res = await h.as('admin').get(`/audit?entity=YoungPerson&entityId=${theirZeph.id}`);
    expect(res.status).toBe(200);
    const created = res.body.items.find((e: { action: string }) => e.action === 'young_person.created');
    expect(created.actorUserId).toBe(h.users.admin.id);
    const admin = await h.db.query<{ name: string }>('select name from app_user where id = $1', [h.users.admin.id]);
    expect(created.actorName).toBe(admin.rows[0].name);
    expect(created.changes.paUserId).toBe(otherPa.id);
    expect(created.userNames).toEqual({ [h.users.admin.id]: admin.rows[0].name, [otherPa.id]: 'Robin Other-PA' });
  });

  it('names the user an event is about, and leaves the actor’s name null when the service acted', async () => {
    const res = await h.as('director').get(`/audit?entity=User&entityId=${otherPa.id}`);
    expect(res.body.items[0].userNames[otherPa.id]).toBe('Robin Other-PA');
    await h.db.query(
      `insert into audit_event (id, at, actor_user_id, action, entity, entity_id, changes)
       values (gen_random_uuid(), now(), null, 'test.system', 'Bed', gen_random_uuid(), '{}')`,
    );
    const system = await h.as('admin').get('/audit?limit=500');
    const row = system.body.items.find((e: { action: string }) => e.action === 'test.system');
    expect(row).toMatchObject({ actorUserId: null, actorName: null, userNames: {} });
  });
});
