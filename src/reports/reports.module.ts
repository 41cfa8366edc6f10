import { Module } from '@nestjs/common';
import { EscalationsModule } from '../escalations/escalations.module';
import { OccupancyController } from './occupancy.controller';
import { OccupancyService } from './occupancy.service';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';
import { Ssda903Controller } from './ssda903.controller';
import { Ssda903Service } from './ssda903.service';

@Module({
  imports: [EscalationsModule],
  controllers: [ReportsController, Ssda903Controller, OccupancyController],
  providers: [ReportsService, Ssda903Service, OccupancyService],
})
export class ReportsModule {}
