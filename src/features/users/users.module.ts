import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { AreasModule } from '../areas/areas.module';
import { AuditModule } from '../audit/audit.module';
import { PasswordGate } from './password-gate';
import { SignInAttemptsRepository } from './sign-in-attempts.repository';
import { SignInService } from './sign-in.service';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';
import { WebSessionsRepository } from './web-sessions.repository';
import { WebSessionsService } from './web-sessions.service';

/** Staff accounts, sign-in, access tokens and the sign-in rate limit. */
@Module({
  imports: [
    AuditModule,
    AreasModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.jwtSecret,
        // Every token expires; verifying refuses one without an expiry (SignInService.verify).
        signOptions: { expiresIn: config.jwtExpiresInSeconds, algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'], ignoreExpiration: false },
      }),
    }),
  ],
  providers: [
    UsersRepository,
    UsersService,
    SignInService,
    SignInAttemptsRepository,
    PasswordGate,
    WebSessionsRepository,
    WebSessionsService,
  ],
  exports: [UsersRepository, UsersService, SignInService, PasswordGate, WebSessionsService],
})
export class UsersModule {}
