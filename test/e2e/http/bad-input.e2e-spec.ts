import {
  MALFORMED_IDS,
  UNKNOWN_ID,
  describeBadInput,
  describeListQueryStrings,
  type Endpoint,
} from '../../support/bad-input';
import { expectProblem, Harness, PASSWORD } from '../../support/harness';

/**
 * Bad input on every write endpoint: each case answers the right status with problem details and
 * writes nothing (the table's rows and the audit trail are unchanged, counted and fingerprinted).
 * The battery itself is in test/support/bad-input.ts.
 */

let h: Harness;
let providerId: string;
let serviceLevelId: string;
let bedId: string;
let userId: string;
let seq = 0;

const n = () => ++seq;

const ENDPOINTS: Endpoint[] = [
  {
    name: 'POST /auth/login',
    method: 'post',
    path: '/auth/login',
    table: 'app_user',
    valid: () => ({ email: 'pa@test.invalid', password: PASSWORD }),
    wrongTypes: [
      [{ email: 42 }, ['email']],
      [{ password: ['a'] }, ['password']],
      [{ email: { $ne: '' } }, ['email']],
      [{ password: true }, ['password']],
    ],
    outOfRange: [
      [{ email: '' }, ['email']],
      [{ email: `${'a'.repeat(250)}@x.io` }, ['email']],
      [{ password: 'p'.repeat(201) }, ['password']],
    ],
  },
  {
    name: 'POST /users',
    method: 'post',
    path: '/users',
    table: 'app_user',
    role: 'admin',
    valid: () => ({
      email: `new${n()}@test.invalid`,
      name: 'New Person',
      role: 'pa',
      password: 'long-enough-password',
    }),
    wrongTypes: [
      [{ email: 1 }, ['email']],
      [{ name: 12 }, ['name']],
      [{ role: 3 }, ['role']],
      [{ active: 'yes' }, ['active']],
      [{ area: 5 }, ['area']],
      [{ password: 123456789012345 }, ['password']],
    ],
    outOfRange: [
      [{ email: 'not-an-email' }, ['email']],
      [{ role: 'superuser' }, ['role']],
      [{ password: 'short' }, ['password']],
      [{ name: '' }, ['name']],
      [{ name: 'n'.repeat(201) }, ['name']],
      [{ area: 'a'.repeat(101) }, ['area']],
      [{ email: `${'a'.repeat(250)}@x.io` }, ['email']],
    ],
  },
  {
    name: 'PATCH /users/:id',
    method: 'patch',
    path: '/users/:id',
    table: 'app_user',
    role: 'admin',
    existingId: () => userId,
    valid: () => ({ name: `Renamed ${n()}` }),
    wrongTypes: [
      [{ active: 'false' }, ['active']],
      [{ role: ['admin'] }, ['role']],
      [{ email: null }, ['email']],
      [{ name: null }, ['name']],
      [{ role: null }, ['role']],
      [{ active: null }, ['active']],
      [{ password: null }, ['password']],
    ],
    outOfRange: [
      [{ role: 'root' }, ['role']],
      [{ password: 'too-short' }, ['password']],
      [{ email: 'nobody' }, ['email']],
    ],
  },
  {
    name: 'POST /service-levels',
    method: 'post',
    path: '/service-levels',
    table: 'service_level',
    role: 'housing_officer',
    valid: () => ({
      code: `BAD-${n()}`,
      name: 'Level',
      rank: 3,
      minAge: 16,
      maxAge: 21,
      supportHoursMin: 7,
      supportHoursMax: 12,
      emergency: false,
      accommodationCode: 'D',
      suitable: true,
    }),
    wrongTypes: [
      [{ rank: '3' }, ['rank']],
      [{ minAge: 16.5 }, ['minAge']],
      [{ emergency: 'no' }, ['emergency']],
      [{ suitable: 1 }, ['suitable']],
      [{ code: 7 }, ['code']],
      [{ accommodationCode: 4 }, ['accommodationCode']],
    ],
    outOfRange: [
      [{ rank: 0 }, ['rank']],
      [{ rank: 101 }, ['rank']],
      [{ minAge: 15 }, ['minAge']],
      [{ maxAge: 26 }, ['maxAge']],
      [{ supportHoursMax: 169 }, ['supportHoursMax']],
      [{ supportHoursMin: -1 }, ['supportHoursMin']],
      [{ accommodationCode: 'Q' }, ['accommodationCode']],
      [{ code: 'has spaces' }, ['code']],
      [{ code: 'c'.repeat(41) }, ['code']],
      [{ minAge: 21, maxAge: 16 }, ['maxAge']],
      [{ supportHoursMin: 20, supportHoursMax: 10 }, ['supportHoursMax']],
      // eslint-disable-next-line no-loss-of-precision -- JSON that overflows to Infinity is the bad input
      [{ rank: 1e400 }, ['rank']],
    ],
  },
  {
    name: 'PATCH /service-levels/:id',
    method: 'patch',
    path: '/service-levels/:id',
    table: 'service_level',
    role: 'housing_officer',
    existingId: () => serviceLevelId,
    valid: () => ({ name: `Level ${n()}` }),
    wrongTypes: [
      [{ rank: 'first' }, ['rank']],
      [{ version: '1' }, ['version']],
      [{ name: null }, ['name']],
      [{ rank: null }, ['rank']],
      [{ emergency: null }, ['emergency']],
      [{ accommodationCode: null }, ['accommodationCode']],
    ],
    outOfRange: [
      [{ maxAge: 30 }, ['maxAge']],
      [{ version: 0 }, ['version']],
      [{ minAge: 25 }, ['maxAge']],
      [{ supportHoursMin: 168 }, ['supportHoursMax']],
    ],
  },
  {
    name: 'POST /providers',
    method: 'post',
    path: '/providers',
    table: 'provider',
    role: 'housing_officer',
    valid: () => ({ name: `Provider ${n()}`, area: 'Crewe' }),
    wrongTypes: [
      [{ name: 1 }, ['name']],
      [{ area: ['Crewe'] }, ['area']],
      [{ ofstedUrn: 2712345, ofstedCategory: 'shared_housing' }, ['ofstedUrn']],
      [{ email: false }, ['email']],
    ],
    outOfRange: [
      [{ ofstedUrn: '27', ofstedCategory: 'shared_housing' }, ['ofstedUrn']],
      [{ ofstedUrn: '2712345', ofstedCategory: 'hotel' }, ['ofstedCategory']],
      [{ ofstedUrn: '2712345' }, ['ofstedCategory']],
      [{ ofstedCategory: 'shared_housing' }, ['ofstedUrn']],
      [{ email: 'nope' }, ['email']],
      [{ phone: 'call me' }, ['phone']],
      [{ name: '   ' }, ['name']],
      [{ area: 'a'.repeat(101) }, ['area']],
    ],
  },
  {
    name: 'PATCH /providers/:id',
    method: 'patch',
    path: '/providers/:id',
    table: 'provider',
    role: 'housing_officer',
    existingId: () => providerId,
    valid: () => ({ phone: `01270 ${String(100000 + n())}` }),
    wrongTypes: [
      [{ name: 5 }, ['name']],
      [{ name: null }, ['name']],
      [{ area: null }, ['area']],
      [{ version: 'one' }, ['version']],
    ],
    outOfRange: [
      [{ ofstedCategory: 'nightclub' }, ['ofstedCategory']],
      [{ ofstedUrn: null }, ['ofstedUrn']],
      [{ name: 'n'.repeat(201) }, ['name']],
    ],
  },
  {
    name: 'POST /beds',
    method: 'post',
    path: '/beds',
    table: 'bed',
    role: 'housing_officer',
    valid: () => ({ providerId, serviceLevelId, label: `Room ${n()}`, minAge: 16, maxAge: 21 }),
    wrongTypes: [
      [{ providerId: 12 }, ['providerId']],
      [{ minAge: '16' }, ['minAge']],
      [{ stepFree: 'true' }, ['stepFree']],
      [{ label: { text: 'x' } }, ['label']],
      [{ gender: 0 }, ['gender']],
      [{ availableFrom: 20261201 }, ['availableFrom']],
    ],
    outOfRange: [
      [{ minAge: 15 }, ['minAge']],
      [{ maxAge: 26 }, ['maxAge']],
      [{ minAge: 21, maxAge: 18 }, ['maxAge']],
      [{ gender: 'other' }, ['gender']],
      [{ status: 'held' }, ['status']],
      [{ status: 'occupied' }, ['status']],
      [{ status: 'out_of_service' }, ['outOfServiceReason']],
      [{ availableFrom: '2026-02-30' }, ['availableFrom']],
      [{ availableFrom: '0000-01-01' }, ['availableFrom']],
      [{ availableFrom: '01/12/2026' }, ['availableFrom']],
      [{ under18Only: true, over18Only: true }, ['over18Only']],
      [{ label: 'l'.repeat(201) }, ['label']],
      [{ providerId: 'not-a-uuid' }, ['providerId']],
      // Well-formed ids that point at nothing: named, never a database error.
      [{ providerId: UNKNOWN_ID }, ['providerId']],
      [{ serviceLevelId: UNKNOWN_ID }, ['serviceLevelId']],
    ],
  },
  {
    name: 'PATCH /beds/:id',
    method: 'patch',
    path: '/beds/:id',
    table: 'bed',
    role: 'housing_officer',
    existingId: () => bedId,
    valid: () => ({ label: `Room ${n()}` }),
    wrongTypes: [
      [{ label: null }, ['label']],
      [{ minAge: null }, ['minAge']],
      [{ stepFree: null }, ['stepFree']],
      [{ providerId: null }, ['providerId']],
      [{ gender: null }, ['gender']],
      [{ status: null }, ['status']],
      [{ version: 1.5 }, ['version']],
      [{ petsAllowed: 'no' }, ['petsAllowed']],
    ],
    outOfRange: [
      [{ status: 'held' }, ['status']],
      [{ status: 'out_of_service' }, ['outOfServiceReason']],
      [{ outOfServiceReason: 'Flood' }, ['outOfServiceReason']],
      [{ maxAge: 15 }, ['maxAge']],
      [{ providerId: UNKNOWN_ID }, ['providerId']],
      [{ serviceLevelId: UNKNOWN_ID }, ['serviceLevelId']],
      [{ availableFrom: '2026-13-01' }, ['availableFrom']],
    ],
  },
  {
    name: 'POST /providers/:id/vacancy-confirmations',
    method: 'post',
    path: '/providers/:id/vacancy-confirmations',
    table: 'provider',
    role: 'housing_officer',
    existingId: () => providerId,
    valid: () => ({ note: `Spoke to the manager (${n()})` }),
    wrongTypes: [
      [{ note: 5 }, ['note']],
      [{ note: ['a'] }, ['note']],
    ],
    outOfRange: [[{ note: 'x'.repeat(501) }, ['note']]],
  },
];

