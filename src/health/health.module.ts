import { Global, Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { RedisCloser, redisProvider, REDIS } from './redis.provider';

@Global()
@Module({
  controllers: [HealthController],
  providers: [redisProvider, RedisCloser],
  exports: [REDIS],
})
export class HealthModule {}
