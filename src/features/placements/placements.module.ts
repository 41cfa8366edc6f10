import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { InventoryModule } from '../inventory/inventory.module';
import { StaysModule } from '../stays/stays.module';
import { YoungPeopleModule } from '../young-people/young-people.module';
import { PlacementsService } from './placements.service';

/** Placement requests, matching, holds on beds and moving in. */
@Module({
  imports: [AuditModule, InventoryModule, YoungPeopleModule, StaysModule],
  providers: [PlacementsService],
  exports: [PlacementsService],
})
export class PlacementsModule {}
