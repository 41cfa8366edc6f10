import { SignInService } from '../../../src/features/users/sign-in.service';
import { UsersRepository } from '../../../src/features/users/users.repository';
import { UsersService } from '../../../src/features/users/users.service';
import { DomainError } from '../../../src/kernel/errors';
import { Integration } from '../../support/integration';

let it_: Integration;
beforeAll(async () => (it_ = await Integration.start()));
afterAll(() => it_?.stop());

describe('UsersService and UsersRepository against PostgreSQL', () => {
  it('creates a user with a hashed password and audits it with its actor in the same transaction', async () => {
    const admin = await it_.user('admin');
    const view = await it_
      .get(UsersService)
      .create({ email: 'New.PA@Test.invalid', name: 'New PA', role: 'pa', password: 'a-long-password-1' }, admin.id);
    expect(view).toMatchObject({ email: 'new.pa@test.invalid', role: 'pa', active: true });
    const row = (await it_.db.query('select password_hash from app_user where id = $1', [view.id])).rows[0];
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const audit = (await it_.db.query(`select actor_user_id, action from audit_event where entity_id = $1`, [view.id]))
      .rows;
    expect(audit).toEqual([{ actor_user_id: admin.id, action: 'user.created' }]);
  });

  it('refuses a second account with the same email as a conflict, writing nothing', async () => {
    const admin = await it_.user('admin');
    const svc = it_.get(UsersService);
    await svc.create(
      { email: 'twice@test.invalid', name: 'Once', role: 'pa', password: 'a-long-password-1' },
      admin.id,
    );
    const before = Number((await it_.db.query('select count(*) from audit_event')).rows[0].count);
    await expect(
      svc.create({ email: 'TWICE@test.invalid', name: 'Twice', role: 'pa', password: 'a-long-password-1' }, admin.id),
    ).rejects.toMatchObject({ kind: 'conflict' });
    expect(Number((await it_.db.query('select count(*) from audit_event')).rows[0].count)).toBe(before);
  });

  it('reads a deactivated user as no signed-in user, so their tokens stop working', async () => {
    const pa = await it_.user('pa');
    const repo = it_.get(UsersRepository);
    expect(await repo.findActiveAuthUser(pa.id)).toMatchObject({ id: pa.id, role: 'pa' });
    await it_.db.query('update app_user set active = false where id = $1', [pa.id]);
    expect(await repo.findActiveAuthUser(pa.id)).toBeNull();
  });

  it('counts as an allocatable PA only an active user with the PA role', async () => {
    const repo = it_.get(UsersRepository);
    const [pa, manager, leaver] = [await it_.user('pa'), await it_.user('team_manager'), await it_.user('pa')];
    await it_.db.query('update app_user set active = false where id = $1', [leaver.id]);
    expect(await repo.isActivePa(pa.id)).toBe(true);
    expect(await repo.isActivePa(manager.id)).toBe(false);
    expect(await repo.isActivePa(leaver.id)).toBe(false);
    expect(await repo.isActivePa(crypto.randomUUID())).toBe(false);
  });

  it('verifies a token it signed and refuses a forged one as unauthenticated', async () => {
    const admin = await it_.user('admin');
    await it_
      .get(UsersService)
      .create(
        { email: 'signin@test.invalid', name: 'Signs In', role: 'director', password: 'a-long-password-1' },
        admin.id,
      );
    const signIn = it_.get(SignInService);
    const { accessToken, user } = await signIn.signIn('SignIn@test.invalid ', 'a-long-password-1', '203.0.113.9');
    expect(await signIn.verify(accessToken)).toMatchObject({ id: user.id, role: 'director' });
    const forged = accessToken.slice(0, -4) + 'AAAA';
    await expect(signIn.verify(forged)).rejects.toBeInstanceOf(DomainError);
    await expect(signIn.signIn('signin@test.invalid', 'wrong-password-1', '203.0.113.9')).rejects.toMatchObject({
      kind: 'unauthenticated',
    });
  });
});
