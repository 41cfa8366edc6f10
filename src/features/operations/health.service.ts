import { Inject, Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import Redis from 'ioredis';
import { HealthQueries } from './health.queries';
import { REDIS, redisReady } from '../../platform/redis/redis.provider';

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

export const STATES = ['up', 'down'] as const;
export type State = (typeof STATES)[number];

export class HealthChecks {
  @ApiProperty({ enum: STATES }) database: State;
  @ApiProperty({ enum: STATES }) redis: State;
}

export class HealthView {
  @ApiProperty({ enum: ['ok', 'error'] }) status: 'ok' | 'error';
  @ApiProperty({ type: HealthChecks }) checks: HealthChecks;
}

/** Whether PostgreSQL and Redis answer, each within 2 seconds. */
@Injectable()
export class HealthService {
  constructor(
    private readonly queries: HealthQueries,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async check(): Promise<HealthView> {
    const [database, redis] = await Promise.all([
      withTimeout(this.queries.ping(), 2000).then(
        () => 'up' as const,
        () => 'down' as const,
      ),
      this.pingRedis().then(
        (r) => (r === 'PONG' ? ('up' as const) : ('down' as const)),
        () => 'down' as const,
      ),
    ]);
    return { status: database === 'up' && redis === 'up' ? 'ok' : 'error', checks: { database, redis } };
  }

  /** Pings Redis; a client still (re)connecting gets a moment to become ready first (just after boot). */
  private async pingRedis(): Promise<string> {
    await redisReady(this.redis);
    return withTimeout(this.redis.ping(), 2000);
  }
}
