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
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The actor’s name; null when the service itself acted',
    example: 'Sam Patel',
  })
  actorName: string | null;
  @ApiProperty({ example: 'bed.updated' }) action: string;
  @ApiProperty({ example: 'Bed' }) entity: string;
  @ApiProperty({ format: 'uuid' }) entityId: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) changes: Record<string, unknown>;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description:
      'The name of every member of staff the event names, by id: its actor, the user it is about, and users in its changes (paUserId, managerId, …)',
  })
  userNames: Record<string, string>;
}

export class AuditPage {
  @ApiProperty({ type: [AuditEventView] }) items: AuditEventView[];
  @ApiProperty() total: number;
}
