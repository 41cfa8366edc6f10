import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { BedStateService } from './bed-state.service';
import { BedsService } from './beds.service';
import { MatchInventory } from './match-inventory';
import { ProvidersService } from './providers.service';
import { ServiceLevelsService } from './service-levels.service';

/** Supply: service levels, providers, beds and their lifecycle, vacancies. */
@Module({
  imports: [AuditModule],
  providers: [ServiceLevelsService, ProvidersService, BedsService, BedStateService, MatchInventory],
  exports: [ServiceLevelsService, ProvidersService, BedsService, BedStateService, MatchInventory],
})
export class InventoryModule {}
