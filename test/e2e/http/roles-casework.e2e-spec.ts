import { NOTIFICATIONS_QUEUE } from '../../../src/features/notifications/notifications.service';
import { ROLES, type Role } from '../../../src/kernel/roles';
import {
  dayFromToday,
  londonToday,
  makeBed,
  makeHold,
  makeLevel,
  makePerson,
  makeProvider,
  makeRequest,
  makeStay,
  until,
} from '../../support/fixtures';
import { expectProblem, Harness, TEST_AREAS } from '../../support/harness';

/**
 * The role matrix for the casework, escalation, report and operations endpoints (docs/roles.md,
 * "Casework and escalation"), endpoint by endpoint and role by role: every allowed role gets its
 * success status, every other role 403 (problem details) with nothing written, anonymous callers 401.
 * Written out here rather than read from CAN, so a change to the code's matrix has to change this too.
 *
 * Where a PA is allowed, the young person concerned is on that PA's caseload (another PA's caseload
 * is test/young-people.e2e-spec.ts). Endpoints that change state get fresh state for every call.
 */

const ALL: Role[] = [...ROLES];
const ADMIN: Role[] = ['admin'];
const CASEWORKERS: Role[] = ['admin', 'housing_officer', 'pa', 'team_manager'];
const ALLOCATORS: Role[] = ['admin', 'housing_officer'];
const MANAGERS: Role[] = ['team_manager', 'service_manager', 'head_of_service', 'director'];
const POLICY_READERS: Role[] = ['admin', ...MANAGERS];
const ADMIN_AND_SENIOR: Role[] = ['admin', 'service_manager', 'head_of_service', 'director'];
const OCCUPANCY_READERS: Role[] = ['admin', 'housing_officer', ...MANAGERS];

let h: Harness;
let seq = 0;
let levelId: string;
let providerId: string;
let person: { id: string };
let requestId: string;
let holdId: string;
let stayId: string;
let escalationId: string;
let policyId: string;

const UNKNOWN_ID = '6f1c1b9e-3c1a-4d8e-9f3b-000000000000';
const freshClosureDate = () => new Date(Date.UTC(2032, 0, 1) + ++seq * 86400_000).toISOString().slice(0, 10);

const freshBed = async () => (await makeBed(h, providerId, levelId)).id;
async function freshHold(): Promise<string> {
  const id = await makeHold(h, await freshBed());
  await settle(); // its emergency request's e-mails to the housing officers
  return id;
}
async function freshStay(): Promise<string> {
  const id = await makeStay(h);
  await settle();
  return id;
}

/**
 * Waits until the service has done everything a new record set going: every step already due has
 * fired (in one transaction with its audit and notification rows) and its deliveries are done. Only then may a test's "nothing written"
 * window open (otherwise a step firing in the background writes inside it).
 */
async function settle(): Promise<void> {
  await until(
    'due steps to fire and deliveries to settle',
    async () =>
      (await h.count('escalation', `status = 'scheduled' and due_at <= now()`)) +
      (await h.count('notification', `status in ('pending', 'retrying')`)),
    (k) => k === 0,
  );
  await h.queueIdle(NOTIFICATIONS_QUEUE);
}
type StepRole = 'team_manager' | 'service_manager' | 'head_of_service' | 'director' | 'pa';

/** A 20-year-old (on the fixture PA's caseload) in a hotel: a step for every rung and the PA fires at once. */
async function freshOpenStep(role: StepRole): Promise<string> {
  const p = await makePerson(h, { age: 20 });
  const stay = await h
    .as('pa')
    .post('/stays')
    .send({ youngPersonId: p.id, accommodationCode: 'W', description: 'Travelodge' });
  if (stay.status !== 201) throw new Error(`hotel stay: ${stay.status} ${JSON.stringify(stay.body)}`);
  const rows = await until(
    `the ${role} step to fire`,
    async () =>
      (await h.as('admin').get(`/escalations?stayId=${stay.body.id}`)).body.items as {
        id: string;
        role: string;
        status: string;
      }[],
    (rs) => rs.some((r) => r.role === role && r.status === 'open'),
  );
  await settle();
  return rows.find((r) => r.role === role && r.status === 'open')!.id;
}

