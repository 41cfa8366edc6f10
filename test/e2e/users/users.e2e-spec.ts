import request from 'supertest';
import { ROLES } from '../../../src/kernel/roles';
import { expectProblem, Harness } from '../../support/harness';

/** An admin manages the people who use the service. */

let h: Harness;
beforeAll(async () => {
  h = await Harness.start();
});
afterAll(async () => {
  await h?.stop();
});

const admin = () => h.as('admin');

describe('creating users', () => {
  const created: Record<string, { id: string; email: string }> = {};

  it('creates a user for every role; each can sign in with that role, and no password or hash is ever returned', async () => {
    await Promise.all(
      ROLES.map(async (role) => {
        const res = await admin()
          .post('/users')
          .send({
            email: `New.${role}@Council.Example`,
            name: `New ${role}`,
            role,
            area: 'Crewe',
            password: `password-for-${role}`,
          });
        expect(res.status).toBe(201);
        expect(res.body).toEqual({
          id: expect.any(String),
          email: `new.${role}@council.example`,
          name: `New ${role}`,
          role,
          area: 'Crewe',
          managerId: null,
          active: true,
        });
        created[role] = res.body;
      }),
    );
    await Promise.all(
      ROLES.map(async (role) => {
        const signIn = await request(h.app.getHttpServer())
          .post('/auth/login')
          .send({ email: created[role].email, password: `password-for-${role}` });
        expect(signIn.status).toBe(200);
        expect(signIn.body.user).toMatchObject({ id: created[role].id, role });
        expect(JSON.stringify(signIn.body)).not.toMatch(/password/i);
      }),
    );
  });

  it('audits each creation with the admin as actor and the new record, without the password', async () => {
    const res = await admin().get(`/audit?entity=User&entityId=${created.director.id}`);
    const event = res.body.items.find((e: { action: string }) => e.action === 'user.created');
    expect(event).toMatchObject({
      actorUserId: h.users.admin.id,
      entity: 'User',
      entityId: created.director.id,
      changes: {
        email: 'new.director@council.example',
        name: 'New director',
        role: 'director',
        area: 'Crewe',
        managerId: null,
        active: true,
      },
    });
    expect(Object.keys(event.changes)).not.toContain('password');
    expect(new Date(event.at).toISOString()).toBe(event.at);
  });

  it('refuses an email that is already taken (in any letter case) with 409 and writes nothing', async () => {
    const res = await h.expectNoWrites(['app_user'], () =>
      admin()
        .post('/users')
        .send({ email: 'NEW.PA@council.example', name: 'Dup', role: 'pa', password: 'duplicate-password' }),
    );
    expectProblem(res, 409);
  });

  it('creates an inactive user who cannot sign in', async () => {
    const res = await admin().post('/users').send({
      email: 'dormant@test.invalid',
      name: 'Dormant',
      role: 'pa',
      active: false,
      password: 'dormant-password',
    });
    expect(res.body.active).toBe(false);
    expectProblem(
      await request(h.app.getHttpServer())
        .post('/auth/login')
        .send({ email: 'dormant@test.invalid', password: 'dormant-password' }),
      401,
    );
  });
});

describe('reading users', () => {
  it('gets one user by id, and 404 for an id nobody has', async () => {
    const res = await admin().get(`/users/${h.users.pa.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: h.users.pa.id,
      email: h.users.pa.email,
      name: 'Test pa',
      role: 'pa',
      area: null,
      managerId: null,
      active: true,
    });
    expectProblem(await admin().get(`/users/${crypto.randomUUID()}`), 404);
  });

  it('lists users with a total, filters by role, and honours limit and offset', async () => {
    const all = (await admin().get('/users?limit=500')).body;
    expect(all.total).toBe(await h.count('app_user'));
    expect(all.items).toHaveLength(all.total);
    for (const u of all.items)
      expect(Object.keys(u).sort()).toEqual(['active', 'area', 'email', 'id', 'managerId', 'name', 'role']);
    const pas = (await admin().get('/users?role=pa&limit=500')).body;
    expect(pas.total).toBe(await h.count('app_user', `role = 'pa'`));
    expect(pas.items.every((u: { role: string }) => u.role === 'pa')).toBe(true);
    const page = (await admin().get('/users?limit=3&offset=2')).body;
    expect(page.total).toBe(all.total);
    expect(page.items).toEqual(all.items.slice(2, 5));
  });
});

describe('updating users', () => {
  let id: string;
  beforeAll(async () => {
    id = (
      await admin().post('/users').send({
        email: 'editable@test.invalid',
        name: 'Editable',
        role: 'pa',
        area: 'Crewe',
        password: 'editable-password',
      })
    ).body.id;
  });

  it('changes name, role and area, and clears the area with null; the audit records from and to', async () => {
    const res = await admin()
      .patch(`/users/${id}`)
      .send({ name: 'Edited', role: 'team_manager', area: 'Macclesfield' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Edited', role: 'team_manager', area: 'Macclesfield', active: true });
    const cleared = await admin().patch(`/users/${id}`).send({ area: null });
    expect(cleared.body.area).toBeNull();
    const [clearedEvent, editedEvent] = (await admin().get(`/audit?entityId=${id}`)).body.items;
    expect(editedEvent).toMatchObject({
      action: 'user.updated',
      actorUserId: h.users.admin.id,
      changes: {
        name: { from: 'Editable', to: 'Edited' },
        role: { from: 'pa', to: 'team_manager' },
        area: { from: 'Crewe', to: 'Macclesfield' },
      },
    });
    expect(clearedEvent.changes).toEqual({ area: { from: 'Macclesfield', to: null } });
  });

  it('writes no audit event for a PATCH that changes nothing', async () => {
    const current = (await admin().get(`/users/${id}`)).body;
    const res = await h.expectNoWrites(['app_user'], () => admin().patch(`/users/${id}`).send({ name: current.name }));
    expect(res.status).toBe(200);
  });

  it('refuses to take an email another user has with 409 and writes nothing', async () => {
    expectProblem(
      await h.expectNoWrites(['app_user'], () =>
        admin().patch(`/users/${id}`).send({ email: h.users.director.email.toUpperCase() }),
      ),
      409,
    );
  });
});
