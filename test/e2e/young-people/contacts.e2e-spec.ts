import { ROLES, type Role } from '../../../src/kernel/roles';
import { ManualClock } from '../../../src/platform/clock';
import { makePerson } from '../../support/fixtures';
import { agentFor, expectProblem, Harness, type Agent } from '../../support/harness';

/**
 * Keeping-in-touch contacts: recorded and listed per young person within the caller's caseload
 * (another PA's young person is 404), never in the future or before birth, codes only from the
 * DfE's lists, audited, and read by the SSDA903 care-leaver return.
 */

const clock = new ManualClock(new Date('2026-06-01T12:00:00Z'));
let h: Harness;
let pa2: Agent;
let mine: { id: string; reference: string };
let theirs: { id: string; reference: string };

const ok = { contactedAt: '2026-05-20T10:30:00+01:00', method: 'in_person', inTouch: 'YES', activity: 'F2' };
const contacts = (id: string) => `/young-people/${id}/contacts`;

beforeAll(async () => {
  h = await Harness.start({ clock });
  const created = await h
    .as('admin')
    .post('/users')
    .send({ email: 'contacts.pa2@test.invalid', name: 'Second PA', role: 'pa', password: 'second-pa-password' });
  expect(created.status).toBe(201);
  pa2 = agentFor(h.app, await h.login('contacts.pa2@test.invalid', 'second-pa-password'));
  mine = await makePerson(h, { dateOfBirth: '2007-06-15' });
  theirs = await makePerson(h, { dateOfBirth: '2007-06-15', paUserId: created.body.id }, 'admin');
});
afterAll(() => h?.stop());

