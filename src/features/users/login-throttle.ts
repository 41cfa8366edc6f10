import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '../../platform/clock';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { rateLimited } from '../../kernel/errors';

/**
 * Sign-in attempts per client address: at most LOGIN_RATE_LIMIT in any LOGIN_RATE_WINDOW (a
 * sliding window of attempt times). Time comes from the clock port, so tests move it instead of
 * waiting for a real window to pass.
 */
@Injectable()
export class LoginThrottle {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Counts an attempt from `client`; 429 with the seconds to wait once the window is full. */
  hit(client: string): void {
    const now = this.clock.now().getTime();
    const { limit, ttlMs } = this.config.loginRateLimit;
    const recent = (this.attempts.get(client) ?? []).filter((t) => t > now - ttlMs);
    if (recent.length >= limit) {
      this.attempts.set(client, recent);
      const retryAfter = Math.max(1, Math.ceil((recent[0] + ttlMs - now) / 1000));
      throw rateLimited('Too many sign-in attempts from this address; try again later', retryAfter);
    }
    recent.push(now);
    this.attempts.set(client, recent);
    if (this.attempts.size > 10_000) this.forgetIdle(now, ttlMs);
  }

  private forgetIdle(now: number, ttlMs: number): void {
    for (const [client, times] of this.attempts) if (!times.some((t) => t > now - ttlMs)) this.attempts.delete(client);
  }
}
