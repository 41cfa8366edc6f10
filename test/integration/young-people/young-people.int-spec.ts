import { YoungPeopleService } from '../../../src/features/young-people/young-people.service';
import { UnitOfWork } from '../../../src/platform/database/unit-of-work';
import type { AuthUser } from '../../../src/kernel/roles';
import { Integration } from '../../support/integration';

let it_: Integration;
beforeAll(async () => (it_ = await Integration.start()));
afterAll(() => it_?.stop());

let made = 0;
// A different surname each time: the same name and date of birth would be a possible duplicate.
const body = (over: Record<string, unknown> = {}) => ({
  firstName: 'Alex',
  lastName: `Taylor ${++made}`,
  dateOfBirth: '2006-05-01', // 20 on the clock's 2026-11-02
  gender: 'female' as const,
  legalStatus: 'former_relevant' as const,
  ...over,
});

const count = async (table: string) => Number((await it_.db.query(`select count(*) from ${table}`)).rows[0].count);

describe('YoungPeopleService and YoungPeopleRepository against PostgreSQL', () => {
  let pa: AuthUser;
  let otherPa: AuthUser;
  beforeAll(async () => {
    pa = await it_.user('pa');
    otherPa = await it_.user('pa');
  });

  it('creates a record on the PA’s own caseload with a generated reference, audited with its actor', async () => {
    const view = await it_
      .get(YoungPeopleService)
      .create(pa, body({ risks: ['violence', 'fire_setting', 'violence'] }));
    expect(view).toMatchObject({ paUserId: pa.id, age: 20, version: 1, risks: ['fire_setting', 'violence'] });
    expect(view.reference).toMatch(/^CL-\d+$/);
    const audit = (await it_.db.query(`select actor_user_id, action from audit_event where entity_id = $1`, [view.id]))
      .rows;
    expect(audit).toEqual([{ actor_user_id: pa.id, action: 'young_person.created' }]);
  });

  it('answers not found when a PA looks for a young person on another PA’s caseload, and leaves them out of lists', async () => {
    const svc = it_.get(YoungPeopleService);
    const theirs = await svc.create(otherPa, body({ lastName: 'Hidden' }));
    await expect(svc.get(pa, theirs.id)).rejects.toMatchObject({ kind: 'not_found' });
    await expect(
      it_.get(UnitOfWork).run((em) => svc.findVisible(em, pa, theirs.id, { lock: true })),
    ).rejects.toMatchObject({ kind: 'not_found' });
    const missing = new Error('the caller’s own not-found');
    await expect(
      svc.findVisible(it_.get(UnitOfWork).em, pa, theirs.id, { missing: () => missing as never }),
    ).rejects.toBe(missing);
    expect((await svc.list(pa, { paUserId: otherPa.id })).items).toEqual([]);
    expect((await svc.list(pa, {})).items.map((y) => y.id)).not.toContain(theirs.id);
    const manager = await it_.user('team_manager');
    expect((await svc.get(manager, theirs.id)).id).toBe(theirs.id);
    expect((await svc.list(manager, { paUserId: otherPa.id })).items.map((y) => y.id)).toContain(theirs.id);
  });

  it('refuses a reference already in use as a conflict and writes nothing', async () => {
    const svc = it_.get(YoungPeopleService);
    await svc.create(pa, body({ reference: 'CL-CLASH-1' }));
    const [people, audits] = [await count('young_person'), await count('audit_event')];
    await expect(svc.create(pa, body({ reference: 'CL-CLASH-1', lastName: 'Second' }))).rejects.toMatchObject({
      kind: 'conflict',
    });
    const other = await svc.create(pa, body({ reference: 'CL-CLASH-2' }));
    const audits2 = await count('audit_event');
    await expect(svc.update(pa, other.id, { reference: 'CL-CLASH-1' })).rejects.toMatchObject({ kind: 'conflict' });
    expect(await count('young_person')).toBe(people + 1);
    expect(await count('audit_event')).toBe(audits2);
    expect(audits2).toBe(audits + 1);
    expect((await svc.get(pa, other.id)).reference).toBe('CL-CLASH-2');
  });

  it('lets a PA allocate only themselves, and only to an active PA', async () => {
    const svc = it_.get(YoungPeopleService);
    const before = await count('young_person');
    await expect(svc.create(pa, body({ paUserId: otherPa.id }))).rejects.toMatchObject({ kind: 'forbidden' });
    const admin = await it_.user('admin');
    await expect(svc.create(admin, body())).rejects.toMatchObject({ kind: 'invalid', field: 'paUserId' });
    await expect(svc.create(admin, body({ paUserId: admin.id }))).rejects.toMatchObject({
      kind: 'invalid',
      field: 'paUserId',
    });
    const leaver = await it_.user('pa');
    await it_.db.query('update app_user set active = false where id = $1', [leaver.id]);
    await expect(svc.create(admin, body({ paUserId: leaver.id }))).rejects.toMatchObject({ kind: 'invalid' });
    expect(await count('young_person')).toBe(before);
    expect((await svc.create(admin, body({ paUserId: otherPa.id }))).paUserId).toBe(otherPa.id);
  });

  it('refuses a stale version as a conflict and bumps the version of a real change only', async () => {
    const svc = it_.get(YoungPeopleService);
    const y = await svc.create(pa, body());
    expect((await svc.update(pa, y.id, { version: 1, homeArea: 'Crewe' })).version).toBe(2);
    await expect(svc.update(pa, y.id, { version: 1, homeArea: 'Nantwich' })).rejects.toMatchObject({
      kind: 'conflict',
      code: 'stale_version',
    });
    expect((await svc.update(pa, y.id, { homeArea: 'Crewe' })).version).toBe(2);
    const updates = await it_.db.query(`select action from audit_event where entity_id = $1 order by id`, [y.id]);
    expect(updates.rows.map((r) => r.action)).toEqual(['young_person.created', 'young_person.updated']);
  });
});
