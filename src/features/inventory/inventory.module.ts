import { Module } from '@nestjs/common';
import { BedStateService } from './bed-state.service';
import { BedsService } from './beds.service';
import { BedsController, ProvidersController, ServiceLevelsController } from '../../http/inventory.controller';
import { ProvidersService } from './providers.service';
import { ServiceLevelsService } from './service-levels.service';

@Module({
  controllers: [ServiceLevelsController, ProvidersController, BedsController],
  providers: [ServiceLevelsService, ProvidersService, BedsService, BedStateService],
  exports: [BedStateService],
})
export class InventoryModule {}
