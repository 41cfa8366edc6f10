import { EntityManager } from '@mikro-orm/postgresql';
import { seedDemoCounty } from '../../../src/cli/seed/demo-county';
import { seedDemoPeople } from '../../../src/cli/seed/demo-people';
import { Ssda903Service } from '../../../src/features/reports/ssda903.service';
import { londonDate } from '../../../src/kernel/dates';
import { birthdayIn, collectionYear, oc3Errors } from '../../../src/kernel/ssda903';
import { Integration } from '../../support/integration';

let it_: Integration;
beforeAll(async () => {
  it_ = await Integration.start();
  // An admin had already added one town, in their own spelling.
  await it_.db.query(`delete from area`);
  await it_.db.query(`insert into area (id, name, created_at) values (gen_random_uuid(), 'CREWE', now())`);
});
afterAll(() => it_?.stop());

const seed = () =>
  seedDemoCounty(it_.get(EntityManager).fork(), { now: it_.clock.now(), password: 'seed-test-password-1' });
const rows = async (sql: string) => (await it_.db.query(sql)).rows;
/** Everything the seed could touch, as it is now. */
const state = async () => ({
  areas: await rows(`select id, name, created_at from area order by id`),
  users: await rows(
    `select id, email, name, role, area, manager_id, active, password_hash, updated_at from app_user order by id`,
  ),
  providers: await rows(`select * from provider order by id`),
  beds: await rows(`select * from bed order by id`),
  levels: await rows(`select * from service_level order by id`),
  audit: await rows(`select id from audit_event order by id`),
});
const managerOf = async (email: string) =>
  (
    await rows(`select m.email from app_user u left join app_user m on m.id = u.manager_id where u.email = '${email}'`)
  )[0].email as string | null;

