import { Module } from '@nestjs/common';
import { EscalationsModule } from '../escalations/escalations.module';
import { OccupancyController } from '../../http/occupancy.controller';
import { OccupancyService } from './occupancy.service';
import { ReportsController } from '../../http/live-list.controller';
import { ReportsService } from './live-list.service';
import { Ssda903Controller } from '../../http/ssda903.controller';
import { Ssda903Service } from './ssda903.service';

@Module({
  imports: [EscalationsModule],
  controllers: [ReportsController, Ssda903Controller, OccupancyController],
  providers: [ReportsService, Ssda903Service, OccupancyService],
})
export class ReportsModule {}
