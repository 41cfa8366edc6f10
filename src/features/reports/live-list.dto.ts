import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { STATUTORY_BREACHES, type StatutoryBreach } from '../../kernel/statutory-limits';

/** `GET /reports/unsuitable-accommodation` filters (unknown parameters are refused). */
export class LiveListQuery {
  @ApiPropertyOptional({
    example: 'Crewe',
    description: 'Only young people whose home area is this one (any case; must be on the list of areas, GET /areas)',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  area?: string;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true = only those whose stay breaks a statutory limit; false = only those whose stay does not',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  breach?: 'true' | 'false';

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description:
      'true = only those whose current step is not acknowledged (or nothing fired yet); false = only acknowledged ones',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  unacknowledged?: 'true' | 'false';
}

export class CurrentStepView {
  @ApiProperty({ format: 'uuid' }) escalationId: string;
  @ApiProperty() step: number;
  @ApiProperty() role: string;
  @ApiProperty() status: string;
  @ApiProperty({ format: 'date-time' }) firedAt: string;
  @ApiProperty() policyName: string;
}

export class NextStepView {
  @ApiProperty({
    description: 'The role the next step is addressed to (a manager; the PA only when no manager step is to come)',
  })
  role: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
}

export class AcknowledgementView {
  @ApiProperty({ format: 'uuid', description: 'The step acknowledged' }) escalationId: string;
  @ApiProperty({ format: 'uuid' }) byUserId: string;
  @ApiPropertyOptional({ type: String, nullable: true }) byName: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiPropertyOptional({ type: String, nullable: true }) actionPlan: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date' }) reviewBy: string | null;
  @ApiProperty({ description: 'Its review date passed unrenewed: the step is open again' }) lapsed: boolean;
}

export class OpenPlacementRequestView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['open', 'held'] }) status: string;
  @ApiProperty({ format: 'date' }) neededBy: string;
  @ApiProperty({ enum: ['emergency', 'planned'] }) urgency: string;
}

export class UnsuitableRow {
  @ApiProperty({ format: 'uuid' }) stayId: string;
  @ApiProperty({ format: 'uuid' }) youngPersonId: string;
  @ApiProperty() reference: string;
  @ApiProperty({ description: 'First and last name (the list is for staff; a PA sees their own caseload)' })
  name: string;
  @ApiProperty() age: number;
  @ApiPropertyOptional({ type: String, nullable: true, description: "The young person's home area" })
  homeArea: string | null;
  @ApiProperty() accommodationCode: string;
  @ApiPropertyOptional({ type: String, nullable: true }) description: string | null;
  @ApiProperty() suitable: boolean;
  @ApiProperty() emergency: boolean;
  @ApiProperty({ format: 'date-time', description: 'When this stay started' }) startedAt: string;
  @ApiProperty({
    format: 'date-time',
    description: 'When the clock started (the first of an unbroken run of unsuitable or emergency stays)',
  })
  clockStartedAt: string;
  @ApiProperty({ description: 'Whole hours since the clock started' }) hoursElapsed: number;
  @ApiProperty({
    description: 'Whole working days since the clock started (weekends, bank holidays and closure days skipped)',
  })
  workingDaysElapsed: number;
  @ApiPropertyOptional({
    type: CurrentStepView,
    nullable: true,
    description:
      'The most senior step that has fired (by role: team manager < service manager < head of service < director; then the latest). ' +
      "The PA's copy only when nothing else has fired.",
  })
  currentStep: CurrentStepView | null;
  @ApiProperty({
    description: 'The current step, or a more senior one fired after it, holds an acknowledgement that has not lapsed',
  })
  acknowledged: boolean;
  @ApiPropertyOptional({
    type: AcknowledgementView,
    nullable: true,
    description: 'The most recent acknowledgement of any step on the clock, lapsed or not',
  })
  latestAcknowledgement: AcknowledgementView | null;
  @ApiPropertyOptional({ type: NextStepView, nullable: true, description: 'The earliest step still scheduled' })
  nextStep: NextStepView | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    format: 'date-time',
    description: 'When the earliest scheduled step (of any role) falls due',
  })
  nextStepDueAt: string | null;
  @ApiProperty({ description: 'A step of the clock fired to nobody responsible and is still open' }) unrouted: boolean;
  @ApiProperty({
    enum: STATUTORY_BREACHES,
    isArray: true,
    description:
      'under_18_unsuitable: 16-17 in B&B / hotel, night shelter or foyer; adult_two_working_days: 18+ in B&B beyond two working days; ' +
      'parent_six_weeks: pregnant or parent in B&B beyond six weeks',
  })
  breaches: StatutoryBreach[];
  @ApiProperty({ description: 'breaches is not empty' })
  breachesStatutoryLimit: boolean;
  @ApiProperty({ format: 'uuid' }) paUserId: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: "The allocated PA's name" }) paName: string | null;
  @ApiPropertyOptional({
    type: OpenPlacementRequestView,
    nullable: true,
    description: "The young person's most urgent open or held placement request (emergency first, then needed soonest)",
  })
  openPlacementRequest: OpenPlacementRequestView | null;
}

export class UnsuitableReport {
  @ApiProperty({
    type: [UnsuitableRow],
    description: 'Under-18s first, then anyone breaking a statutory limit, then longest first (by clock start)',
  })
  items: UnsuitableRow[];
  @ApiProperty() total: number;
  @ApiProperty({ format: 'date-time' }) asOf: string;
}
