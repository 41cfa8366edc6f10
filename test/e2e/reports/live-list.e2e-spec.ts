import { ManualClock } from '../../../src/platform/clock';
import { expectProblem, Harness, type Agent } from '../../support/harness';
import { LiveListCounty } from './live-list.county';

/**
 * GET /reports/unsuitable-accommodation on a hand-built county (rows written with SQL; workers off,
 * the clock manual, so nothing fires behind the test's back). Now: Wednesday 18 November 2026, 12:00 GMT.
 *
 * - Kit, 17, in a hotel since 08:00 today (Crewe): the 16-17 ladder fired at once, the PA's copy last.
 * - Pam, 23, a parent in B&B since 30 September (Macclesfield): past six weeks; the director's
 *   acknowledgement lapsed on its review date.
 * - Ada, 20, in a hotel since Friday (Nantwich): past two working days; the service manager acknowledged,
 *   the head of service's step is open, the director's is next.
 * - Ned, 19, in a night shelter since last night (Crewe; another PA's): his team manager step reached nobody.
 * - Zoe, 22, in suitable emergency provision (Sandbach): on the list, no clock.
 * Not on the list: Liz, suitably housed; Max, whose hotel stay ended.
 */
const clock = new ManualClock(new Date('2026-11-18T12:00:00Z'));
let h: Harness;
let county: LiveListCounty;
let otherPa: { id: string; token: string };
const ids: Record<string, string> = {};

const report = (as: Agent, query = '') => as.get(`/reports/unsuitable-accommodation${query}`);
const refs = async (as: Agent, query = '') => {
  const res = await report(as, query);
  expect(res.status).toBe(200);
  expect(res.body.total).toBe(res.body.items.length);
  return (res.body.items as { reference: string }[]).map((i) => i.reference);
};
const item = async (reference: string) =>
  ((await report(h.as('director'))).body.items as { reference: string }[]).find((i) => i.reference === reference)!;

async function buildKit(): Promise<void> {
  const pa = h.users.pa.id;
  const kit = await county.person({ first: 'Kit', last: 'Young', dob: '2009-05-01', paUserId: pa, homeArea: 'Crewe' });
  const stay = await county.stay(kit, { code: 'W', suitable: false, startedAt: '2026-11-18T08:00:00Z' });
  const steps = ['head_of_service', 'director', 'team_manager'];
  for (const [i, role] of steps.entries())
    ids[`kit.${role}`] = await county.step(stay, kit, {
      policy: 'under-18-unsuitable',
      stepIndex: i,
      role,
      dueAt: '2026-11-18T08:00:00Z',
      status: 'open',
    });
  const paCopy = { policy: 'under-18-unsuitable' as const, stepIndex: 3, role: 'pa', status: 'open' as const };
  ids['kit.pa'] = await county.step(stay, kit, {
    ...paCopy,
    dueAt: '2026-11-18T08:00:00Z',
    firedAt: '2026-11-18T08:01:00Z',
  });
  await county.request(kit, pa, { urgency: 'planned', neededBy: '2026-11-20', status: 'open' });
  ids['kit.request'] = await county.request(kit, pa, { urgency: 'emergency', neededBy: '2026-11-25', status: 'held' });
  await county.request(kit, pa, { urgency: 'emergency', neededBy: '2026-11-18', status: 'placed' });
}

async function buildPam(): Promise<void> {
  const pa = h.users.pa.id;
  const pam = await county.person({
    first: 'Pam',
    last: 'Parent',
    dob: '2003-03-03',
    paUserId: pa,
    homeArea: 'Macclesfield',
    parent: true,
  });
  const stay = await county.stay(pam, { code: 'W', suitable: false, startedAt: '2026-09-30T10:00:00Z' });
  const parent = 'parent-bnb-six-weeks' as const;
  await county.step(stay, pam, {
    policy: parent,
    stepIndex: 0,
    role: 'team_manager',
    dueAt: '2026-09-30T10:00:00Z',
    status: 'open',
  });
  await county.step(stay, pam, {
    policy: parent,
    stepIndex: 1,
    role: 'head_of_service',
    dueAt: '2026-11-04T10:00:00Z',
    status: 'open',
  });
  ids['pam.director'] = await county.step(stay, pam, {
    policy: parent,
    stepIndex: 2,
    role: 'director',
    dueAt: '2026-11-11T10:00:00Z',
    status: 'open',
    acknowledgedByUserId: h.users.director.id,
    acknowledgedAt: '2026-11-11T12:00:00Z',
    actionPlan: 'Family room at the YMCA',
    reviewBy: '2026-11-17',
    acknowledgementLapsedAt: '2026-11-17T09:00:00Z',
  });
  const repeat = { policy: 'adult-emergency-accommodation' as const, stepIndex: 5, occurrence: 2 };
  await county.step(stay, pam, {
    ...repeat,
    role: 'head_of_service',
    dueAt: '2026-11-25T10:00:00Z',
    status: 'scheduled',
  });
}

