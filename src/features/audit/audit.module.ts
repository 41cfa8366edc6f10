import { Module } from '@nestjs/common';
import { AuditService } from './audit.service';

/** The audit trail: every change with its actor, written in the transaction that makes the change. */
@Module({ providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
