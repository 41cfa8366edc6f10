import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { AuditModule } from '../audit/audit.module';
import { EscalationsModule } from '../escalations/escalations.module';
import { InventoryModule } from '../inventory/inventory.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { UsersModule } from '../users/users.module';
import { StaysModule } from '../stays/stays.module';
import { YoungPeopleModule } from '../young-people/young-people.module';
import { HoldConfirmationService } from './hold-confirmation.service';
import { HoldsService } from './holds.service';
import { MatchQueries } from './matches.queries';
import { MatchesService } from './matches.service';
import { PlacementActions } from './placement-actions';
import { PlacementsRepository } from './placements.repository';
import { PlacementsService } from './placements.service';
import { QueueQueries } from './queue.queries';
import { QueueService } from './queue.service';
import { RequestNotices } from './request-notices.service';
import { RequestVisibility } from './request-visibility';

/** Placement requests, matching, holds on beds and moving in; the housing officers' queue and its notices. */
@Module({
  imports: [
    AreasModule,
    AuditModule,
    InventoryModule,
    NotificationsModule,
    UsersModule,
    YoungPeopleModule,
    StaysModule,
    EscalationsModule,
  ],
  providers: [
    PlacementsRepository,
    RequestVisibility,
    PlacementActions,
    PlacementsService,
    MatchQueries,
    MatchesService,
    HoldsService,
    HoldConfirmationService,
    QueueQueries,
    QueueService,
    RequestNotices,
  ],
  exports: [PlacementActions, PlacementsService, MatchesService, HoldsService, HoldConfirmationService, QueueService],
})
export class PlacementsModule {}
