import { Module } from '@nestjs/common';
import { InventoryModule } from '../inventory/inventory.module';
import { StaysModule } from '../stays/stays.module';
import { YoungPeopleModule } from '../young-people/young-people.module';
import { MatchInventory } from './match-inventory';
import { PlacementsController } from '../../http/placements.controller';
import { PlacementsService } from './placements.service';

@Module({
  imports: [InventoryModule, YoungPeopleModule, StaysModule],
  controllers: [PlacementsController],
  providers: [PlacementsService, MatchInventory],
})
export class PlacementsModule {}
