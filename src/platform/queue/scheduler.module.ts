import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { BullMqScheduler, TIMERS_QUEUE } from './bullmq-scheduler';
import { Scheduler } from './scheduler';
import { TimerRegistry } from './timer-registry';
import { SweepScheduler, TimersProcessor } from './timers.processor';

/** The scheduler port and, unless WORKERS_ENABLED=false, the worker that fires timers. */
@Global()
@Module({})
export class SchedulerModule {
  static forRoot(workersEnabled: boolean): DynamicModule {
    const providers: Provider[] = [TimerRegistry, { provide: Scheduler, useClass: BullMqScheduler }];
    if (workersEnabled) providers.push(TimersProcessor, SweepScheduler);
    return {
      module: SchedulerModule,
      imports: [BullModule.registerQueue({ name: TIMERS_QUEUE })],
      providers,
      exports: [TimerRegistry, Scheduler, BullModule],
    };
  }
}