async function buildAda(): Promise<void> {
  const ada = await county.person({
    first: 'Ada',
    last: 'Adult',
    dob: '2006-01-10',
    paUserId: h.users.pa.id,
    homeArea: 'Nantwich',
  });
  const stay = await county.stay(ada, { code: 'W', suitable: false, startedAt: '2026-11-13T10:00:00Z' });
  const adult = 'adult-emergency-accommodation' as const;
  const step = (stepIndex: number, role: string, dueAt: string, status: 'open' | 'scheduled') =>
    county.step(stay, ada, { policy: adult, stepIndex, role, dueAt, status });
  await step(0, 'team_manager', '2026-11-13T10:00:00Z', 'open');
  await step(1, 'pa', '2026-11-13T10:00:00Z', 'open');
  await county.step(stay, ada, {
    policy: adult,
    stepIndex: 2,
    role: 'service_manager',
    dueAt: '2026-11-16T10:00:00Z',
    status: 'acknowledged',
    acknowledgedByUserId: h.users.service_manager.id,
    acknowledgedAt: '2026-11-16T11:00:00Z',
    actionPlan: 'Supported lodgings from Friday',
    reviewBy: '2026-11-20',
  });
  ids['ada.head_of_service'] = await step(3, 'head_of_service', '2026-11-17T10:00:00Z', 'open');
  await step(4, 'director', '2026-11-20T10:00:00Z', 'scheduled');
  await step(5, 'head_of_service', '2026-11-27T10:00:00Z', 'scheduled');
}

async function buildOthers(): Promise<void> {
  const pa = h.users.pa.id;
  const ned = await county.person({
    first: 'Ned',
    last: 'Night',
    dob: '2007-06-01',
    paUserId: otherPa.id,
    homeArea: 'Crewe',
  });
  const shelter = await county.stay(ned, { code: 'V', suitable: false, startedAt: '2026-11-17T20:00:00Z' });
  const adult = 'adult-emergency-accommodation' as const;
  const at = '2026-11-17T20:00:00Z';
  ids['ned.team_manager'] = await county.step(shelter, ned, {
    policy: adult,
    stepIndex: 0,
    role: 'team_manager',
    dueAt: at,
    status: 'open',
    unrouted: true,
  });
  await county.step(shelter, ned, {
    policy: adult,
    stepIndex: 1,
    role: 'pa',
    dueAt: at,
    firedAt: '2026-11-17T20:00:30Z',
    status: 'open',
  });
  await county.step(shelter, ned, {
    policy: adult,
    stepIndex: 1,
    occurrence: 1,
    role: 'pa',
    dueAt: '2026-11-18T13:00:00Z',
    status: 'scheduled',
  });
  await county.step(shelter, ned, {
    policy: adult,
    stepIndex: 2,
    role: 'service_manager',
    dueAt: '2026-11-19T09:00:00Z',
    status: 'scheduled',
  });

  const zoe = await county.person({ first: 'Zoe', last: 'Zed', dob: '2004-02-02', paUserId: pa, homeArea: 'Sandbach' });
  await county.stay(zoe, {
    code: 'D',
    suitable: true,
    emergency: true,
    startedAt: '2026-11-18T09:00:00Z',
    clock: false,
  });
  const liz = await county.person({ first: 'Liz', last: 'Lodge', dob: '2005-05-05', paUserId: pa, homeArea: 'Crewe' });
  await county.stay(liz, { code: 'D', suitable: true, startedAt: '2026-10-01T10:00:00Z', clock: false });
  const max = await county.person({ first: 'Max', last: 'Moved', dob: '2005-06-06', paUserId: pa, homeArea: 'Crewe' });
  await county.stay(max, {
    code: 'W',
    suitable: false,
    startedAt: '2026-11-01T10:00:00Z',
    endedAt: '2026-11-02T10:00:00Z',
  });
}

