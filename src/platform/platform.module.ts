import { DynamicModule, Global, Module } from '@nestjs/common';
import { CLOCK, Clock, SystemClock } from './clock';
import { APP_CONFIG, AppConfig } from './config/config';
import { UnitOfWork } from './database/unit-of-work';
import { FetchWebhookClient, Mailer, SmtpMailer, WebhookClient } from './mail/channels';
import { RedisCloser, REDIS, redisProvider } from './redis/redis.provider';

/**
 * Platform plumbing every feature may use: configuration, the clock port, the unit of work
 * (transactions and after-commit work), a Redis client, and the e-mail and webhook channels.
 * The only global module besides the queue's scheduler.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(config: AppConfig, clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: PlatformModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
        UnitOfWork,
        redisProvider,
        RedisCloser,
        { provide: Mailer, useClass: SmtpMailer },
        { provide: WebhookClient, useClass: FetchWebhookClient },
      ],
      exports: [APP_CONFIG, CLOCK, UnitOfWork, REDIS, Mailer, WebhookClient],
    };
  }
}
