import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../../platform/pagination';

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'Bed' }) @IsOptional() @IsString() @MaxLength(60) entity?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() entityId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() actorUserId?: string;
}

export class AuditEventView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({
    type: String,
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

export class AuditPage {
  @ApiProperty({ type: [AuditEventView] }) items: AuditEventView[];
  @ApiProperty() total: number;
}
