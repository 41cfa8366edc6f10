import { Inject, Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { SignInService } from '../../features/users/sign-in.service';
import { forbidden } from '../../kernel/errors';
import { CAN, type AuthUser } from '../../kernel/roles';
import { type AppConfig } from '../../platform/config/config';
import { bearerToken } from './auth.guard';
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
  constructor(
    private readonly signIn: SignInService,
    @Inject(METRICS_TOKEN) private readonly metricsToken: string | null,
  ) {}

  private isMetricsToken(token: string): boolean {
    if (!this.metricsToken) return false;
    const a = Buffer.from(token);
    const b = Buffer.from(this.metricsToken);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /** An admin, or 401 / 403. */
  async admin(header: unknown): Promise<AuthUser> {
    const user = await this.signIn.verify(bearerToken(header));
    if (!CAN.operate.includes(user.role)) throw forbidden(`The ${user.role} role may not do this`);
    return user;
  }

  /** /metrics: the static METRICS_TOKEN, or an admin's access token. */
  async scraper(header: unknown): Promise<'metrics-token' | AuthUser> {
    const token = bearerToken(header);
    if (this.isMetricsToken(token)) return 'metrics-token';
    return this.admin(header);
  }
}
