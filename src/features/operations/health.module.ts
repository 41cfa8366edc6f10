import { Global, Module } from '@nestjs/common';
import { HealthController } from '../../http/health.controller';
import { RedisCloser, redisProvider, REDIS } from '../../platform/redis/redis.provider';

@Global()
@Module({
  controllers: [HealthController],
  providers: [redisProvider, RedisCloser],
  exports: [REDIS],
})
export class HealthModule {}
