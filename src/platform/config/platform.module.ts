import { DynamicModule, Global, Module } from '@nestjs/common';
import { AuditService } from '../../features/audit/audit.service';
import { CLOCK, Clock, SystemClock } from '../clock';
import { APP_CONFIG, AppConfig } from './config';

/** Configuration, the clock port and the audit writer: available everywhere. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: CoreModule,
      providers: [{ provide: APP_CONFIG, useValue: config }, { provide: CLOCK, useValue: clock }, AuditService],
      exports: [APP_CONFIG, CLOCK, AuditService],
    };
  }
}
