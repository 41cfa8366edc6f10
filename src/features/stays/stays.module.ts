import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { InventoryModule } from '../inventory/inventory.module';
import { YoungPeopleModule } from '../young-people/young-people.module';
import { StayEvents } from './stay-events';
import { StayRecordingService } from './stay-recording.service';
import { StaysRepository } from './stays.repository';
import { StaysService } from './stays.service';

/** Where each young person is: stays in managed beds or anywhere else, one open stay per person. */
@Module({
  imports: [AuditModule, InventoryModule, YoungPeopleModule],
  providers: [StaysRepository, StayRecordingService, StaysService, StayEvents],
  exports: [StaysService, StayEvents],
})
export class StaysModule {}
