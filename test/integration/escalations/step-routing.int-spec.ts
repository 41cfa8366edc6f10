import { StepRouting } from '../../../src/features/escalations/step-routing.queries';
import type { AuthUser } from '../../../src/kernel/roles';
import { Integration } from '../../support/integration';

let it_: Integration;
beforeAll(async () => (it_ = await Integration.start()));
afterAll(() => it_?.stop());

const ids = (rs: { userId: string }[]) => rs.map((r) => r.userId);

describe('StepRouting: who receives a fired step', () => {
  let pa: AuthUser;
  let otherPa: AuthUser;
  let creweManager: AuthUser;
  let councilWideManager: AuthUser;
  let nantwichManager: AuthUser;
  let inactiveManager: AuthUser;
  let director: AuthUser;

  beforeAll(async () => {
    pa = await it_.user('pa');
    otherPa = await it_.user('pa');
    creweManager = await it_.user('service_manager', { area: 'CREWE' });
    councilWideManager = await it_.user('service_manager', { area: null });
    nantwichManager = await it_.user('service_manager', { area: 'Nantwich' });
    inactiveManager = await it_.user('service_manager', { area: 'Crewe' });
    await it_.db.query('update app_user set active = false where id = $1', [inactiveManager.id]);
    director = await it_.user('director', { area: 'Nantwich' });
  });

  const route = (role: string, homeArea: string | null, paUserId = pa.id) =>
    it_.get(StepRouting).recipients({ role, homeArea, paUserId });

  it('reaches the active holders of the role in the home area (any case) or with no area, and the allocated PA', async () => {
    const rs = await route('service_manager', 'Crewe');
    expect(new Set(ids(rs))).toEqual(new Set([creweManager.id, councilWideManager.id, pa.id]));
    expect(rs.find((r) => r.userId === pa.id)).toMatchObject({ role: 'pa', email: pa.email });
    expect(ids(rs)).not.toContain(nantwichManager.id);
    expect(ids(rs)).not.toContain(inactiveManager.id);
  });

  it('reaches every active holder of the role when the young person has no home area', async () => {
    const rs = await route('service_manager', null);
    expect(new Set(ids(rs))).toEqual(new Set([creweManager.id, councilWideManager.id, nantwichManager.id, pa.id]));
  });

  it('sends a step addressed to the PA to the allocated PA alone, never to other PAs', async () => {
    expect(ids(await route('pa', 'Crewe'))).toEqual([pa.id]);
    expect(ids(await route('pa', null, otherPa.id))).toEqual([otherPa.id]);
  });

  it('reaches only the PA when nobody holds the role in the area', async () => {
    expect(ids(await route('director', 'Crewe'))).toEqual([pa.id]);
    expect(ids(await route('director', 'nantwich'))).toEqual([director.id, pa.id]);
  });

  it('lists each recipient once, by role, then email', async () => {
    const rs = await route('service_manager', 'Crewe');
    expect(rs.map((r) => r.role)).toEqual(['pa', 'service_manager', 'service_manager']);
    expect(rs[1].email < rs[2].email).toBe(true);
    expect(ids(await route('pa', 'Crewe'))).toEqual([pa.id]);
  });
});