describe('the demo seed against PostgreSQL', () => {
  it('creates the missing areas (keeping an admin’s spelling), the org chart with line managers and the inventory; a second run changes nothing', async () => {
    const first = await seed();
    expect(first.areas).toEqual({ created: 7, existing: 1, skipped: 0 });
    expect(first.users.created).toBe(13);
    expect(first.managers).toEqual({ filledIn: 0, leftAlone: 0 });
    expect((await rows(`select name from area order by name`)).map((r) => r.name)).toEqual([
      'Alsager',
      'CREWE',
      'Congleton',
      'Knutsford',
      'Macclesfield',
      'Nantwich',
      'Sandbach',
      'Wilmslow',
    ]);
    expect(await rows(`select distinct area from app_user where email = 'pa@demo.invalid'`)).toEqual([
      { area: 'CREWE' },
    ]);
    expect(await rows(`select count(*)::int as n from provider where area = 'Crewe'`)).toEqual([{ n: 0 }]);
    expect(await rows(`select email from app_user where manager_id is null`)).toEqual([
      { email: 'director@demo.invalid' },
    ]);
    expect(await managerOf('pa.north@demo.invalid')).toBe('team.manager.north@demo.invalid');

    const before = await state();
    const second = await seed();
    for (const what of ['areas', 'serviceLevels', 'providers', 'beds', 'users'] as const)
      expect(second[what].created).toBe(0);
    expect(second.managers).toEqual({ filledIn: 0, leftAlone: 0 });
    expect(second.auditEvents).toBe(0);
    expect(await state()).toEqual(before);
  });

  it('records the young people once, each by their own PA, the Sandbach parent on the North team’s caseload', async () => {
    expect(await seedDemoPeople(it_.ctx)).toEqual({ created: 16, existing: 0, skipped: 0 });
    const count = async () => (await rows(`select count(*)::int as n from escalation`))[0].n as number;
    const escalations = await count();
    expect(await seedDemoPeople(it_.ctx)).toEqual({ created: 0, existing: 16, skipped: 0 });
    expect(await count()).toBe(escalations);
    const caseloads = await rows(
      `select u.email, count(*)::int as n from young_person y join app_user u on u.id = y.pa_user_id group by u.email order by u.email collate "C"`,
    );
    expect(caseloads).toEqual([
      { email: 'pa.north@demo.invalid', n: 3 },
      { email: 'pa.pathway@demo.invalid', n: 3 },
      { email: 'pa.south@demo.invalid', n: 3 },
      { email: 'pa.wilmslow@demo.invalid', n: 2 },
      { email: 'pa@demo.invalid', n: 5 },
    ]);
    expect(
      await rows(
        `select y.home_area, u.email from young_person y join app_user u on u.id = y.pa_user_id where y.reference = 'CL-DEMO-008'`,
      ),
    ).toEqual([{ home_area: 'Sandbach', email: 'pa.north@demo.invalid' }]);
  });

  it('gives the demo county a complete SSDA903 care-leaver return: every young person in the cohort in the OC3 table, none in its exceptions', async () => {
    const ssda903 = it_.get(Ssda903Service);
    const today = londonDate(it_.clock.now());
    const current = Number(today.slice(0, 4)) - (today.slice(5) < '04-01' ? 1 : 0);
    const people = await rows(
      `select reference, to_char(date_of_birth, 'YYYY-MM-DD') as dob from young_person where reference like 'CL-DEMO-%'`,
    );
    let reported = 0;
    for (const year of [current - 1, current]) {
      const cy = collectionYear(year);
      const r = await ssda903.build(year);
      // Only a birthday still to come this year waits; nothing else is left out.
      expect(r.exceptions.filter((e) => e.reason !== 'birthday_not_reached')).toEqual([]);
      for (const e of r.exceptions) expect(e.birthday > today).toBe(true);
      const cohort = people
        .map((p) => ({ ref: p.reference as string, b: birthdayIn(p.dob as string, cy) }))
        .filter(({ b }) => b && b.age >= 17 && b.age <= 21 && b.birthday <= today)
        .map(({ ref }) => ref)
        .sort();
      expect(r.rows.map((x) => x.CHILD).sort()).toEqual(cohort);
      for (const x of r.rows) expect([x.CHILD, oc3Errors(x, cy)]).toEqual([x.CHILD, []]);
      reported += r.rows.length;
    }
    expect(reported).toBeGreaterThan(8);
  });

  it('fills in the empty line managers of an earlier demo, but never one someone changed, nor one that would make a loop', async () => {
    const id = async (email: string) =>
      (await rows(`select id from app_user where email = '${email}'`))[0].id as string;
    // An earlier demo: nobody has a manager. Since then an admin cleared pa.north's manager (after
    // setting one), and made the head of service report to pa@ (which a fill-in must not close into a loop).
    await it_.db.query(`update app_user set manager_id = null`);
    await it_.db.query(
      `insert into audit_event (id, at, actor_user_id, action, entity, entity_id, changes)
       values (gen_random_uuid(), now(), $1, 'user.updated', 'User', $2, $3)`,
      [
        await id('admin@demo.invalid'),
        await id('pa.north@demo.invalid'),
        JSON.stringify({ managerId: { from: await id('team.manager.north@demo.invalid'), to: null } }),
      ],
    );
    await it_.db.query(`update app_user set manager_id = $1 where email = 'head.of.service@demo.invalid'`, [
      await id('pa@demo.invalid'),
    ]);
    const before = await state();

    const run = await seed();
    // 13 users: the director has no manager, the head of service has one; of the other 11, two are left alone.
    expect(run.managers).toEqual({ filledIn: 9, leftAlone: 2 });
    expect(run.users).toEqual({ created: 0, existing: 13, skipped: 0 });
    expect(await managerOf('pa.north@demo.invalid')).toBeNull();
    expect(await managerOf('pa@demo.invalid')).toBeNull();
    expect(await managerOf('head.of.service@demo.invalid')).toBe('pa@demo.invalid');
    expect(await managerOf('team.manager@demo.invalid')).toBe('service.manager@demo.invalid');
    expect(await managerOf('pa.wilmslow@demo.invalid')).toBe('team.manager.north@demo.invalid');
    const filled = await rows(
      `select entity_id, changes, actor_user_id from audit_event where action = 'seed.updated'`,
    );
    expect(filled).toHaveLength(9);
    for (const f of filled) {
      expect(f.actor_user_id).toBeNull();
      expect(f.changes).toEqual({ managerId: { from: null, to: expect.any(String) } });
    }
    // Nothing else about any user changed: only manager_id and updated_at of those filled in.
    const after = await state();
    const strip = (u: Record<string, unknown>) => ({ ...u, manager_id: undefined, updated_at: undefined });
    expect(after.users.map(strip)).toEqual(before.users.map(strip));

    const again = await seed();
    expect(again.managers).toEqual({ filledIn: 0, leftAlone: 2 });
    expect(again.auditEvents).toBe(0);
    expect(await state()).toEqual(after);
  });
});
