import { StepRouting } from '../../../src/features/escalations/step-routing.queries';
import type { AuthUser } from '../../../src/kernel/roles';
import { Integration } from '../../support/integration';

let it_: Integration;
beforeAll(async () => (it_ = await Integration.start()));
afterAll(() => it_?.stop());

/** StepRouting reads the org chart from app_user and applies the kernel's routing rule (kernel/routing.spec.ts has the rule's cases). */
describe('StepRouting against the users table', () => {
  let pa: AuthUser;
  let teamManager: AuthUser;
  let creweManager: AuthUser;
  let nantwichManager: AuthUser;
  let inactiveDirector: AuthUser;

  const setManager = (id: string, managerId: string) =>
    it_.db.query('update app_user set manager_id = $2 where id = $1', [id, managerId]);
  const orgVersion = async () =>
    (await it_.db.query<{ v: string }>('select version::text as v from org_chart_version')).rows[0].v;
  const route = async (role: string, homeArea: string | null, paUserId = pa.id) =>
    it_.get(StepRouting).route({ role, homeArea, paUserId }, await orgVersion());

  beforeAll(async () => {
    pa = await it_.user('pa');
    teamManager = await it_.user('team_manager', { area: 'Crewe' });
    await setManager(pa.id, teamManager.id);
    creweManager = await it_.user('service_manager', { area: 'Crewe' });
    nantwichManager = await it_.user('service_manager', { area: 'Nantwich' });
    inactiveDirector = await it_.user('director');
    await it_.db.query('update app_user set active = false where id = $1', [inactiveDirector.id]);
  });

  it('reaches the PA’s own team manager by line management, with e-mail addresses for delivery', async () => {
    const route_ = await route('team_manager', 'Macclesfield');
    expect(route_.unrouted).toBe(false);
    expect(route_.recipients).toEqual([
      { userId: teamManager.id, role: 'team_manager', via: 'line_manager', email: teamManager.email },
      { userId: pa.id, role: 'pa', via: 'allocated_pa', email: pa.email },
    ]);
  });

  it('reaches the home area’s holders when the chain has nobody in the role', async () => {
    const rs = (await route('service_manager', 'nantwich')).recipients;
    expect(rs[0]).toMatchObject({ userId: nantwichManager.id, via: 'area' });
    expect(rs.map((r) => r.userId)).not.toContain(creweManager.id);
  });

  it('is unrouted when nobody active holds the role or a more senior one, though the PA is told', async () => {
    const route_ = await route('director', 'Crewe');
    expect(route_).toEqual({
      unrouted: true,
      recipients: [expect.objectContaining({ userId: pa.id, via: 'allocated_pa' })],
    });
  });

  it('lists the active administrators, who hear of an unrouted step', async () => {
    const admin = await it_.user('admin');
    expect(await it_.get(StepRouting).activeAdmins()).toContainEqual({ userId: admin.id, email: admin.email });
  });

  it('routes over a changed org chart as soon as the change commits: the version moves with who is who, not with sign-ins', async () => {
    const before = await orgVersion();
    await it_.db.query('update app_user set token_version = token_version + 1 where id = $1', [pa.id]);
    expect(await orgVersion()).toBe(before);

    const newManager = await it_.user('team_manager', { area: 'Crewe' });
    await setManager(pa.id, newManager.id);
    expect(await orgVersion()).not.toBe(before);
    expect((await route('team_manager', 'Macclesfield')).recipients[0]).toMatchObject({
      userId: newManager.id,
      via: 'line_manager',
    });
    await setManager(pa.id, teamManager.id);
    expect((await route('team_manager', 'Macclesfield')).recipients[0]).toMatchObject({ userId: teamManager.id });
  });

  it('keeps the chart it read for firings that read the same version, and reads again at any other', async () => {
    const routing = it_.get(StepRouting);
    const at = await orgVersion();
    const step = { role: 'team_manager', homeArea: 'Macclesfield', paUserId: pa.id };
    expect((await routing.route(step, at)).recipients[0].userId).toBe(teamManager.id);
    // A trigger-less change stands for one another transaction has not yet committed: the version it read still names the kept chart.
    await it_.db.query('alter table app_user disable trigger app_user_org_chart_changed');
    try {
      await it_.db.query('update app_user set email = $2 where id = $1', [teamManager.id, 'moved@example.invalid']);
      expect((await routing.route(step, at)).recipients[0].email).toBe(teamManager.email);
      expect((await routing.route(step, `${at}-other`)).recipients[0].email).toBe('moved@example.invalid');
    } finally {
      await it_.db.query('update app_user set email = $2 where id = $1', [teamManager.id, teamManager.email]);
      await it_.db.query('alter table app_user enable trigger app_user_org_chart_changed');
    }
  });

  it('reads the chart afresh at every firing when the version row is missing, never trusting a kept one', async () => {
    const routing = it_.get(StepRouting);
    const step = { role: 'team_manager', homeArea: 'Macclesfield', paUserId: pa.id };
    await it_.db.query('delete from org_chart_version');
    try {
      expect((await routing.route(step, '')).recipients[0].userId).toBe(teamManager.id);
      const stand = await it_.user('team_manager', { area: 'Crewe' });
      await setManager(pa.id, stand.id);
      expect((await routing.route(step, '')).recipients[0].userId).toBe(stand.id);
      await setManager(pa.id, teamManager.id);
    } finally {
      await it_.db.query(`insert into org_chart_version (one, version) values (true, 1000)`);
    }
  });
});
