import { Inject, Injectable, Logger, OnApplicationShutdown, Provider } from '@nestjs/common';
import Redis from 'ioredis';
import { redisOptionsFromUrl } from './redis-options';
import { APP_CONFIG, AppConfig } from '../config/config';

/** A plain Redis client for health checks and small reads (BullMQ keeps its own connections). */
export const REDIS = Symbol('REDIS');

@Injectable()
export class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}

export const redisProvider: Provider = {
  provide: REDIS,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => {
    const logger = new Logger('Redis');
    const client = new Redis({
      ...redisOptionsFromUrl(config.redisUrl),
      lazyConnect: false,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      connectTimeout: 2000,
    });
    // Without a listener ioredis prints every failed reconnect as an unhandled error. Log an outage
    // once when it starts and once when it ends; /health reports it meanwhile.
    let down = false;
    client.on('error', (err: Error) => {
      if (down) return;
      down = true;
      logger.warn(`Redis is unreachable: ${err.message}`);
    });
    client.on('ready', () => {
      if (!down) return;
      down = false;
      logger.log('Redis is reachable again');
    });
    return client;
  },
};

/**
 * Resolves once the client is connected (at once when it is): commands are not queued while it
 * (re)connects, so a caller just after boot waits a moment here instead of failing. Answers
 * whether it became ready within `ms`.
 */
export async function redisReady(client: Redis, ms = 1500): Promise<boolean> {
  if (client.status === 'ready') return true;
  return new Promise<boolean>((resolve) => {
    const ready = () => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      client.off('ready', ready);
      resolve(client.status === 'ready');
    }, ms);
    timer.unref();
    client.once('ready', ready);
  });
}
