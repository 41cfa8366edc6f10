import { Inject, Injectable, OnApplicationShutdown, Provider } from '@nestjs/common';
import Redis from 'ioredis';
import { redisOptionsFromUrl } from '../common/redis';
import { APP_CONFIG, AppConfig } from '../config/config';

/** A plain Redis client for health checks and small reads (BullMQ keeps its own connections). */
export const REDIS = Symbol('REDIS');

@Injectable()
export class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}

export const redisProvider: Provider = {
  provide: REDIS,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) =>
    new Redis({ ...redisOptionsFromUrl(config.redisUrl), lazyConnect: false, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 }),
};
