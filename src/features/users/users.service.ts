import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { AuditService, diff } from '../audit/audit.service';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config';
import { conflict, notFound } from '../../kernel/errors';
import { Page, pageOf } from '../../platform/pagination';
import { hashPassword } from './password';
import { CreateUserDto, UpdateUserDto, UserQuery, UserView } from './users.dto';
import { User } from './user.entity';

export function toUserView(u: User): UserView {
  return { id: u.id, email: u.email, name: u.name, role: u.role, area: u.area ?? null, active: u.active };
}

const snapshot = (u: User) => ({ email: u.email, name: u.name, role: u.role, area: u.area ?? null, active: u.active });

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** BOOTSTRAP_ADMIN_EMAIL/PASSWORD: create that admin at boot when no admin exists. */
  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.bootstrapAdmin;
    if (!admin) return;
    const em = this.em.fork();
    await em.transactional(async (tx) => {
      await tx
        .getConnection()
        .execute(`select pg_advisory_xact_lock(hashtext('bootstrap-admin'))`, [], 'all', tx.getTransactionContext());
      if (await tx.count(User, { role: 'admin', active: true })) return;
      if (await tx.count(User, { email: admin.email })) {
        this.logger.warn(
          'BOOTSTRAP_ADMIN_EMAIL belongs to an existing user who is not an active admin; not changing it',
        );
        return;
      }
      const user = tx.create(User, {
        email: admin.email,
        name: 'Administrator',
        role: 'admin',
        area: null,
        active: true,
        passwordHash: await hashPassword(admin.password),
      });
      tx.persist(user);
      this.audit.record(tx, {
        actorUserId: null,
        action: 'user.bootstrapped',
        entity: 'User',
        entityId: user.id,
        changes: snapshot(user),
      });
      this.logger.log('created the bootstrap admin');
    });
  }

  async list(q: UserQuery): Promise<Page<UserView>> {
    const { limit, offset } = pageOf(q);
    const [rows, total] = await this.em.findAndCount(
      User,
      { role: q.role },
      { orderBy: { email: 'asc' }, limit, offset },
    );
    return { items: rows.map(toUserView), total };
  }

  async get(id: string): Promise<UserView> {
    const user = await this.em.findOne(User, { id });
    if (!user) throw notFound('User', id);
    return toUserView(user);
  }

  async create(dto: CreateUserDto, actorId: string): Promise<UserView> {
    const email = dto.email.toLowerCase();
    const passwordHash = await hashPassword(dto.password);
    return this.em.transactional(async (em) => {
      if (await em.count(User, { email })) throw conflict(`A user with email ${email} already exists`);
      const user = em.create(User, {
        email,
        name: dto.name,
        role: dto.role,
        area: dto.area ?? null,
        active: dto.active ?? true,
        passwordHash,
      });
      em.persist(user);
      this.audit.record(em, {
        actorUserId: actorId,
        action: 'user.created',
        entity: 'User',
        entityId: user.id,
        changes: snapshot(user),
      });
      return toUserView(user);
    });
  }

  async update(id: string, dto: UpdateUserDto, actorId: string): Promise<UserView> {
    const passwordHash = dto.password ? await hashPassword(dto.password) : undefined;
    return this.em.transactional(async (em) => {
      const user = await em.findOne(User, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!user) throw notFound('User', id);
      const before = snapshot(user);
      if (dto.email !== undefined) {
        const email = dto.email.toLowerCase();
        if (email !== user.email && (await em.count(User, { email })))
          throw conflict(`A user with email ${email} already exists`);
        user.email = email;
      }
      if (dto.name !== undefined) user.name = dto.name;
      if (dto.role !== undefined) user.role = dto.role;
      if (dto.area !== undefined) user.area = dto.area;
      if (dto.active !== undefined) user.active = dto.active;
      if (passwordHash) user.passwordHash = passwordHash;
      const changes: Record<string, unknown> = diff(before, snapshot(user));
      if (passwordHash) changes.password = 'changed';
      if (Object.keys(changes).length) {
        const action =
          dto.active === false && before.active
            ? 'user.deactivated'
            : dto.active === true && !before.active
              ? 'user.reactivated'
              : 'user.updated';
        this.audit.record(em, { actorUserId: actorId, action, entity: 'User', entityId: user.id, changes });
      }
      return toUserView(user);
    });
  }
}