type Ctx = Record<string, string>;

interface Row {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  allowed: Role[];
  /** Tables a refused call must leave alone (audit_event always included). */
  tables?: string[];
  /** Fresh state for one call, made before the tables are fingerprinted. */
  prepare?: () => Promise<Ctx>;
  url: (ctx: Ctx) => string;
  body?: (role: Role, ctx: Ctx) => object;
  ok: number;
}

const ack = (stepRole: StepRole, allowed: Role[]): Row => ({
  method: 'post',
  path: `/escalations/:id/acknowledge (a ${stepRole} step)`,
  allowed,
  tables: ['escalation', 'notification'],
  prepare: async () => ({ id: await freshOpenStep(stepRole) }),
  url: (c) => `/escalations/${c.id}/acknowledge`,
  ok: 200,
  body: (role) => ({ actionPlan: `Plan by ${role}`, reviewBy: dayFromToday(2) }),
});

const MATRIX: Row[] = [
  // ---------- young people ----------
  { method: 'get', path: '/young-people', allowed: ALL, url: () => '/young-people', ok: 200 },
  {
    method: 'post',
    path: '/young-people',
    allowed: CASEWORKERS,
    tables: ['young_person'],
    url: () => '/young-people',
    ok: 201,
    body: (role) => ({
      firstName: 'Matrix',
      lastName: role,
      dateOfBirth: `${Number(londonToday().slice(0, 4)) - 20}-01-15`,
      gender: 'female',
      legalStatus: 'former_relevant',
      ...(role === 'pa' ? {} : { paUserId: h.users.pa.id }),
    }),
  },
  { method: 'get', path: '/young-people/:id', allowed: ALL, url: () => `/young-people/${person.id}`, ok: 200 },
  {
    method: 'patch',
    path: '/young-people/:id',
    allowed: CASEWORKERS,
    tables: ['young_person'],
    url: () => `/young-people/${person.id}`,
    ok: 200,
    // A different area from the managed list each time, so every allowed PATCH writes.
    body: () => ({ homeArea: TEST_AREAS[++seq % TEST_AREAS.length] }),
  },
  {
    method: 'get',
    path: '/young-people/:id/timeline',
    allowed: ALL,
    url: () => `/young-people/${person.id}/timeline`,
    ok: 200,
  },
  {
    method: 'get',
    path: '/young-people/:id/contacts',
    allowed: ALL,
    url: () => `/young-people/${person.id}/contacts`,
    ok: 200,
  },
  {
    method: 'post',
    path: '/young-people/:id/contacts',
    allowed: CASEWORKERS,
    tables: ['keeping_in_touch_contact'],
    url: () => `/young-people/${person.id}/contacts`,
    ok: 201,
    body: () => ({
      contactedAt: new Date(Date.now() - 3600_000).toISOString(),
      method: 'phone',
      inTouch: 'YES',
      activity: 'F5',
    }),
  },
  // ---------- placement requests and holds ----------
  { method: 'get', path: '/placement-requests', allowed: ALL, url: () => '/placement-requests', ok: 200 },
  {
    method: 'post',
    path: '/placement-requests',
    allowed: CASEWORKERS,
    tables: ['placement_request'],
    url: () => '/placement-requests',
    ok: 201,
    body: () => ({ youngPersonId: person.id, urgency: 'planned', neededBy: dayFromToday(14) }),
  },
  {
    method: 'get',
    path: '/placement-requests/:id',
    allowed: ALL,
    url: () => `/placement-requests/${requestId}`,
    ok: 200,
  },
  {
    method: 'post',
    path: '/placement-requests/:id/withdraw',
    allowed: CASEWORKERS,
    tables: ['placement_request', 'hold', 'bed'],
    // An emergency request tells the housing officers at once: its e-mails settle before the window opens.
    prepare: async () => {
      const id = (await makeRequest(h, person.id)).id;
      await settle();
      return { id };
    },
    url: (c) => `/placement-requests/${c.id}/withdraw`,
    body: () => ({ reason: 'No longer needed' }),
    ok: 200,
  },
  {
    method: 'get',
    path: '/placement-requests/queue',
    allowed: ['admin', 'housing_officer', 'service_manager', 'head_of_service', 'director'],
    url: () => '/placement-requests/queue',
    ok: 200,
  },
  {
    method: 'get',
    path: '/placement-requests/:id/matches',
    allowed: [...ALLOCATORS, 'pa'],
    url: () => `/placement-requests/${requestId}/matches`,
    ok: 200,
  },
  {
    method: 'get',
    path: '/placement-requests/:id/holds',
    allowed: ALL,
    url: () => `/placement-requests/${requestId}/holds`,
    ok: 200,
  },
  {
    method: 'post',
    path: '/placement-requests/:id/holds',
    allowed: ALLOCATORS,
    tables: ['hold', 'bed', 'placement_request'],
    prepare: async () => {
      const id = (await makeRequest(h, (await makePerson(h)).id)).id;
      const bedId = await freshBed();
      await settle(); // the emergency request's e-mails to the housing officers
      return { id, bedId };
    },
    url: (c) => `/placement-requests/${c.id}/holds`,
    body: (_, c) => ({ bedId: c.bedId }),
    ok: 201,
  },
  { method: 'get', path: '/holds/:id', allowed: ALL, url: () => `/holds/${holdId}`, ok: 200 },
  {
    method: 'post',
    path: '/holds/:id/confirm',
    allowed: ALLOCATORS,
    tables: ['hold', 'bed', 'placement_request', 'stay', 'escalation'],
    prepare: async () => ({ id: await freshHold() }),
    url: (c) => `/holds/${c.id}/confirm`,
    body: () => ({}),
    ok: 201,
  },
  {
    method: 'post',
    path: '/holds/:id/release',
    allowed: ALLOCATORS,
    tables: ['hold', 'bed', 'placement_request'],
    prepare: async () => ({ id: await freshHold() }),
    url: (c) => `/holds/${c.id}/release`,
    body: () => ({ reason: 'Room needed elsewhere' }), // a colleague's hold needs one; your own takes one
    ok: 200,
  },
  {
    method: 'post',
    path: '/holds/:id/extend',
    allowed: ALLOCATORS,
    tables: ['hold'],
    prepare: async () => ({ id: await freshHold() }),
    url: (c) => `/holds/${c.id}/extend`,
    body: () => ({ until: new Date(Date.now() + 2 * 86400_000).toISOString(), reason: 'Provider confirming Monday' }),
    ok: 200,
  },
  // ---------- stays ----------
  { method: 'get', path: '/stays', allowed: ALL, url: () => '/stays', ok: 200 },
  {
    method: 'post',
    path: '/stays',
    allowed: ALL,
    tables: ['stay', 'bed', 'escalation'],
    prepare: async () => ({ personId: (await makePerson(h)).id }),
    url: () => '/stays',
    body: (_, c) => ({ youngPersonId: c.personId, accommodationCode: 'D' }),
    ok: 201,
  },
  { method: 'get', path: '/stays/:id', allowed: ALL, url: () => `/stays/${stayId}`, ok: 200 },
  {
    method: 'post',
    path: '/stays/:id/end',
    allowed: ALL,
    tables: ['stay', 'bed', 'escalation'],
    prepare: async () => ({ id: await freshStay() }),
    url: (c) => `/stays/${c.id}/end`,
    body: () => ({ reason: 'Moved on' }),
    ok: 200,
  },
  // ---------- escalation policies, steps, closure days ----------
  { method: 'get', path: '/escalation-policies', allowed: POLICY_READERS, url: () => '/escalation-policies', ok: 200 },
  {
    method: 'post',
    path: '/escalation-policies',
    allowed: ADMIN,
    tables: ['escalation_policy', 'escalation_policy_version'],
    url: () => '/escalation-policies',
    ok: 201,
    body: (role) => ({
      name: `Matrix policy ${role}`,
      active: false,
      appliesTo: { accommodationCodes: ['K'] },
      steps: [{ after: 'PT0S', role: 'team_manager' }],
    }),
  },
  {
    method: 'get',
    path: '/escalation-policies/:id',
    allowed: POLICY_READERS,
    url: () => `/escalation-policies/${policyId}`,
    ok: 200,
  },
  {
    method: 'get',
    path: '/escalation-policies/:id/versions',
    allowed: POLICY_READERS,
    url: () => `/escalation-policies/${policyId}/versions`,
    ok: 200,
  },
  {
    method: 'patch',
    path: '/escalation-policies/:id',
    allowed: ADMIN,
    tables: ['escalation_policy', 'escalation_policy_version'],
    url: () => `/escalation-policies/${policyId}`,
    body: (role) => ({ name: `Matrix policy renamed by ${role} ${++seq}` }),
    ok: 200,
  },
  { method: 'get', path: '/escalations', allowed: ALL, url: () => '/escalations', ok: 200 },
  { method: 'get', path: '/escalations/:id', allowed: ALL, url: () => `/escalations/${escalationId}`, ok: 200 },
  // Acknowledging is checked per step: the step's role or a more senior rung; a PA step, its PA or any manager.
  ack('team_manager', MANAGERS),
  ack('service_manager', ['service_manager', 'head_of_service', 'director']),
  ack('head_of_service', ['head_of_service', 'director']),
  ack('director', ['director']),
  ack('pa', ['pa', ...MANAGERS]),
  { method: 'get', path: '/closure-days', allowed: POLICY_READERS, url: () => '/closure-days', ok: 200 },
  {
    method: 'post',
    path: '/closure-days',
    allowed: ADMIN,
    tables: ['closure_day'],
    url: () => '/closure-days',
    ok: 201,
    body: () => ({ date: freshClosureDate(), reason: 'Council closure' }),
  },
  {
    method: 'delete',
    path: '/closure-days/:date',
    allowed: ADMIN,
    tables: ['closure_day'],
    prepare: async () => {
      const date = freshClosureDate();
      expect((await h.as('admin').post('/closure-days').send({ date, reason: 'To be removed' })).status).toBe(201);
      return { date };
    },
    url: (c) => `/closure-days/${c.date}`,
    ok: 204,
  },
  // ---------- notifications ----------
  { method: 'get', path: '/me/notifications', allowed: ALL, url: () => '/me/notifications', ok: 200 },
  // Anyone signed in may mark entries read, but only their own: an id that is not in the caller's inbox is 404.
  {
    method: 'post',
    path: '/me/notifications/:id/read',
    allowed: ALL,
    tables: ['notification'],
    url: () => `/me/notifications/${UNKNOWN_ID}/read`,
    ok: 404,
  },
  {
    method: 'get',
    path: '/notification-deliveries',
    allowed: ADMIN_AND_SENIOR,
    url: () => '/notification-deliveries',
    ok: 200,
  },
  { method: 'get', path: '/notification-webhooks', allowed: ADMIN, url: () => '/notification-webhooks', ok: 200 },
  {
    method: 'put',
    path: '/notification-webhooks/:role',
    allowed: ADMIN,
    tables: ['role_webhook'],
    url: () => '/notification-webhooks/director',
    ok: 200,
    body: () => ({ url: `https://hooks.example.com/matrix/${++seq}`, active: false }),
  },
  {
    method: 'delete',
    path: '/notification-webhooks/:role',
    allowed: ADMIN,
    tables: ['role_webhook'],
    prepare: async () => {
      expect(
        (
          await h
            .as('admin')
            .put('/notification-webhooks/service_manager')
            .send({ url: 'https://hooks.example.com/matrix/sm', active: false })
        ).status,
      ).toBe(200);
      return {};
    },
    url: () => '/notification-webhooks/service_manager',
    ok: 204,
  },
  // ---------- reports ----------
  {
    method: 'get',
    path: '/reports/unsuitable-accommodation',
    allowed: ALL,
    url: () => '/reports/unsuitable-accommodation',
    ok: 200,
  },
  {
    method: 'get',
    path: '/reports/occupancy',
    allowed: OCCUPANCY_READERS,
    url: () => `/reports/occupancy?from=${dayFromToday(-7)}&to=${dayFromToday(0)}`,
    ok: 200,
  },
  {
    method: 'get',
    path: '/reports/ssda903/care-leavers.csv',
    allowed: ADMIN_AND_SENIOR,
    url: () => '/reports/ssda903/care-leavers.csv?year=2025',
    ok: 200,
  },
  {
    method: 'get',
    path: '/reports/ssda903/care-leavers-working.csv',
    allowed: ADMIN_AND_SENIOR,
    url: () => '/reports/ssda903/care-leavers-working.csv?year=2025',
    ok: 200,
  },
  {
    method: 'get',
    path: '/reports/ssda903/care-leavers-exceptions',
    allowed: ADMIN_AND_SENIOR,
    url: () => '/reports/ssda903/care-leavers-exceptions?year=2025',
    ok: 200,
  },
  // ---------- operations ----------
  { method: 'get', path: '/metrics', allowed: ADMIN, url: () => '/metrics', ok: 200 },
  { method: 'get', path: '/admin/queues', allowed: ADMIN, url: () => '/admin/queues', ok: 200 },
];

