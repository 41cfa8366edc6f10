import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Trim } from '../../platform/http/transforms';
import { PageQuery } from '../../platform/pagination';
import { URGENCIES, type Urgency } from '../../kernel/placements';
import { STATUTORY_BREACHES, type StatutoryBreach } from '../../kernel/statutory-limits';

export class QueueQuery extends PageQuery {
  @ApiPropertyOptional({ description: "The young person's home area (from GET /areas)", example: 'Crewe' })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  area?: string;
  @ApiPropertyOptional({ enum: URGENCIES }) @IsOptional() @IsIn(URGENCIES) urgency?: Urgency;
}

export class CurrentAccommodationView {
  @ApiProperty({ description: 'SSDA903 accommodation code' }) code: string;
  @ApiProperty() label: string;
  @ApiProperty({ description: 'Whether the stay is suitable for the young person now (the kernel’s rule)' })
  suitable: boolean;
  @ApiProperty({
    format: 'date-time',
    description: 'Since when: the start of the unbroken run of unsuitable or emergency stays, else of the stay',
  })
  since: string;
  @ApiProperty() hours: number;
  @ApiProperty() workingDays: number;
}

export class QueueYoungPersonView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() reference: string;
  @ApiProperty() name: string;
  @ApiProperty() age: number;
  @ApiPropertyOptional({ type: String, nullable: true }) homeArea: string | null;
  @ApiPropertyOptional({ type: CurrentAccommodationView, nullable: true })
  currentAccommodation: CurrentAccommodationView | null;
}

export class QueuePaView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiPropertyOptional({ type: String, nullable: true }) name: string | null;
}

export class QueueHoldView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) bedId: string;
  @ApiProperty() bedLabel: string;
  @ApiProperty() providerName: string;
  @ApiProperty({ format: 'date-time' }) until: string;
  @ApiProperty({ format: 'uuid' }) heldByUserId: string;
  @ApiPropertyOptional({ type: String, nullable: true }) heldByName: string | null;
}

export class QueuePriorityView {
  @ApiProperty({
    minimum: 1,
    maximum: 4,
    description:
      '1 under 18 in unsuitable accommodation; 2 emergency, already in unsuitable accommodation; 3 other emergency; 4 planned',
  })
  rank: number;
  @ApiProperty({ type: [String] }) reasons: string[];
}

export class QueueItemView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['open', 'held'] }) status: 'open' | 'held';
  @ApiProperty({ enum: URGENCIES }) urgency: Urgency;
  @ApiProperty({ format: 'date' }) neededBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ type: QueueYoungPersonView }) youngPerson: QueueYoungPersonView;
  @ApiProperty({ type: QueuePaView }) pa: QueuePaView;
  @ApiProperty({ type: [QueueHoldView] }) holds: QueueHoldView[];
  @ApiProperty({ enum: STATUTORY_BREACHES, isArray: true }) breaches: StatutoryBreach[];
  @ApiProperty({ type: QueuePriorityView }) priority: QueuePriorityView;
}

export class QueueWarningView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() reference: string;
  @ApiProperty() name: string;
  @ApiProperty() age: number;
  @ApiProperty({ description: 'SSDA903 accommodation code' }) where: string;
  @ApiProperty() whereLabel: string;
  @ApiProperty({ format: 'date-time' }) since: string;
}

export class QueuePage {
  @ApiProperty({ type: [QueueItemView] }) items: QueueItemView[];
  @ApiProperty() total: number;
  @ApiProperty({
    type: [QueueWarningView],
    description: 'Young people in unsuitable accommodation with no open placement request',
  })
  warnings: QueueWarningView[];
  @ApiProperty({ format: 'date-time' }) asOf: string;
}
