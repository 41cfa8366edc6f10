import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { unauthenticated } from '../../kernel/errors';
import type { AuthUser } from '../../kernel/roles';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { AuditService } from '../audit/audit.service';
import { dummyHash, verifyPassword } from './password';
import { UsersRepository } from './users.repository';
import { toUserView } from './users.service';
import type { LoginResponse } from './users.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Signing in and the one token verifier: every place that accepts an access token (the API
 * guard, /metrics, the queue dashboard) asks `verify`, which re-reads the user so a deactivated
 * account or a role change applies from the next request.
 */
@Injectable()
export class SignInService {
  constructor(
    private readonly jwt: JwtService,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
    private readonly uow: UnitOfWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Email and password to an access token; the same answer for an unknown email, a wrong password or a deactivated account. */
  async signIn(email: string, password: string): Promise<LoginResponse> {
    const user = await this.users.findByEmailWithPassword(email.trim().toLowerCase());
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
    if (!user || !ok || !user.active) {
      throw unauthenticated('The email or password is wrong, or the account is deactivated');
    }
    const accessToken = await this.jwt.signAsync({ sub: user.id, role: user.role });
    await this.uow.run((em) => {
      this.audit.record(em, {
        actorUserId: user.id,
        action: 'user.signed_in',
        entity: 'User',
        entityId: user.id,
        changes: {},
      });
    });
    return { accessToken, expiresIn: this.config.jwtExpiresInSeconds, user: toUserView(user) };
  }

  /** The active user behind an access token, or `unauthenticated`. */
  async verify(token: string): Promise<AuthUser> {
    let sub: unknown;
    try {
      sub = (await this.jwt.verifyAsync<{ sub?: unknown }>(token)).sub;
    } catch {
      throw unauthenticated('The access token is invalid or has expired');
    }
    if (typeof sub !== 'string' || !UUID.test(sub)) throw unauthenticated('The access token is invalid or has expired');
    const user = await this.users.findActiveAuthUser(sub);
    if (!user) throw unauthenticated('The access token is no longer valid');
    return user;
  }
}
