import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AuthController, UsersController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { UsersService } from './users.service';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: config.jwtSecret, signOptions: { expiresIn: config.jwtExpiresInSeconds, algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } }),
    }),
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      // The only throttled route is sign-in. Left as the `default` throttler so the guard answers
      // with a standard `Retry-After` header (a named one gets `Retry-After-<name>`).
      useFactory: (config: AppConfig) => [{ limit: config.loginRateLimit.limit, ttl: config.loginRateLimit.ttlMs }],
    }),
  ],
  controllers: [AuthController, UsersController],
  providers: [UsersService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [UsersService],
})
export class AuthModule {}
