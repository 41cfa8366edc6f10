import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AreasRepository } from './areas.repository';
import { AreasService } from './areas.service';

/** The council's managed list of areas (towns, patches) that users, providers and young people name. */
@Module({
  imports: [AuditModule],
  providers: [AreasRepository, AreasService],
  exports: [AreasService],
})
export class AreasModule {}
