import { ROLES, type Role } from '../../../src/kernel/roles';
import { expectProblem, Harness, PASSWORD } from '../../support/harness';

/**
 * The role matrix (docs/roles.md), endpoint by endpoint and role by role: every allowed role gets
 * its 2xx, every other role 403 with nothing written, anonymous callers 401.
 * Written out here rather than read from CAN, so a change to the code's matrix has to change this too.
 */

const ALL: Role[] = [...ROLES];
const ADMIN: Role[] = ['admin'];
const INVENTORY_WRITERS: Role[] = ['admin', 'housing_officer'];
const AUDIT_READERS: Role[] = ['admin', 'service_manager', 'head_of_service', 'director'];

let h: Harness;
let providerId: string;
let serviceLevelId: string;
let bedId: string;
let userId: string;
let seq = 0;

interface Row {
  method: 'get' | 'post' | 'patch';
  path: string;
  allowed: Role[];
  /** Table a refused write must leave alone. */
  table?: string;
  url: () => string;
  body?: (role: Role) => object;
  ok: number;
}

const MATRIX: Row[] = [
  { method: 'get', path: '/auth/me', allowed: ALL, url: () => '/auth/me', ok: 200 },
  { method: 'get', path: '/users', allowed: ADMIN, url: () => '/users', ok: 200 },
  {
    method: 'post',
    path: '/users',
    allowed: ADMIN,
    table: 'app_user',
    url: () => '/users',
    ok: 201,
    body: (role) => ({
      email: `matrix-${role}-${++seq}@test.invalid`,
      name: 'Matrix',
      role: 'pa',
      password: 'matrix-password-1',
    }),
  },
  { method: 'get', path: '/users/:id', allowed: ADMIN, url: () => `/users/${userId}`, ok: 200 },
  {
    method: 'patch',
    path: '/users/:id',
    allowed: ADMIN,
    table: 'app_user',
    url: () => `/users/${userId}`,
    ok: 200,
    body: (role) => ({ name: `Renamed by ${role} ${++seq}` }),
  },
  { method: 'get', path: '/service-levels', allowed: ALL, url: () => '/service-levels', ok: 200 },
  {
    method: 'post',
    path: '/service-levels',
    allowed: INVENTORY_WRITERS,
    table: 'service_level',
    url: () => '/service-levels',
    ok: 201,
    body: () => ({
      code: `M${++seq}`,
      name: 'Matrix level',
      rank: 5,
      minAge: 16,
      maxAge: 21,
      supportHoursMin: 1,
      supportHoursMax: 6,
      emergency: false,
      accommodationCode: 'D',
      suitable: true,
    }),
  },
  { method: 'get', path: '/service-levels/:id', allowed: ALL, url: () => `/service-levels/${serviceLevelId}`, ok: 200 },
  {
    method: 'patch',
    path: '/service-levels/:id',
    allowed: INVENTORY_WRITERS,
    table: 'service_level',
    url: () => `/service-levels/${serviceLevelId}`,
    ok: 200,
    body: () => ({ name: `Level ${++seq}` }),
  },
  { method: 'get', path: '/providers', allowed: ALL, url: () => '/providers', ok: 200 },
  {
    method: 'post',
    path: '/providers',
    allowed: INVENTORY_WRITERS,
    table: 'provider',
    url: () => '/providers',
    ok: 201,
    body: () => ({ name: `Matrix provider ${++seq}`, area: 'Crewe' }),
  },
  { method: 'get', path: '/providers/:id', allowed: ALL, url: () => `/providers/${providerId}`, ok: 200 },
  {
    method: 'patch',
    path: '/providers/:id',
    allowed: INVENTORY_WRITERS,
    table: 'provider',
    url: () => `/providers/${providerId}`,
    ok: 200,
    body: () => ({ phone: `01270 ${100000 + ++seq}` }),
  },
  {
    method: 'post',
    path: '/providers/:id/vacancy-confirmations',
    allowed: INVENTORY_WRITERS,
    table: 'provider',
    url: () => `/providers/${providerId}/vacancy-confirmations`,
    ok: 201,
    body: () => ({}),
  },
  { method: 'get', path: '/beds', allowed: ALL, url: () => '/beds', ok: 200 },
  {
    method: 'post',
    path: '/beds',
    allowed: INVENTORY_WRITERS,
    table: 'bed',
    url: () => '/beds',
    ok: 201,
    body: () => ({ providerId, serviceLevelId, label: `Matrix bed ${++seq}`, minAge: 16, maxAge: 21 }),
  },
  { method: 'get', path: '/beds/:id', allowed: ALL, url: () => `/beds/${bedId}`, ok: 200 },
  {
    method: 'patch',
    path: '/beds/:id',
    allowed: INVENTORY_WRITERS,
    table: 'bed',
    url: () => `/beds/${bedId}`,
    ok: 200,
    body: () => ({ label: `Matrix bed ${++seq}` }),
  },
  { method: 'get', path: '/vacancies', allowed: ALL, url: () => '/vacancies', ok: 200 },
  {
    method: 'get',
    path: '/providers/:id/vacancy-confirmations',
    allowed: ALL,
    url: () => `/providers/${providerId}/vacancy-confirmations`,
    ok: 200,
  },
  { method: 'get', path: '/audit', allowed: AUDIT_READERS, url: () => '/audit', ok: 200 },
];