beforeAll(async () => {
  h = await Harness.start({ env: { RECONCILE_EVERY: 'PT1S', NOTIFY_ATTEMPTS: '1' } });
  levelId = (await makeLevel(h)).id;
  providerId = (await makeProvider(h)).id;
  // Every senior rung on entry, beside the shipped 18+ ladder (team manager and PA on entry).
  const director = await h
    .as('admin')
    .post('/escalation-policies')
    .send({
      name: 'Matrix: everyone on entry',
      appliesTo: { minAge: 18, accommodationCodes: ['W'], unsuitableOnly: true },
      steps: [
        { after: 'PT0S', role: 'service_manager' },
        { after: 'PT0S', role: 'head_of_service' },
        { after: 'PT0S', role: 'director' },
      ],
    });
  expect(director.status).toBe(201);
  person = await makePerson(h);
  requestId = (await makeRequest(h, person.id)).id;
  holdId = await freshHold();
  stayId = await freshStay();
  escalationId = await freshOpenStep('team_manager');
  const policy = await h
    .as('admin')
    .post('/escalation-policies')
    .send({
      name: 'Matrix fixture',
      active: false,
      appliesTo: { accommodationCodes: ['K'] },
      steps: [{ after: 'PT0S', role: 'team_manager' }],
    });
  expect(policy.status).toBe(201);
  policyId = policy.body.id;
});
afterAll(async () => {
  await h?.stop();
});

