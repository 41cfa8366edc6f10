import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { AuditModule } from '../audit/audit.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { UsersModule } from '../users/users.module';
import { InventoryRemindersRepository } from './inventory-reminders.repository';
import { InventoryRemindersService } from './inventory-reminders.service';
import { BedHolders } from './bed-holders';
import { BedStateService } from './bed-state.service';
import { BedsRepository } from './beds.repository';
import { BedsService } from './beds.service';
import { MatchInventory } from './match-inventory';
import { ProvidersRepository } from './providers.repository';
import { ProvidersService } from './providers.service';
import { ServiceLevelsRepository } from './service-levels.repository';
import { ServiceLevelsService } from './service-levels.service';
import { VacancyBoardQueries } from './vacancy-board.queries';

/** Supply: service levels, providers, beds and their lifecycle, vacancies. */
@Module({
  imports: [AreasModule, AuditModule, NotificationsModule, UsersModule],
  providers: [
    ServiceLevelsRepository,
    ProvidersRepository,
    BedsRepository,
    ServiceLevelsService,
    ProvidersService,
    BedsService,
    BedStateService,
    MatchInventory,
    VacancyBoardQueries,
    InventoryRemindersRepository,
    InventoryRemindersService,
    BedHolders,
  ],
  exports: [
    InventoryRemindersService,
    ServiceLevelsRepository,
    ServiceLevelsService,
    ProvidersService,
    BedsService,
    BedStateService,
    MatchInventory,
    BedHolders,
  ],
})
export class InventoryModule {}
