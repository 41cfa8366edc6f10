import { VIA, type Via } from '../../kernel/routing';
import { Trim } from '../../platform/http/transforms';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { NotBlank } from '../../platform/http/validation';
import { PageQuery } from '../../platform/pagination';
import { ESCALATION_STATUSES, type EscalationStatus } from '../../kernel/ladder';
import { AllowedActionView } from '../../platform/http/allowed-actions.dto';

export class EscalationQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ESCALATION_STATUSES })
  @IsOptional()
  @IsIn(ESCALATION_STATUSES)
  status?: EscalationStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() stayId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() youngPersonId?: string;
}

export class RecipientView {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ example: 'team_manager' }) role: string;
  @ApiProperty({
    enum: VIA,
    description:
      'How they were found: the PA’s line manager, the young person’s home area, council-wide, a more senior role standing in, or the allocated PA (told as the PA)',
  })
  via: Via;
}

export class EscalationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'The stay whose start started this clock' }) stayId: string;
  @ApiProperty({ format: 'uuid' }) youngPersonId: string;
  @ApiProperty({ description: 'Step number on the ladder, 1 = first' }) step: number;
  @ApiProperty({ description: '0 for the step itself, 1, 2, … for its repeats' }) occurrence: number;
  @ApiProperty({ example: 'service_manager' }) role: string;
  @ApiProperty({ format: 'uuid' }) policyId: string;
  @ApiProperty() policyVersion: number;
  @ApiProperty() policyName: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) firedAt: string | null;
  @ApiProperty({ enum: ESCALATION_STATUSES }) status: EscalationStatus;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) acknowledgedAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) acknowledgedByUserId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) actionPlan: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date' }) reviewBy: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) closedAt: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      'Why it closed without being acknowledged: `recorded_late` (passed over when a late-recorded stay fired only its most senior overdue step)',
  })
  closedReason: string | null;
  @ApiProperty({
    type: [RecipientView],
    description: 'Who the step reached when it fired, and how each was found (empty until it fires)',
  })
  recipients: RecipientView[];
  @ApiProperty({
    description: 'Fired, and nobody holding its role or a more senior one could be found (an administrator is told)',
  })
  unrouted: boolean;
  @ApiProperty({ description: 'Fired when its stay was recorded, after it had fallen due' }) recordedLate: boolean;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    format: 'date-time',
    description: 'When an acknowledgement lapsed (not renewed by its review date) and the step opened again',
  })
  acknowledgementLapsedAt: string | null;
  @ApiProperty({
    type: [AllowedActionView],
    description:
      'For the caller: `acknowledge` — allowed, or why not (the step is addressed to a more senior role, or to ' +
      'another young person’s PA: `POST /escalations/:id/acknowledge` answers `403`; the step has not fired or is ' +
      'already acknowledged or closed: `409`)',
  })
  allowedActions: AllowedActionView[];
}

export class EscalationPage {
  @ApiProperty({ type: [EscalationView] }) items: EscalationView[];
  @ApiProperty() total: number;
}

export class AcknowledgeDto {
  @ApiProperty({ maxLength: 4000, example: 'Supported lodgings referral made; review at panel Thursday' })
  @Trim()
  @IsString()
  @NotBlank()
  @MaxLength(4000)
  actionPlan: string;
  @ApiProperty({
    format: 'date',
    example: '2026-11-26',
    description:
      'When the plan will be reviewed: today or later, and no later than the acknowledgement plus the policy’s `maxReviewAfter` (default five working days)',
  })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'reviewBy must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'reviewBy must be a real calendar date' })
  reviewBy: string;
}

export class ClosureDayDto {
  @ApiProperty({ format: 'date', example: '2026-12-24' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'date must be a real calendar date' })
  date: string;
  @ApiProperty({ example: 'Council closure' }) @Trim() @IsString() @NotBlank() @MaxLength(200) reason: string;
}

export class ClosureDayView {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty() reason: string;
}

export class ClosureDayPage {
  @ApiProperty({ type: [ClosureDayView] }) items: ClosureDayView[];
  @ApiProperty() total: number;
}

/** One of the caller's acknowledgements and its review (`GET /me/reviews`). */
export class ReviewView {
  @ApiProperty({ format: 'uuid', description: 'The escalation step acknowledged' }) escalationId: string;
  @ApiProperty({ description: 'Step number on the ladder, 1 = first' }) step: number;
  @ApiProperty({ example: 'team_manager', description: 'The role the step is addressed to' }) role: string;
  @ApiProperty({ format: 'uuid' }) youngPersonId: string;
  @ApiProperty({ example: 'CL-1001' }) reference: string;
  @ApiProperty({ example: 'A.T.' }) initials: string;
  @ApiProperty({ format: 'date-time' }) acknowledgedAt: string;
  @ApiProperty({ format: 'date', description: 'When the plan is to be reviewed' }) reviewBy: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    format: 'date-time',
    description:
      'When the review falls due: the office opening on `reviewBy` (the next one when that has passed); the acknowledger is reminded then and an acknowledgement not renewed lapses',
  })
  reviewDueAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) actionPlan: string | null;
  @ApiProperty({
    description: 'The review fell due and the acknowledgement lapsed: the step is open again until acknowledged afresh',
  })
  lapsed: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) acknowledgementLapsedAt: string | null;
}

export class ReviewPage {
  @ApiProperty({ type: [ReviewView], description: 'Oldest review date first' }) items: ReviewView[];
  @ApiProperty() total: number;
}
