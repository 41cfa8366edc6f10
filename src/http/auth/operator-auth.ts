import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { EntityManager } from '@mikro-orm/postgresql';
import { timingSafeEqual } from 'node:crypto';
import type { AuthUser } from './current-user';
import { CAN } from '../../kernel/roles';
import { User } from '../../features/users/user.entity';
import { forbidden, unauthenticated } from '../../kernel/errors';
import { type AppConfig } from '../../platform/config/config';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const METRICS_TOKEN_MIN_LENGTH = 24;

/**
 * The static bearer token a Prometheus server sends to GET /metrics (METRICS_TOKEN, validated with
 * the rest of the configuration at boot). Unset: only an admin's access token opens /metrics.
 */
export function metricsTokenFrom(config: AppConfig): string | null {
  const token = config.metricsToken?.trim() ?? '';
  if (!token) return null;
  if (token.length < METRICS_TOKEN_MIN_LENGTH)
    throw new Error(`METRICS_TOKEN must be at least ${METRICS_TOKEN_MIN_LENGTH} characters`);
  return token;
}

export const METRICS_TOKEN = Symbol('METRICS_TOKEN');

/**
 * Who may operate the service: /metrics (an admin's access token, or METRICS_TOKEN) and the queue
 * dashboard at /admin/queues (an admin's access token only). Same checks as the global guard: a
 * valid token for an active user, re-read on every request.
 */
@Injectable()
export class OperatorAuth {
  private readonly logger = new Logger('OperatorAuth');

  constructor(
    private readonly jwt: JwtService,
    private readonly em: EntityManager,
    @Inject(METRICS_TOKEN) private readonly metricsToken: string | null,
  ) {}

  private bearer(header: unknown): string {
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw unauthenticated('Sign in and send the access token as "Authorization: Bearer <token>"');
    return match[1];
  }

  private isMetricsToken(token: string): boolean {
    if (!this.metricsToken) return false;
    const a = Buffer.from(token);
    const b = Buffer.from(this.metricsToken);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /** The signed-in user behind an access token, or 401. */
  async user(token: string): Promise<AuthUser> {
    let sub: unknown;
    try {
      sub = (await this.jwt.verifyAsync<{ sub?: unknown }>(token)).sub;
    } catch {
      throw unauthenticated('The access token is invalid or has expired');
    }
    if (typeof sub !== 'string' || !UUID.test(sub)) throw unauthenticated('The access token is invalid or has expired');
    const user = await this.em
      .fork()
      .findOne(User, { id: sub }, { fields: ['id', 'email', 'name', 'role', 'area', 'active'] });
    if (!user || !user.active) throw unauthenticated('The access token is no longer valid');
    return { id: user.id, email: user.email, name: user.name, role: user.role, area: user.area ?? null };
  }

  /** An admin, or 401 / 403. */
  async admin(header: unknown): Promise<AuthUser> {
    const user = await this.user(this.bearer(header));
    if (!CAN.operate.includes(user.role)) throw forbidden(`The ${user.role} role may not do this`);
    return user;
  }

  /** /metrics: the static METRICS_TOKEN, or an admin's access token. */
  async scraper(header: unknown): Promise<'metrics-token' | AuthUser> {
    const token = this.bearer(header);
    if (this.isMetricsToken(token)) return 'metrics-token';
    return this.admin(header);
  }
}
