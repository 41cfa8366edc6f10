import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '../../platform/pagination';

/** What can appear on a timeline: only things that happened (a step still pending is not an event). */
export const TIMELINE_KINDS = [
  'request.raised',
  'hold.created',
  'hold.released',
  'hold.expired',
  'hold.confirmed',
  'request.placed',
  'request.withdrawn',
  'stay.ended',
  'escalation.clock_stopped',
  'stay.started',
  'escalation.clock_started',
  'escalation.fired',
  'escalation.acknowledged',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export class TimelineQuery extends PageQuery {}

export class TimelineActor {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'director' }) role: string;
}

export class TimelineNotification {
  @ApiProperty({ enum: ['in_app', 'email', 'webhook'] }) channel: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'The person told (null for a role webhook)',
  })
  recipientUserId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) recipientName: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'The role they were told as (the step role, or pa for the allocated PA)',
  })
  recipientRole: string | null;
  @ApiProperty({
    enum: ['pending', 'retrying', 'sent', 'failed'],
    description: 'sent = delivered (in-app: in the inbox; email: accepted by the mail server; webhook: 2xx)',
  })
  status: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) sentAt: string | null;
  @ApiProperty({ description: 'Delivery attempts made' }) attempts: number;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    format: 'date-time',
    description: 'When an in-app message was read',
  })
  readAt: string | null;
}

export class TimelineEntry {
  @ApiProperty({
    format: 'date-time',
    description: 'When it happened (a stay: its start or end as recorded; a step: when it fired)',
  })
  at: string;
  @ApiProperty({ enum: TIMELINE_KINDS }) kind: TimelineKind;
  @ApiProperty({ example: 'Stay started: W2 bed and breakfast / hotel (unsuitable), Travelodge Crewe' })
  summary: string;
  @ApiPropertyOptional({
    type: TimelineActor,
    nullable: true,
    description: 'Who did it; null when the service did it (a timer, the sweep)',
  })
  actor: TimelineActor | null;

  @ApiPropertyOptional({ format: 'uuid' }) stayId?: string;
  @ApiPropertyOptional({ description: 'SSDA903 accommodation letter' }) accommodationCode?: string;
  @ApiPropertyOptional() suitable?: boolean;
  @ApiPropertyOptional() emergency?: boolean;
  @ApiPropertyOptional({
    example: 'W2',
    description: 'SSDA903 letter plus suitability digit (1 suitable, 2 unsuitable)',
  })
  ssda903?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) description?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) endReason?: string | null;
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When a stay was recorded (it may have been recorded after it started)',
  })
  recordedAt?: string;

  @ApiPropertyOptional({ format: 'uuid' }) requestId?: string;
  @ApiPropertyOptional({ enum: ['emergency', 'planned'] }) urgency?: string;
  @ApiPropertyOptional({ format: 'date' }) neededBy?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) reason?: string | null;

  @ApiPropertyOptional({ format: 'uuid' }) holdId?: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) bedId?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) bedLabel?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) providerName?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) area?: string | null;
  @ApiPropertyOptional({ format: 'date-time' }) expiresAt?: string;

  @ApiPropertyOptional({ format: 'uuid' }) escalationId?: string;
  @ApiPropertyOptional({ description: 'Step number on the ladder, 1 = first' }) step?: number;
  @ApiPropertyOptional({ description: '0 for the step itself, 1, 2, … for its repeats' }) occurrence?: number;
  @ApiPropertyOptional({ description: 'The role the step alerts' }) role?: string;
  @ApiPropertyOptional() policyName?: string;
  @ApiPropertyOptional() policyVersion?: number;
  @ApiPropertyOptional({ format: 'date-time' }) dueAt?: string;
  @ApiPropertyOptional({
    type: [TimelineNotification],
    description: 'Who was told, through which channel, and whether it was delivered',
  })
  notifications?: TimelineNotification[];
  @ApiPropertyOptional({ type: String, nullable: true }) actionPlan?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date' }) reviewBy?: string | null;
  @ApiPropertyOptional({
    description: 'escalation.clock_started: the policies (and versions) that govern the clock',
    type: 'array',
    items: { type: 'object' },
  })
  policies?: unknown[];
  @ApiPropertyOptional({ description: 'escalation.clock_stopped: pending steps cancelled' }) cancelled?: number;
  @ApiPropertyOptional({ description: 'escalation.clock_stopped: fired steps closed' }) closed?: number;
}

export class TimelineYoungPerson {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() reference: string;
}

export class TimelinePage {
  @ApiProperty({ type: TimelineYoungPerson }) youngPerson: TimelineYoungPerson;
  @ApiProperty({ type: [TimelineEntry], description: 'Oldest first' }) items: TimelineEntry[];
  @ApiProperty() total: number;
}
