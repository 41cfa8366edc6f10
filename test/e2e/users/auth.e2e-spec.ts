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
    const users = await h.checksum('app_user');
    const wrong = await login({ email: h.users.pa.email, password: 'not-the-password' });
    const unknown = await login({ email: 'nobody@test.invalid', password: PASSWORD });
    expectProblem(wrong, 401);
    expectProblem(unknown, 401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
    expect(await h.checksum('app_user')).toBe(users);
    // Each failure is audited with the address and the account if known, never the password.
    const failed = await h.db.query(
      `select entity, entity_id, changes from audit_event where action = 'user.sign_in_failed' order by at desc, id desc limit 2`,
    );
    expect(failed.rows.map((r) => r.changes)).toEqual([
      { address: expect.any(String), accountId: null, reason: 'unknown_email' },
      { address: expect.any(String), accountId: h.users.pa.id, reason: 'wrong_password' },
    ]);
    expect(JSON.stringify(failed.rows)).not.toContain('not-the-password');
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

    const audit = (await h.as('admin').get(`/audit?entityId=${created.body.id}`)).body.items as { action: string }[];
    expect(audit.find((e) => e.action === 'user.deactivated')).toMatchObject({
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

describe('sign-in limits (per account and per address, in Redis)', () => {
  const newUser = async (email: string) => {
    const res = await h
      .as('admin')
      .post('/users')
      .send({ email, name: 'Office colleague', role: 'pa', password: 'a-long-password-1' });
    expect(res.status).toBe(201);
  };

  it('does not lock a shared office address out for one person’s typos, but stops the account being failed at', async () => {
    const clock = new ManualClock(new Date('2026-11-02T10:00:00Z'));
    const limited = await h.extraApp({
      env: {
        LOGIN_RATE_LIMIT: '3',
        LOGIN_RATE_WINDOW: 'PT15M',
        LOGIN_ACCOUNT_FREE_FAILURES: '5',
        QUEUE_PREFIX: `office${Date.now()}`,
      },
      clock,
    });
    try {
      await newUser('typo@test.invalid');
      const from = (ip: string, email: string, password: string) =>
        login({ email, password }, limited.app).set('X-Forwarded-For', ip);
      for (let i = 0; i < 3; i++) expectProblem(await from('203.0.113.7', 'typo@test.invalid', 'wrong-password'), 401);
      const users = await h.checksum('app_user');
      const fourth = await from('203.0.113.7', 'typo@test.invalid', 'a-long-password-1');
      expect(await h.checksum('app_user')).toBe(users); // refused before the password is looked at
      expectProblem(fourth, 429);
      expect(Number(fourth.headers['retry-after'])).toBeGreaterThan(0);
      expectProblem(await from('203.0.113.7', 'nobody@test.invalid', 'whatever-password'), 429);
      // A colleague at the same office signs in; so does the owner from elsewhere; other endpoints are not limited.
      expect((await from('203.0.113.7', h.users.pa.email, PASSWORD)).status).toBe(200);
      expect((await from('198.51.100.23', 'typo@test.invalid', 'a-long-password-1')).status).toBe(200);
      for (let i = 0; i < 5; i++) expect((await limited.as('pa').get('/vacancies')).status).toBe(200);
      const throttled = await h.count('audit_event', `action = 'user.sign_in_throttled'`);
      expect(throttled).toBeGreaterThanOrEqual(2);
    } finally {
      await limited.close();
    }
  });

  it('slows an account under attack from many addresses with doubling delays, and lets its owner in after them', async () => {
    const clock = new ManualClock(new Date('2026-11-02T10:00:00Z'));
    const limited = await h.extraApp({
      env: { LOGIN_RATE_LIMIT: '100', LOGIN_ACCOUNT_FREE_FAILURES: '5', QUEUE_PREFIX: `attack${Date.now()}` },
      clock,
    });
    try {
      await newUser('target@test.invalid');
      const attempt = (i: number, password: string) =>
        login({ email: 'target@test.invalid', password }, limited.app).set('X-Forwarded-For', `192.0.2.${i}`);
      for (let i = 0; i < 5; i++) expectProblem(await attempt(i, 'guess'), 401);
      const slowed = await attempt(10, 'guess');
      expectProblem(slowed, 429);
      expect(slowed.headers['retry-after']).toBe('1');
      clock.advance(1000);
      expectProblem(await attempt(11, 'guess'), 401);
      const slower = await attempt(12, 'guess');
      expectProblem(slower, 429);
      expect(slower.headers['retry-after']).toBe('2');
      clock.advance(2000);
      expect((await attempt(13, 'a-long-password-1')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('lets the address try that account again once the window has passed', async () => {
    const clock = new ManualClock(new Date('2026-11-02T10:00:00Z'));
    const limited = await h.extraApp({
      env: { LOGIN_RATE_LIMIT: '1', LOGIN_RATE_WINDOW: 'PT1M', QUEUE_PREFIX: `window${Date.now()}` },
      clock,
    });
    try {
      const attempt = (password: string) =>
        login({ email: h.users.pa.email, password }, limited.app).set('X-Forwarded-For', '192.0.2.1');
      expectProblem(await attempt('wrong-password'), 401);
      clock.advance(59_000);
      const refused = await attempt(PASSWORD);
      expectProblem(refused, 429);
      expect(refused.headers['retry-after']).toBe('1');
      clock.advance(1_001);
      expect((await attempt(PASSWORD)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('tokens that end when they should', () => {
  it('ends every token of a user who signs out', async () => {
    const token = await h.login(h.users.housing_officer.email);
    expect((await h.withToken(token).get('/auth/me')).status).toBe(200);
    expect((await h.withToken(token).post('/auth/logout')).status).toBe(204);
    expectProblem(await h.withToken(token).get('/auth/me'), 401);
    expectProblem(await h.withToken(h.users.housing_officer.token).get('/beds'), 401);
    h.users.housing_officer.token = await h.login(h.users.housing_officer.email);
    expect((await h.as('housing_officer').get('/beds')).status).toBe(200);
    expectProblem(await h.as().post('/auth/logout'), 401);
  });

  it('refuses a correctly signed token without an expiry, or without a token version', async () => {
    const jwt = new JwtService({ secret: 'test-secret-0123456789abcdef' });
    const noExpiry = await jwt.signAsync({ sub: h.users.admin.id, ver: 0 });
    expectProblem(await h.withToken(noExpiry).get('/auth/me'), 401);
    const noVersion = await jwt.signAsync({ sub: h.users.admin.id }, { expiresIn: 600 });
    expectProblem(await h.withToken(noVersion).get('/auth/me'), 401);
  });

  it('ends a user’s tokens when their password changes or they are deactivated, and reactivating does not revive them', async () => {
    const created = await h
      .as('admin')
      .post('/users')
      .send({ email: 'rotating@test.invalid', name: 'Rotating', role: 'pa', password: 'first-password-1' });
    const first = await h.login('rotating@test.invalid', 'first-password-1');
    await h.as('admin').patch(`/users/${created.body.id}`).send({ password: 'second-password-2' });
    expectProblem(await h.withToken(first).get('/auth/me'), 401);
    const second = await h.login('rotating@test.invalid', 'second-password-2');
    await h.as('admin').patch(`/users/${created.body.id}`).send({ active: false });
    await h.as('admin').patch(`/users/${created.body.id}`).send({ active: true });
    expectProblem(await h.withToken(second).get('/auth/me'), 401);
  });
});

describe('the last administrator', () => {
  it('cannot be deactivated or given another role, and nothing is written', async () => {
    await h.db.query(`update app_user set active = false where role = 'admin' and id <> $1`, [h.users.admin.id]);
    for (const change of [{ active: false }, { role: 'director' }]) {
      const res = await h.expectNoWrites(['app_user'], () =>
        h.as('admin').patch(`/users/${h.users.admin.id}`).send(change),
      );
      expectProblem(res, 409);
      expect(res.body.code).toBe('last_admin');
    }
    const second = await h
      .as('admin')
      .post('/users')
      .send({ email: 'second.admin@test.invalid', name: 'Second admin', role: 'admin', password: 'a-long-password-1' });
    expect(second.status).toBe(201);
    const demote = await h.as('admin').patch(`/users/${second.body.id}`).send({ role: 'director' });
    expect(demote.status).toBe(200);
  });
});