async function call(row: Row, role: Role | undefined, ctx: Ctx) {
  const req = h.as(role)[row.method](row.url(ctx));
  return row.body ? req.send(row.body(role ?? 'admin', ctx)) : req;
}

describe.each(MATRIX)('$method $path', (row) => {
  it.each(ALL)(`as %s: ${row.ok} when the matrix allows, else 403 and nothing written`, async (role) => {
    const ctx = row.prepare ? await row.prepare() : {};
    if (row.allowed.includes(role)) {
      const res = await call(row, role, ctx);
      expect({ role, status: res.status, body: res.status === row.ok ? undefined : res.body }).toEqual({
        role,
        status: row.ok,
        body: undefined,
      });
    } else {
      const res = await h.expectNoWrites(row.tables ?? [], () => call(row, role, ctx));
      expectProblem(res, 403);
    }
  });

  it('anonymous: 401 and nothing written', async () => {
    const ctx = row.prepare ? await row.prepare() : {};
    const res = await h.expectNoWrites(row.tables ?? [], () => call(row, undefined, ctx));
    expectProblem(res, 401);
  });
});

describe('a role that may not write is refused before its body is looked at', () => {
  it.each([
    ['pa', 'post', '/placement-requests/:id/holds', () => `/placement-requests/${requestId}/holds`],
    ['director', 'post', '/holds/:id/confirm', () => `/holds/${holdId}/confirm`],
    ['team_manager', 'post', '/escalation-policies', () => '/escalation-policies'],
    ['service_manager', 'post', '/young-people', () => '/young-people'],
    ['head_of_service', 'patch', '/young-people/:id', () => `/young-people/${person.id}`],
    ['housing_officer', 'post', '/closure-days', () => '/closure-days'],
  ] as [Role, 'post' | 'patch', string, () => string][])(
    '%s sending garbage to %s %s gets 403, not 400',
    async (role, method, _path, url) => {
      const res = await h.expectNoWrites(['young_person', 'hold', 'stay', 'escalation_policy', 'closure_day'], () =>
        h.as(role)[method](url()).send({ nonsense: true }),
      );
      expectProblem(res, 403);
    },
  );
});
