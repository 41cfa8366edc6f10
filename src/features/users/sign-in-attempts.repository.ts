import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config';
import { unavailable } from '../../kernel/errors';
import { REDIS, redisReady } from '../../platform/redis/redis.provider';

/**
 * Failed sign-ins, per account and per address, in Redis so that every instance of the service
 * shares them. Each key is a sorted set of failure times (scored by the service's clock, so tests
 * move time instead of waiting); old entries are trimmed on every read and the key expires after
 * the window. Accounts are keyed by a hash of the e-mail address: no personal data in Redis.
 */
@Injectable()
export class SignInAttemptsRepository {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The sign-in limits live in Redis: wait for a client still connecting (just after boot); unreachable, sign-in is unavailable (503), never a 500. */
  private async connected(): Promise<Redis> {
    if (!(await redisReady(this.redis))) throw unavailable('Sign-in is unavailable for a moment; try again shortly');
    return this.redis;
  }

  private key(kind: 'account' | 'address', id: string): string {
    const hashed = createHash('sha256').update(id).digest('hex').slice(0, 32);
    return `${this.config.queuePrefix}:signin:${kind}:${hashed}`;
  }

  /** Failure times of an account and of an address within the window ending at `now`. */
  async failures(email: string, address: string, now: number): Promise<{ account: number[]; address: number[] }> {
    const since = now - this.config.loginRateLimit.ttlMs;
    const [account, addr] = await Promise.all([
      this.read(this.key('account', email), since),
      this.read(this.key('address', address), since),
    ]);
    return { account, address: addr };
  }

  async recordFailure(email: string, address: string, now: number): Promise<void> {
    const ttl = this.config.loginRateLimit.ttlMs + this.config.loginRateLimit.maxDelayMs;
    const member = `${now}:${Math.random().toString(36).slice(2, 8)}`;
    await (
      await this.connected()
    )
      .multi()
      .zadd(this.key('account', email), now, member)
      .pexpire(this.key('account', email), ttl)
      .zadd(this.key('address', address), now, member)
      .pexpire(this.key('address', address), ttl)
      .exec();
  }

  /** A successful sign-in clears its account's failures (the address keeps its own). */
  async clearAccount(email: string): Promise<void> {
    await (await this.connected()).del(this.key('account', email));
  }

  private async read(key: string, since: number): Promise<number[]> {
    const [, [, scores]] = (await (
      await this.connected()
    )
      .multi()
      .zremrangebyscore(key, '-inf', String(since))
      .zrange(key, '0', '-1', 'WITHSCORES')
      .exec()) as [[Error | null, number], [Error | null, string[]]];
    const out: number[] = [];
    for (let i = 1; i < scores.length; i += 2) out.push(Number(scores[i]));
    return out;
  }
}
