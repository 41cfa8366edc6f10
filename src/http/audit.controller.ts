import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { EntityManager } from '@mikro-orm/postgresql';
import { Roles } from './auth/current-user';
import { CAN } from '../kernel/roles';
import { Page, PageQuery, pageOf } from '../platform/pagination';
import { AuditEvent } from '../features/audit/audit-event.entity';

class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'Bed' }) @IsOptional() @IsString() @MaxLength(60) entity?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() entityId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() actorUserId?: string;
}

export class AuditEventView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    description: 'null when the service itself acted (timers, reconciler)',
  })
  actorUserId: string | null;
  @ApiProperty({ example: 'bed.updated' }) action: string;
  @ApiProperty({ example: 'Bed' }) entity: string;
  @ApiProperty({ format: 'uuid' }) entityId: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) changes: Record<string, unknown>;
}

class AuditPage {
  @ApiProperty({ type: [AuditEventView] }) items: AuditEventView[];
  @ApiProperty() total: number;
}

export function toAuditView(e: AuditEvent): AuditEventView {
  return {
    id: e.id,
    at: e.at.toISOString(),
    actorUserId: e.actorUserId ?? null,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    changes: e.changes,
  };
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly em: EntityManager) {}

  @Get()
  @Roles(...CAN.readAudit)
  @ApiOkResponse({ type: AuditPage, description: 'Newest first' })
  async list(@Query() q: AuditQuery): Promise<Page<AuditEventView>> {
    const { limit, offset } = pageOf(q);
    const where = { entity: q.entity, entityId: q.entityId, actorUserId: q.actorUserId };
    const [rows, total] = await this.em.findAndCount(AuditEvent, where, {
      orderBy: { at: 'desc', id: 'desc' },
      limit,
      offset,
    });
    return { items: rows.map(toAuditView), total };
  }
}
