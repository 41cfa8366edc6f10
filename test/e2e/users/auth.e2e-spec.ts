import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { expectProblem, Harness, PASSWORD } from '../../support/harness';
import { ManualClock } from '../../../src/platform/clock';

/** Signing in, tokens, deactivation and the sign-in rate limit. */

let h: Harness;
beforeAll(async () => {
  h = await Harness.start();
});
afterAll(async () => {
  await h?.stop();
});

const login = (body: object, app = h.app) => request(app.getHttpServer()).post('/auth/login').send(body);
const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('POST /auth/login', () => {
  it('answers an access token and the user, and audits the sign-in', async () => {
    const res = await login({ email: 'Housing.Officer@Test.Invalid ', password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      accessToken: expect.any(String),
      expiresIn: 8 * 3600,
      user: {
        id: h.users.housing_officer.id,
        email: 'housing.officer@test.invalid',
        name: 'Test housing_officer',
        role: 'housing_officer',
        area: null,
        managerId: null,
        active: true,
      },
    });
    const audit = await h.db.query(
      `select action, actor_user_id from audit_event where entity_id = $1 order by at desc, id desc limit 1`,
      [h.users.housing_officer.id],
    );
    expect(audit.rows[0]).toEqual({ action: 'user.signed_in', actor_user_id: h.users.housing_officer.id });
  });

  it('issues an HS256 JWT that expires after JWT_EXPIRES_IN (default 8 hours)', async () => {
    const { accessToken } = (await login({ email: h.users.pa.email, password: PASSWORD })).body;
    const [header, payload] = accessToken
      .split('.')
      .slice(0, 2)
      .map((p: string) => JSON.parse(Buffer.from(p, 'base64url').toString()));
    expect(header.alg).toBe('HS256');
    expect(payload).toMatchObject({ sub: h.users.pa.id, role: 'pa' });
    expect(payload.exp - payload.iat).toBe(8 * 3600);
  });

  it('refuses a wrong password and an unknown email alike with 401, writing nothing', async () => {
    const wrong = await h.expectNoWrites(['app_user'], () =>
      login({ email: h.users.pa.email, password: 'not-the-password' }),
    );
    const unknown = await h.expectNoWrites(['app_user'], () =>
      login({ email: 'nobody@test.invalid', password: PASSWORD }),
    );
    expectProblem(wrong, 401);
    expectProblem(unknown, 401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('refuses a missing email or password with 400 naming them', async () => {
    expectProblem(await login({}), 400, ['email', 'password']);
  });
});

describe('bearer tokens', () => {
  const jwt = new JwtService({ secret: 'test-secret-0123456789abcdef' });

  it('lets a valid token through and tells the caller who they are', async () => {
    const res = await h.as('team_manager').get('/auth/me');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: h.users.team_manager.id, role: 'team_manager', active: true });
  });

  it.each([
    ['no Authorization header', undefined],
    ['a Basic header', 'Basic YWRtaW46YWRtaW4='],
    ['Bearer without a token', 'Bearer '],
    ['a token that is not a JWT', 'Bearer not.a.jwt'],
  ])('answers 401 problem details for %s', async (_label, header) => {
    const req = request(h.app.getHttpServer()).get('/beds');
    const res = await (header ? req.set('Authorization', header) : req);
    expectProblem(res, 401);
  });

  it('answers 401 for a token whose signature was tampered with', async () => {
    const [head, , sig] = h.users.pa.token.split('.');
    const forged = `${head}.${b64url({ sub: h.users.admin.id, role: 'admin', exp: Math.floor(Date.now() / 1000) + 60 })}.${sig}`;
    expectProblem(await h.withToken(forged).get('/users'), 401);
  });

  it('answers 401 for a token signed with another secret', async () => {
    const other = new JwtService({ secret: 'some-other-secret-0123456789' });
    expectProblem(await h.withToken(await other.signAsync({ sub: h.users.admin.id })).get('/beds'), 401);
  });

  it('answers 401 for an unsigned ("alg": "none") token', async () => {
    const none = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ sub: h.users.admin.id, exp: Math.floor(Date.now() / 1000) + 60 })}.`;
    expectProblem(await h.withToken(none).get('/beds'), 401);
  });

  it('answers 401 for an expired token', async () => {
    const expired = await jwt.signAsync({
      sub: h.users.admin.id,
      role: 'admin',
      exp: Math.floor(Date.now() / 1000) - 10,
    });
    expectProblem(await h.withToken(expired).get('/beds'), 401);
  });

  it('answers 401 for a correctly signed token naming a user who does not exist, or with a malformed subject', async () => {
    expectProblem(await h.withToken(await jwt.signAsync({ sub: crypto.randomUUID() })).get('/beds'), 401);
    expectProblem(await h.withToken(await jwt.signAsync({ sub: 'not-a-uuid' })).get('/beds'), 401);
    expectProblem(await h.withToken(await jwt.signAsync({ role: 'admin' })).get('/beds'), 401);
  });
});

describe('deactivating a user', () => {
  it('stops their token working at once and refuses their sign-in; reactivating restores sign-in', async () => {
    const created = await h
      .as('admin')
      .post('/users')
      .send({ email: 'leaver@test.invalid', name: 'Leaving PA', role: 'pa', password: 'leaver-password-1' });
    expect(created.status).toBe(201);
    const token = (await login({ email: 'leaver@test.invalid', password: 'leaver-password-1' })).body.accessToken;
    expect((await h.withToken(token).get('/beds')).status).toBe(200);

    const off = await h.as('admin').patch(`/users/${created.body.id}`).send({ active: false });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);

    expectProblem(await h.withToken(token).get('/beds'), 401);
    expectProblem(await h.withToken(token).get('/auth/me'), 401);
    expectProblem(await login({ email: 'leaver@test.invalid', password: 'leaver-password-1' }), 401);

    const audit = (await h.as('admin').get(`/audit?entityId=${created.body.id}`)).body.items;
    expect(audit[0]).toMatchObject({
      action: 'user.deactivated',
      actorUserId: h.users.admin.id,
      changes: { active: { from: true, to: false } },
    });

    expect((await h.as('admin').patch(`/users/${created.body.id}`).send({ active: true })).status).toBe(200);
    const again = await login({ email: 'leaver@test.invalid', password: 'leaver-password-1' });
    expect(again.status).toBe(200);
    expect((await h.withToken(again.body.accessToken).get('/beds')).status).toBe(200);
  });

  it('applies a role change from the very next request of an existing token', async () => {
    const created = await h
      .as('admin')
      .post('/users')
      .send({ email: 'promoted@test.invalid', name: 'Promoted', role: 'team_manager', password: 'promoted-password' });
    const token = (await login({ email: 'promoted@test.invalid', password: 'promoted-password' })).body.accessToken;
    expectProblem(await h.withToken(token).get('/audit'), 403);
    await h.as('admin').patch(`/users/${created.body.id}`).send({ role: 'service_manager' });
    expect((await h.withToken(token).get('/audit')).status).toBe(200);
  });
});

describe('passwords', () => {
  it('are stored only as argon2id hashes', async () => {
    await h
      .as('admin')
      .post('/users')
      .send({ email: 'hashed@test.invalid', name: 'Hashed', role: 'pa', password: 'my-secret-password' });
    const row = (await h.db.query(`select password_hash from app_user where email = 'hashed@test.invalid'`)).rows[0];
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$/);
    expect(row.password_hash).not.toContain('my-secret-password');
    const audit = await h.db.query(`select changes::text as c from audit_event`);
    for (const { c } of audit.rows) expect(c).not.toMatch(/my-secret-password|\$argon2/);
  });

  it('can be changed by an admin: the old one stops working, the new one works, the audit says only "changed"', async () => {
    const u = await h
      .as('admin')
      .post('/users')
      .send({ email: 'rotate@test.invalid', name: 'Rotate', role: 'pa', password: 'first-password-1' });
    const res = await h.as('admin').patch(`/users/${u.body.id}`).send({ password: 'second-password-2' });
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty('password');
    expect(res.body).not.toHaveProperty('passwordHash');
    expectProblem(await login({ email: 'rotate@test.invalid', password: 'first-password-1' }), 401);
    expect((await login({ email: 'rotate@test.invalid', password: 'second-password-2' })).status).toBe(200);
    const audit = (await h.as('admin').get(`/audit?entityId=${u.body.id}&entity=User`)).body.items;
    expect(audit.find((e: { action: string }) => e.action === 'user.updated').changes).toEqual({ password: 'changed' });
  });
});

describe('sign-in rate limit (LOGIN_RATE_LIMIT per LOGIN_RATE_WINDOW, per client address)', () => {
  it('answers 429 problem details with Retry-After on the 4th attempt within the window when the limit is 3', async () => {
    const limited = await h.extraApp({ env: { LOGIN_RATE_LIMIT: '3', LOGIN_RATE_WINDOW: 'PT1M' } });
    try {
      const from = (ip: string, body: object) => login(body, limited.app).set('X-Forwarded-For', ip);
      expect((await from('203.0.113.7', { email: h.users.pa.email, password: PASSWORD })).status).toBe(200);
      expectProblem(await from('203.0.113.7', { email: h.users.pa.email, password: 'wrong-password' }), 401);
      expectProblem(await from('203.0.113.7', { email: 'nobody@test.invalid', password: 'whatever-password' }), 401);
      const fourth = await h.expectNoWrites(['app_user'], () =>
        from('203.0.113.7', { email: h.users.pa.email, password: PASSWORD }),
      );
      expectProblem(fourth, 429);
      expect(Number(fourth.headers['retry-after'])).toBeGreaterThan(0);

      // Another client address has its own allowance; other endpoints are not throttled.
      expect((await from('198.51.100.23', { email: h.users.pa.email, password: PASSWORD })).status).toBe(200);
      for (let i = 0; i < 5; i++) expect((await limited.as('pa').get('/vacancies')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('lets the client sign in again once the window has passed', async () => {
    const clock = new ManualClock(new Date('2026-11-02T10:00:00Z'));
    const limited = await h.extraApp({ env: { LOGIN_RATE_LIMIT: '1', LOGIN_RATE_WINDOW: 'PT1M' }, clock });
    try {
      const attempt = () =>
        login({ email: h.users.pa.email, password: PASSWORD }, limited.app).set('X-Forwarded-For', '192.0.2.1');
      expect((await attempt()).status).toBe(200);
      clock.advance(59_000);
      const refused = await attempt();
      expectProblem(refused, 429);
      expect(refused.headers['retry-after']).toBe('1');
      clock.advance(1_001);
      expect((await attempt()).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
