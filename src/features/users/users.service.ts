import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { conflict, invalidField, notFound } from '../../kernel/errors';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { Page, pageOf } from '../../platform/pagination';
import { AuditService, diff } from '../audit/audit.service';
import { PasswordGate } from './password-gate';
import { CreateUserDto, UpdateUserDto, UserQuery, UserView } from './users.dto';
import { User } from './user.entity';
import { AreasService } from '../areas/areas.service';
import { UsersRepository } from './users.repository';

export function toUserView(u: User): UserView {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    area: u.area ?? null,
    managerId: u.managerId ?? null,
    active: u.active,
  };
}

const snapshot = (u: User) => ({
  email: u.email,
  name: u.name,
  role: u.role,
  area: u.area ?? null,
  managerId: u.managerId ?? null,
  active: u.active,
});

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly areas: AreasService,
    private readonly passwords: PasswordGate,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** BOOTSTRAP_ADMIN_EMAIL/PASSWORD: create that admin at boot when no admin exists. */
  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.bootstrapAdmin;
    if (!admin) return;
    await this.uow.run(async (tx) => {
      await this.users.lockBootstrap();
      if (await this.users.countActiveAdmins()) return;
      if (await this.users.emailTaken(admin.email)) {
        this.logger.warn(
          'BOOTSTRAP_ADMIN_EMAIL belongs to an existing user who is not an active admin; not changing it',
        );
        return;
      }
      const user = this.users.create({
        email: admin.email,
        name: 'Administrator',
        role: 'admin',
        area: null,
        managerId: null,
        active: true,
        passwordHash: await this.passwords.hash(admin.password),
      });
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
    const [rows, total] = await this.users.page(q.role, limit, offset);
    return { items: rows.map(toUserView), total };
  }

  /** The signed-in user's own record. */
  async me(id: string): Promise<UserView> {
    return this.get(id);
  }

  async get(id: string): Promise<UserView> {
    const user = await this.users.findById(id);
    if (!user) throw notFound('User', id);
    return toUserView(user);
  }

  async create(dto: CreateUserDto, actorId: string): Promise<UserView> {
    const email = dto.email.toLowerCase();
    const passwordHash = await this.passwords.hash(dto.password);
    return this.uow.run(async (em) => {
      if (await this.users.emailTaken(email)) throw conflict(`A user with email ${email} already exists`);
      const { area } = await this.areas.canonical({ area: dto.area ?? null });
      const user = this.users.create({
        email,
        name: dto.name,
        role: dto.role,
        area: area as string | null,
        managerId: null,
        active: dto.active ?? true,
        passwordHash,
      });
      if (dto.managerId) user.managerId = await this.checkManager(user.id, dto.managerId);
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
    const passwordHash = dto.password ? await this.passwords.hash(dto.password) : undefined;
    return this.uow.run(async (em) => {
      const user = await this.users.findById(id, true);
      if (!user) throw notFound('User', id);
      const before = snapshot(user);
      if (dto.email !== undefined) {
        const email = dto.email.toLowerCase();
        if (email !== user.email && (await this.users.emailTaken(email)))
          throw conflict(`A user with email ${email} already exists`);
        user.email = email;
      }
      if (dto.name !== undefined) user.name = dto.name;
      await this.keepAnAdmin(user, dto);
      if (dto.role !== undefined) user.role = dto.role;
      if (dto.area !== undefined) user.area = (await this.areas.canonical({ area: dto.area })).area as string | null;
      if (dto.managerId !== undefined)
        user.managerId = dto.managerId === null ? null : await this.checkManager(user.id, dto.managerId);
      if (dto.active !== undefined) user.active = dto.active;
      if (passwordHash) user.passwordHash = passwordHash;
      // A new password or a deactivation ends every token and session the user had.
      if (passwordHash || (dto.active === false && before.active)) user.tokenVersion += 1;
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

  /** The last active administrator cannot be deactivated or given another role: the service would have nobody to run it. */
  private async keepAnAdmin(user: User, dto: UpdateUserDto): Promise<void> {
    const leaving =
      (dto.active === false || (dto.role !== undefined && dto.role !== 'admin')) &&
      user.role === 'admin' &&
      user.active;
    if (leaving && (await this.users.countActiveAdmins()) <= 1) {
      throw conflict('This is the last active administrator: make another user an administrator first', 'last_admin');
    }
  }

  /**
   * A line manager must be another existing user, and following managers upwards from them must
   * never come back to this user (escalations walk the chain).
   */
  private async checkManager(userId: string, managerId: string): Promise<string> {
    if (managerId === userId) throw invalidField('managerId', 'a user cannot be their own manager');
    const chain = await this.users.managementChain(managerId);
    if (!chain.length) throw invalidField('managerId', 'must be an existing user');
    if (chain.includes(userId)) throw invalidField('managerId', 'would make a loop in the line-management chain');
    return managerId;
  }
}
