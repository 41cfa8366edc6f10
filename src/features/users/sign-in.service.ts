import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { rateLimited, unauthenticated } from '../../kernel/errors';
import type { AuthUser } from '../../kernel/roles';
import { signInDecision } from '../../kernel/sign-in-limits';
import { CLOCK, type Clock } from '../../platform/clock';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { AuditService } from '../audit/audit.service';
import { dummyHash } from './password';
import { PasswordGate } from './password-gate';
import { SignInAttemptsRepository } from './sign-in-attempts.repository';
import type { User } from './user.entity';
import { UsersRepository } from './users.repository';
import { toUserView } from './users.service';
import type { LoginResponse } from './users.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface TokenClaims {
  sub?: unknown;
  ver?: unknown;
  exp?: unknown;
}

/**
 * Signing in, out, and the one token verifier: every place that accepts an access token (the API
 * guard, /metrics, the queue dashboard, the web session) asks `verify`, which re-reads the user,
 * so a deactivation, a password change or signing out ends older tokens at once (token version).
 * Sign-in attempts are limited per account and per address (`kernel/sign-in-limits.ts`), shared
 * through Redis, and every failed or refused attempt is audited (address, account if known).
 */
@Injectable()
export class SignInService {
  constructor(
    private readonly jwt: JwtService,
    private readonly users: UsersRepository,
    private readonly attempts: SignInAttemptsRepository,
    private readonly passwords: PasswordGate,
    private readonly audit: AuditService,
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Email and password to an access token; the same answer for an unknown email, a wrong password or a deactivated account. */
  async signIn(email: string, password: string, address: string): Promise<LoginResponse> {
    const user = await this.authenticate(email, password, address, 'api');
    const accessToken = await this.jwt.signAsync({ sub: user.id, role: user.role, ver: user.tokenVersion });
    return { accessToken, expiresIn: this.config.jwtExpiresInSeconds, user: toUserView(user) };
  }

  /**
   * Checks an email and password under the sign-in limits (the API and the web sign-in page use
   * the same), audits the attempt, and answers the user; `unauthenticated` or `rate_limited` else.
   */
  async authenticate(email: string, password: string, address: string, via: 'api' | 'web'): Promise<User> {
    const account = email.trim().toLowerCase();
    const user = await this.users.findByEmailWithPassword(account);
    await this.checkLimits(account, address, user);
    const ok = await this.passwords.verify(user?.passwordHash ?? (await dummyHash()), password);
    if (!user || !ok || !user.active) {
      await this.attempts.recordFailure(account, address, this.clock.now().getTime());
      const reason = !user ? 'unknown_email' : ok ? 'deactivated' : 'wrong_password';
      await this.auditAttempt('user.sign_in_failed', user, address, reason);
      throw unauthenticated('The email or password is wrong, or the account is deactivated');
    }
    await this.attempts.clearAccount(account);
    await this.auditAttempt('user.signed_in', user, address, via === 'web' ? 'web' : null);
    return user;
  }

  /** Signing out ends every token of the user (and every web session), not only the one sent. */
  async signOut(user: AuthUser): Promise<void> {
    await this.uow.run(async (em) => {
      await this.users.bumpTokenVersion(user.id);
      this.audit.record(em, {
        actorUserId: user.id,
        action: 'user.signed_out',
        entity: 'User',
        entityId: user.id,
        changes: {},
      });
    });
  }

  /** The active user behind an access token, or `unauthenticated`. */
  async verify(token: string): Promise<AuthUser> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      throw unauthenticated('The access token is invalid or has expired');
    }
    const { sub, ver, exp } = claims;
    if (typeof sub !== 'string' || !UUID.test(sub) || typeof exp !== 'number' || typeof ver !== 'number') {
      throw unauthenticated('The access token is invalid or has expired');
    }
    const user = await this.users.findActiveAuthUser(sub);
    if (!user || user.tokenVersion !== ver) throw unauthenticated('The access token is no longer valid');
    return { id: user.id, email: user.email, name: user.name, role: user.role, area: user.area };
  }

  private async checkLimits(account: string, address: string, user: User | null): Promise<void> {
    const now = this.clock.now().getTime();
    const history = await this.attempts.failures(account, address, now);
    const { limit, ttlMs, freeFailures, maxDelayMs } = this.config.loginRateLimit;
    const decision = signInDecision(
      { accountFailures: history.account, addressFailures: history.address, accountKnown: user !== null },
      now,
      { addressLimit: limit, windowMs: ttlMs, freeFailures, maxDelayMs },
    );
    if (decision.ok) return;
    await this.auditAttempt('user.sign_in_throttled', user, address, decision.reason);
    const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
    throw rateLimited(
      decision.reason === 'account'
        ? `Too many failed sign-ins for this account; try again in ${seconds} seconds`
        : `Too many failed sign-ins from this address; try again in ${seconds} seconds`,
      seconds,
    );
  }

  /** Every sign-in, failure and refusal is audited: the address and the account if known, never the password. */
  private async auditAttempt(action: string, user: User | null, address: string, reason: string | null): Promise<void> {
    await this.uow.run((em) => {
      this.audit.record(em, {
        actorUserId: action === 'user.signed_in' ? (user?.id ?? null) : null,
        action,
        entity: user ? 'User' : 'SignInAttempt',
        entityId: user?.id ?? crypto.randomUUID(),
        changes: {
          address,
          accountId: user?.id ?? null,
          ...(reason ? { [action === 'user.signed_in' ? 'via' : 'reason']: reason } : {}),
        },
      });
    });
  }
}