beforeAll(async () => {
  h = await Harness.start();
  const ho = h.as('housing_officer');
  const p = await ho
    .post('/providers')
    .send({ name: 'Fixture Provider', area: 'Crewe', ofstedUrn: '2712345', ofstedCategory: 'shared_housing' });
  const s = await ho.post('/service-levels').send({
    code: 'FIX',
    name: 'Fixture level',
    rank: 2,
    minAge: 16,
    maxAge: 21,
    supportHoursMin: 13,
    supportHoursMax: 18,
    emergency: false,
    accommodationCode: 'D',
    suitable: true,
  });
  providerId = p.body.id;
  serviceLevelId = s.body.id;
  const b = await ho.post('/beds').send({ providerId, serviceLevelId, label: 'Fixture bed', minAge: 16, maxAge: 21 });
  bedId = b.body.id;
  const u = await h
    .as('admin')
    .post('/users')
    .send({ email: 'fixture@test.invalid', name: 'Fixture', role: 'pa', password: 'long-enough-password' });
  userId = u.body.id;
  expect([p.status, s.status, b.status, u.status]).toEqual([201, 201, 201, 201]);
});

afterAll(async () => {
  await h?.stop();
});

describeBadInput(() => h, ENDPOINTS);

describe('query strings on list endpoints', () => {
  const LISTS = ['/users', '/service-levels', '/providers', '/beds', '/audit'];

  describeListQueryStrings(() => h, LISTS);

  it('refuses malformed filter values on /beds, naming each', async () => {
    expectProblem(await h.as('pa').get('/beds?status=broken'), 400, ['status']);
    expectProblem(await h.as('pa').get('/beds?providerId=abc'), 400, ['providerId']);
    expectProblem(await h.as('pa').get('/beds?serviceLevelId=abc'), 400, ['serviceLevelId']);
    expectProblem(await h.as('pa').get(`/beds?area=${'a'.repeat(101)}`), 400, ['area']);
    expectProblem(await h.as('pa').get('/beds?area[$ne]=x'), 400, ['area[$ne]']);
    expectProblem(await h.as('pa').get('/beds?area=%00'), 400, ['area']);
  });

  it('refuses malformed filter values on /audit, naming each', async () => {
    expectProblem(await h.as('director').get('/audit?entityId=nope'), 400, ['entityId']);
    expectProblem(await h.as('director').get('/audit?actorUserId=nope'), 400, ['actorUserId']);
    expectProblem(await h.as('director').get(`/audit?entity=${'e'.repeat(61)}`), 400, ['entity']);
  });

  it('refuses malformed filter values on /users and /providers', async () => {
    expectProblem(await h.as('admin').get('/users?role=king'), 400, ['role']);
    expectProblem(await h.as('pa').get('/providers?stale=maybe'), 400, ['stale']);
  });

  it('treats LIKE wildcards in an area filter literally', async () => {
    const res = await h.as('pa').get('/beds?area=%25');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(0);
  });
});

describe('malformed ids on read endpoints', () => {
  it.each(['/users/:id', '/service-levels/:id', '/providers/:id', '/beds/:id'])(
    'GET %s answers 400 naming id, or 404 when well-formed but unknown',
    async (path) => {
      for (const bad of MALFORMED_IDS) expectProblem(await h.as('admin').get(path.replace(':id', bad)), 400, ['id']);
      expectProblem(await h.as('admin').get(path.replace(':id', UNKNOWN_ID)), 404);
    },
  );
});

describe('requests the service has no route for', () => {
  it('answers 404 problem details for an unknown path and an unsupported method', async () => {
    expectProblem(await h.as('admin').get('/nowhere'), 404);
    expectProblem(await h.as('admin').delete(`/beds/${bedId}`), 404);
  });
});
