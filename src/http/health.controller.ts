import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Response } from 'express';
import Redis from 'ioredis';
import { Public } from './auth/current-user';
import { REDIS } from '../platform/redis/redis.provider';

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

const STATES = ['up', 'down'] as const;
type State = (typeof STATES)[number];

export class HealthChecks {
  @ApiProperty({ enum: STATES }) database: State;
  @ApiProperty({ enum: STATES }) redis: State;
}

export class HealthView {
  @ApiProperty({ enum: ['ok', 'error'] }) status: 'ok' | 'error';
  @ApiProperty({ type: HealthChecks }) checks: HealthChecks;
}

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly em: EntityManager,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @Get()
  @Public()
  @ApiOkResponse({
    type: HealthView,
    description: 'PostgreSQL and Redis both answer: {status: "ok", checks: {database: "up", redis: "up"}}',
  })
  @ApiServiceUnavailableResponse({
    type: HealthView,
    description: 'PostgreSQL or Redis is not answering (within 2 s): status "error", the check that failed is "down"',
  })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthView> {
    const [database, redis] = await Promise.all([
      withTimeout(this.em.fork().execute('select 1'), 2000).then(
        () => 'up' as const,
        () => 'down' as const,
      ),
      this.pingRedis().then(
        (r) => (r === 'PONG' ? ('up' as const) : ('down' as const)),
        () => 'down' as const,
      ),
    ]);
    const ok = database === 'up' && redis === 'up';
    res.status(ok ? 200 : 503);
    res.setHeader('Cache-Control', 'no-store');
    return { status: ok ? 'ok' : 'error', checks: { database, redis } };
  }

  /** Pings Redis; a client still (re)connecting gets a moment to become ready first (just after boot). */
  private async pingRedis(): Promise<string> {
    if (this.redis.status !== 'ready') {
      await new Promise<void>((resolve) => {
        const ready = () => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          this.redis.off('ready', ready);
          resolve();
        }, 1500);
        timer.unref();
        this.redis.once('ready', ready);
      });
    }
    return withTimeout(this.redis.ping(), 2000);
  }
}
