import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { BedStateService } from './bed-state.service';
import { BedsService } from './beds.service';
import { ProvidersService } from './providers.service';
import { ServiceLevelsService } from './service-levels.service';

/** Supply: service levels, providers, beds and their lifecycle, vacancies. */
@Module({
  imports: [AuditModule],
  providers: [ServiceLevelsService, ProvidersService, BedsService, BedStateService],
  exports: [ServiceLevelsService, ProvidersService, BedsService, BedStateService],
})
export class InventoryModule {}
