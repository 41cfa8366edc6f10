import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/postgresql';
import type { AuthUser, Role } from '../../kernel/roles';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { User } from './user.entity';

/** Every query on `app_user`. Runs in the caller's unit of work when there is one. */
@Injectable()
export class UsersRepository {
  constructor(private readonly uow: UnitOfWork) {}

  private get em() {
    return this.uow.em;
  }

  findById(id: string, lock = false): Promise<User | null> {
    return this.em.findOne(User, { id }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  }

  /** Each user's name by id (ids that name nobody are left out). */
  async namesOf(ids: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const rows = await this.em.find(User, { id: { $in: unique } }, { fields: ['id', 'name'] });
    return new Map(rows.map((u) => [u.id, u.name]));
  }

  /** With the password hash (a lazy column), for sign-in. */
  findByEmailWithPassword(email: string): Promise<User | null> {
    return this.em.findOne(User, { email }, { populate: ['passwordHash'] });
  }

  /** The signed-in user a token names, if the account is still active. Read fresh for every request. */
  async findActiveAuthUser(id: string): Promise<(AuthUser & { tokenVersion: number }) | null> {
    const user = await this.em
      .fork()
      .findOne(User, { id }, { fields: ['id', 'email', 'name', 'role', 'area', 'active', 'tokenVersion'] });
    if (!user || !user.active) return null;
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      area: user.area ?? null,
      tokenVersion: user.tokenVersion,
    };
  }

  /** Ends every token and session of a user (signing out everywhere). */
  async bumpTokenVersion(id: string): Promise<void> {
    await this.em.execute(`update app_user set token_version = token_version + 1 where id = ?`, [id]);
  }

  /** Whether `id` is an active Personal Adviser (someone a young person may be allocated to). */
  /**
   * The active users of a role, as recipients (id and e-mail, by e-mail): with `area`, those of
   * that area (case-insensitive) or of the whole council (no area).
   */
  activeWithRole(role: Role, area?: string): Promise<{ id: string; email: string }[]> {
    return this.em.execute<{ id: string; email: string }[]>(
      `select id, email from app_user where active and role = ?
          ${area === undefined ? '' : 'and (area is null or lower(area) = lower(?))'}
        order by email, id`,
      area === undefined ? [role] : [role, area],
    );
  }

  async isActivePa(id: string): Promise<boolean> {
    return (await this.em.count(User, { id, role: 'pa', active: true })) > 0;
  }

  async emailTaken(email: string): Promise<boolean> {
    return (await this.em.count(User, { email })) > 0;
  }

  async countActiveAdmins(): Promise<number> {
    return this.em.count(User, { role: 'admin', active: true });
  }

  page(role: Role | undefined, limit: number, offset: number): Promise<[User[], number]> {
    return this.em.findAndCount(User, { role }, { orderBy: { email: 'asc' }, limit, offset });
  }

  /** `id` and the people above them, nearest first (stops at a loop or after 50 steps). Empty when `id` is unknown. */
  async managementChain(id: string): Promise<string[]> {
    const rows = await this.em.execute<{ id: string }[]>(
      `with recursive chain(id, manager_id, depth, path) as (
         select id, manager_id, 0, array[id] from app_user where id = ?
         union all
         select u.id, u.manager_id, c.depth + 1, c.path || u.id from app_user u join chain c on u.id = c.manager_id
          where not u.id = any(c.path) and c.depth < 50)
       select id from chain order by depth`,
      [id],
    );
    return rows.map((r) => r.id);
  }

  create(data: Pick<User, 'email' | 'name' | 'role' | 'area' | 'managerId' | 'active' | 'passwordHash'>): User {
    const user = this.em.create(User, data);
    this.em.persist(user);
    return user;
  }

  /** Serialises first-boot admin creation across instances (held until the transaction ends). */
  async lockBootstrap(): Promise<void> {
    const em = this.em;
    await em
      .getConnection()
      .execute(`select pg_advisory_xact_lock(hashtext('bootstrap-admin'))`, [], 'all', em.getTransactionContext());
  }
}
