import { Module } from '@nestjs/common';
import { EscalationsModule } from '../escalations/escalations.module';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({
  imports: [EscalationsModule],
  controllers: [ReportsController],
  providers: [ReportsService],
})
export class ReportsModule {}