describe('POST and GET /young-people/:id/contacts', () => {
  it('records a contact by the allocated PA, audited, and lists it most recent first with who recorded it', async () => {
    const first = await h.as('pa').post(contacts(mine.id)).send(ok);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      id: expect.any(String),
      youngPersonId: mine.id,
      contactedAt: '2026-05-20T09:30:00.000Z',
      method: 'in_person',
      inTouch: 'YES',
      activity: 'F2',
      notes: null,
      recordedByUserId: h.users.pa.id,
      recordedByName: (await h.db.query(`select name from app_user where id = $1`, [h.users.pa.id])).rows[0].name,
      createdAt: expect.any(String),
    });
    const second = await h.as('pa').post(contacts(mine.id)).send({
      contactedAt: '2026-06-01T12:00:00Z',
      method: 'phone',
      inTouch: 'NO',
      notes: '  No answer; left a message  ',
    });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ activity: null, notes: 'No answer; left a message', inTouch: 'NO' });

    const list = await h.as('pa').get(contacts(mine.id));
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(2);
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([second.body.id, first.body.id]);
    expect(list.body.items[1]).toEqual(first.body);

    const audit = await h.db.query(`select actor_user_id, action, changes from audit_event where entity_id = $1`, [
      first.body.id,
    ]);
    expect(audit.rows).toEqual([
      {
        actor_user_id: h.users.pa.id,
        action: 'contact.recorded',
        changes: expect.objectContaining({
          youngPersonId: mine.id,
          inTouch: 'YES',
          activity: 'F2',
          method: 'in_person',
        }),
      },
    ]);
  });

  it('is 404 for another PA’s young person, reading or recording, and writes nothing', async () => {
    await h.expectNoWrites(['keeping_in_touch_contact', 'audit_event'], async () => {
      expectProblem(await pa2.get(contacts(mine.id)), 404);
      expectProblem(await pa2.post(contacts(mine.id)).send(ok), 404);
      expectProblem(await h.as('pa').get(contacts(theirs.id)), 404);
      expectProblem(await h.as('pa').post(contacts(theirs.id)).send(ok), 404);
      expectProblem(await h.as('admin').post(contacts('6f1c1b9e-3c1a-4d8e-9f3b-000000000000')).send(ok), 404);
      expectProblem(await h.as('admin').get(contacts('not-a-uuid')), 400, ['id']);
    });
    expect((await pa2.get(contacts(theirs.id))).status).toBe(200);
  });

  it('refuses a contact in the future (by the service’s clock) or before the date of birth, naming contactedAt, and writes nothing', async () => {
    await h.expectNoWrites(['keeping_in_touch_contact', 'audit_event'], async () => {
      for (const contactedAt of [
        '2026-06-01T12:00:01Z',
        '2026-06-02T00:00:00+01:00',
        '2030-01-01T00:00:00Z',
        '2007-06-14T22:00:00Z',
      ])
        expectProblem(
          await h
            .as('pa')
            .post(contacts(mine.id))
            .send({ ...ok, contactedAt }),
          400,
          ['contactedAt'],
        );
    });
    // 23:30 UTC on 14 June 2007 is the day of birth in London.
    expect(
      (
        await h
          .as('pa')
          .post(contacts(mine.id))
          .send({ ...ok, contactedAt: '2007-06-14T23:30:00Z' })
      ).status,
    ).toBe(201);
    clock.advance(60_000);
    expect(
      (
        await h
          .as('pa')
          .post(contacts(mine.id))
          .send({ ...ok, contactedAt: '2026-06-01T12:00:30Z' })
      ).status,
    ).toBe(201);
  });

  it('refuses codes outside the DfE lists, an activity with DIED or RHOM, and unknown or missing fields, and writes nothing', async () => {
    await h.expectNoWrites(['keeping_in_touch_contact', 'audit_event'], async () => {
      const bad: [Record<string, unknown>, string[]][] = [
        [{ ...ok, method: 'email' }, ['method']],
        [{ ...ok, inTouch: 'yes' }, ['inTouch']],
        [{ ...ok, inTouch: 'UNKNOWN' }, ['inTouch']],
        [{ ...ok, activity: 'F3' }, ['activity']],
        [{ ...ok, activity: '0' }, ['activity']],
        [{ ...ok, activity: 'f1' }, ['activity']],
        [{ ...ok, activity: null }, ['activity']],
        [{ ...ok, inTouch: 'DIED' }, ['activity']],
        [{ ...ok, inTouch: 'RHOM' }, ['activity']],
        [{ ...ok, contactedAt: '2026-05-20' }, ['contactedAt']],
        [{ ...ok, contactedAt: '2026-05-20T10:00:00' }, ['contactedAt']],
        [{ ...ok, notes: '   ' }, ['notes']],
        [{ ...ok, notes: 'x'.repeat(2001) }, ['notes']],
        [{ method: 'phone', inTouch: 'YES' }, ['contactedAt']],
        [{ contactedAt: ok.contactedAt, method: 'phone' }, ['inTouch']],
        [{ ...ok, recordedByUserId: h.users.admin.id }, ['recordedByUserId']],
      ];
      for (const [body, fields] of bad) {
        const res = await h.as('pa').post(contacts(mine.id)).send(body);
        expect([JSON.stringify(body).slice(0, 80), res.status]).toEqual([JSON.stringify(body).slice(0, 80), 400]);
        expectProblem(res, 400, fields);
      }
    });
    expect(
      (
        await h
          .as('pa')
          .post(contacts(mine.id))
          .send({ ...ok, inTouch: 'DIED', activity: undefined })
      ).status,
    ).toBe(201);
  });

  it('lets every role read, the caseworker roles record, and nobody else', async () => {
    const recorders: Role[] = ['admin', 'housing_officer', 'pa', 'team_manager'];
    for (const role of ROLES) {
      expect([role, (await h.as(role).get(contacts(mine.id))).status]).toEqual([role, 200]);
      const res = await h.as(role).post(contacts(mine.id)).send(ok);
      if (recorders.includes(role)) {
        expect([role, res.status]).toEqual([role, 201]);
        expect(res.body.recordedByUserId).toBe(h.users[role].id);
      } else expectProblem(res, 403);
    }
    expectProblem(await h.as().get(contacts(mine.id)), 401);
    expectProblem(await h.as().post(contacts(mine.id)).send(ok), 401);
  });
});

describe('the SSDA903 return reads the contacts', () => {
  it('fills IN_TOUCH and ACTIV from the contact recorded nearest the birthday', async () => {
    const p = await makePerson(h, { dateOfBirth: '2006-07-10' }, 'admin'); // 19 on 2025-07-10
    const stay = await h.as('admin').post('/stays').send({
      youngPersonId: p.id,
      accommodationCode: 'E',
      startedAt: '2025-06-01T09:00:00Z',
      endedAt: '2025-09-01T09:00:00Z',
      endReason: 'Moved on',
    });
    expect(stay.status).toBe(201);
    const csv = () => h.as('director').get('/reports/ssda903/care-leavers.csv?year=2025');
    expect((await csv()).text).not.toContain(p.reference);
    for (const [contactedAt, inTouch, activity] of [
      ['2025-05-01T10:00:00Z', 'NO', undefined],
      ['2025-07-12T10:00:00Z', 'YES', 'P5'],
      ['2025-09-01T10:00:00Z', 'REFU', undefined], // outside the window (more than a month after)
    ])
      expect(
        (await h.as('admin').post(contacts(p.id)).send({ contactedAt, method: 'video', inTouch, activity })).status,
      ).toBe(201);
    expect((await csv()).text).toContain(`${p.reference},10/07/2006,YES,P5,E1\r\n`);
  });
});