beforeAll(async () => {
  h = await Harness.start({ env: { WORKERS_ENABLED: 'false' }, clock });
  county = new LiveListCounty(h);
  otherPa = await county.pa('Olive Other');
  await buildKit();
  await buildPam();
  await buildAda();
  await buildOthers();
});
afterAll(async () => {
  await h?.stop();
});

describe('GET /reports/unsuitable-accommodation', () => {
  it('lists under-18s first, then statutory breaches, then the longest first', async () => {
    expect(await refs(h.as('director'))).toEqual(['CL-KIT', 'CL-PAM', 'CL-ADA', 'CL-NED', 'CL-ZOE']);
    expect(await refs(h.as('housing_officer'))).toEqual(['CL-KIT', 'CL-PAM', 'CL-ADA', 'CL-NED', 'CL-ZOE']);
  });

  it('names the young person, their home area and PA, the breaches and the most urgent open request', async () => {
    expect(await item('CL-KIT')).toMatchObject({
      name: 'Kit Young',
      age: 17,
      homeArea: 'Crewe',
      paUserId: h.users.pa.id,
      paName: 'Test pa',
      breaches: ['under_18_unsuitable'],
      breachesStatutoryLimit: true,
      unrouted: false,
      nextStep: null,
      openPlacementRequest: { id: ids['kit.request'], status: 'held', neededBy: '2026-11-25', urgency: 'emergency' },
    });
    expect(await item('CL-PAM')).toMatchObject({
      breaches: ['adult_two_working_days', 'parent_six_weeks'],
      breachesStatutoryLimit: true,
      openPlacementRequest: null,
    });
    expect(await item('CL-ADA')).toMatchObject({ breaches: ['adult_two_working_days'], breachesStatutoryLimit: true });
    expect(await item('CL-NED')).toMatchObject({
      name: 'Ned Night',
      paUserId: otherPa.id,
      paName: 'Olive Other',
      breaches: [],
      breachesStatutoryLimit: false,
    });
    expect(await item('CL-ZOE')).toMatchObject({
      homeArea: 'Sandbach',
      breaches: [],
      currentStep: null,
      acknowledged: false,
      latestAcknowledgement: null,
      nextStep: null,
      nextStepDueAt: null,
      unrouted: false,
    });
  });

  it("takes the most senior step fired as the current one, never the PA's copy, and the next manager's step", async () => {
    expect(await item('CL-NED')).toMatchObject({
      currentStep: { escalationId: ids['ned.team_manager'], step: 1, role: 'team_manager', status: 'open' },
      acknowledged: false,
      unrouted: true,
      nextStep: { role: 'service_manager', dueAt: '2026-11-19T09:00:00.000Z' },
      nextStepDueAt: '2026-11-18T13:00:00.000Z',
    });
    expect(await item('CL-ADA')).toMatchObject({
      currentStep: { escalationId: ids['ada.head_of_service'], step: 4, role: 'head_of_service', status: 'open' },
      acknowledged: false,
      latestAcknowledgement: {
        byUserId: h.users.service_manager.id,
        byName: 'Test service_manager',
        at: '2026-11-16T11:00:00.000Z',
        actionPlan: 'Supported lodgings from Friday',
        reviewBy: '2026-11-20',
        lapsed: false,
      },
      nextStep: { role: 'director', dueAt: '2026-11-20T10:00:00.000Z' },
    });
  });

  it('says an acknowledgement lapsed and the step is not acknowledged once its review date passed', async () => {
    expect(await item('CL-PAM')).toMatchObject({
      currentStep: {
        escalationId: ids['pam.director'],
        role: 'director',
        status: 'open',
        policyName: expect.any(String),
      },
      acknowledged: false,
      latestAcknowledgement: {
        escalationId: ids['pam.director'],
        byUserId: h.users.director.id,
        byName: 'Test director',
        actionPlan: 'Family room at the YMCA',
        reviewBy: '2026-11-17',
        lapsed: true,
      },
      nextStep: { role: 'head_of_service', dueAt: '2026-11-25T10:00:00.000Z' },
    });
  });

  it("says a 17-year-old's clock is acknowledged once the director acknowledges the director's step, not before", async () => {
    expect(await item('CL-KIT')).toMatchObject({
      currentStep: { escalationId: ids['kit.director'], role: 'director', status: 'open' },
      acknowledged: false,
    });
    const ack = (role: 'head_of_service' | 'director', id: string) =>
      h
        .as(role)
        .post(`/escalations/${id}/acknowledge`)
        .send({ actionPlan: `${role} plan`, reviewBy: '2026-11-19' });
    expect((await ack('head_of_service', ids['kit.head_of_service'])).status).toBe(200);
    expect(await item('CL-KIT')).toMatchObject({ acknowledged: false, latestAcknowledgement: { lapsed: false } });
    clock.advance(60_000);
    expect((await ack('director', ids['kit.director'])).status).toBe(200);
    expect(await item('CL-KIT')).toMatchObject({
      currentStep: { escalationId: ids['kit.director'], role: 'director', status: 'acknowledged' },
      acknowledged: true,
      latestAcknowledgement: {
        escalationId: ids['kit.director'],
        byUserId: h.users.director.id,
        byName: 'Test director',
        at: '2026-11-18T12:01:00.000Z',
        actionPlan: 'director plan',
        reviewBy: '2026-11-19',
        lapsed: false,
      },
    });
  });

  it('filters by home area in any case, by breach and by acknowledgement (Kit acknowledged above)', async () => {
    const director = h.as('director');
    expect(await refs(director, '?area=%20crewe%20')).toEqual(['CL-KIT', 'CL-NED']);
    expect(await refs(director, '?area=Wilmslow')).toEqual([]);
    expect(await refs(director, '?breach=true')).toEqual(['CL-KIT', 'CL-PAM', 'CL-ADA']);
    expect(await refs(director, '?breach=false')).toEqual(['CL-NED', 'CL-ZOE']);
    expect(await refs(director, '?unacknowledged=true')).toEqual(['CL-PAM', 'CL-ADA', 'CL-NED', 'CL-ZOE']);
    expect(await refs(director, '?unacknowledged=false')).toEqual(['CL-KIT']);
    expect(await refs(director, '?area=MACCLESFIELD&breach=true&unacknowledged=true')).toEqual(['CL-PAM']);
    const res = await report(director, '?area=crewe');
    expect(res.body.items[0].homeArea).toBe('Crewe');
  });

  it('shows a PA their own caseload only, filters included', async () => {
    expect(await refs(h.as('pa'))).toEqual(['CL-KIT', 'CL-PAM', 'CL-ADA', 'CL-ZOE']);
    expect(await refs(h.as('pa'), '?area=Crewe')).toEqual(['CL-KIT']);
    expect(await refs(h.withToken(otherPa.token))).toEqual(['CL-NED']);
    expect(await refs(h.withToken(otherPa.token), '?breach=true')).toEqual([]);
  });

  it('refuses bad filters with 400 naming them, and writes nothing', async () => {
    const director = h.as('director');
    await h.expectNoWrites(['escalation', 'stay', 'young_person', 'area', 'notification'], async () => {
      expectProblem(await report(director, '?area=Atlantis'), 400, ['area']);
      expectProblem(await report(director, '?area='), 400, ['area']);
      expectProblem(await report(director, `?area=${'x'.repeat(101)}`), 400, ['area']);
      expectProblem(await report(director, '?area=Crewe&area=Nantwich'), 400, ['area']);
      expectProblem(await report(director, '?breach=yes'), 400, ['breach']);
      expectProblem(await report(director, '?unacknowledged=1'), 400, ['unacknowledged']);
      expectProblem(await report(director, '?status=open'), 400, ['status']);
      expectProblem(await report(h.as('pa'), '?area=Atlantis'), 400, ['area']);
    });
    const bad = await report(director, '?area=Atlantis');
    expect(bad.body.errors).toEqual([{ field: 'area', message: expect.stringContaining('not on the list of areas') }]);
  });

  it('documents the filters and the new fields in the OpenAPI document', async () => {
    const doc = (await h.as().get('/docs-json')).body;
    const op = doc.paths['/reports/unsuitable-accommodation'].get;
    expect(op.summary).toEqual(expect.any(String));
    expect((op.parameters as { name: string }[]).map((p) => p.name).sort()).toEqual([
      'area',
      'breach',
      'unacknowledged',
    ]);
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403']));
    const row = doc.components.schemas.UnsuitableRow.properties;
    for (const field of ['name', 'paName', 'homeArea', 'breaches', 'unrouted', 'nextStep', 'latestAcknowledgement'])
      expect(row[field]).toBeDefined();
    expect(row.openPlacementRequest).toBeDefined();
  });
});