beforeAll(async () => {
  h = await Harness.start();
  const ho = h.as('housing_officer');
  providerId = (await ho.post('/providers').send({ name: 'Matrix Home', area: 'Crewe' })).body.id;
  serviceLevelId = (
    await ho.post('/service-levels').send({
      code: 'MATRIX',
      name: 'Matrix',
      rank: 1,
      minAge: 16,
      maxAge: 21,
      supportHoursMin: 1,
      supportHoursMax: 6,
      emergency: false,
      accommodationCode: 'D',
      suitable: true,
    })
  ).body.id;
  bedId = (await ho.post('/beds').send({ providerId, serviceLevelId, label: 'Matrix bed', minAge: 16, maxAge: 21 }))
    .body.id;
  userId = (
    await h
      .as('admin')
      .post('/users')
      .send({ email: 'matrix-target@test.invalid', name: 'Target', role: 'pa', password: 'matrix-password-1' })
  ).body.id;
});
afterAll(async () => {
  await h?.stop();
});

const call = (row: Row, role?: Role) => {
  const req = h.as(role)[row.method](row.url());
  return row.body ? req.send(row.body(role ?? 'admin')) : req;
};

describe.each(MATRIX)('$method $path', (row) => {
  it.each(ALL)(`as %s: ${row.ok} when the matrix allows, else 403 and nothing written`, async (role) => {
    if (row.allowed.includes(role)) {
      const res = await call(row, role);
      expect({ role, status: res.status }).toEqual({ role, status: row.ok });
    } else {
      const res = await h.expectNoWrites(row.table ? [row.table] : [], () => call(row, role));
      expectProblem(res, 403);
    }
  });

  it('anonymous: 401 and nothing written', async () => {
    const res = await h.expectNoWrites(row.table ? [row.table] : [], () => call(row));
    expectProblem(res, 401);
  });
});

describe('open endpoints', () => {
  it.each([
    ['/health', 200],
    ['/docs-json', 200],
    ['/docs', 200],
  ])('GET %s needs no token', async (path, status) => {
    expect((await h.as().get(path)).status).toBe(status);
  });

  it('POST /auth/login needs no token', async () => {
    expect((await h.as().post('/auth/login').send({ email: h.users.pa.email, password: PASSWORD })).status).toBe(200);
  });
});

describe('a role that may not write is refused before its body is looked at', () => {
  it.each(['pa', 'team_manager', 'director'] as Role[])(
    '%s posting garbage to /beds gets 403, not 400',
    async (role) => {
      expectProblem(await h.as(role).post('/beds').send({ nonsense: true }), 403);
    },
  );
});
