import { Module } from '@nestjs/common';
import { InventoryModule } from '../inventory/inventory.module';
import { YoungPeopleModule } from '../young-people/young-people.module';
import { StayEvents } from './stay-events';
import { StaysController } from '../../http/stays.controller';
import { StaysService } from './stays.service';

@Module({
  imports: [InventoryModule, YoungPeopleModule],
  controllers: [StaysController],
  providers: [StaysService, StayEvents],
  exports: [StaysService, StayEvents],
})
export class StaysModule {}
