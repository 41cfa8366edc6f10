import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class CurrentStepView {
  @ApiProperty({ format: 'uuid' }) escalationId: string;
  @ApiProperty() step: number;
  @ApiProperty() role: string;
  @ApiProperty() status: string;
  @ApiProperty({ format: 'date-time' }) firedAt: string;
  @ApiProperty() policyName: string;
}

export class UnsuitableRow {
  @ApiProperty({ format: 'uuid' }) stayId: string;
  @ApiProperty({ format: 'uuid' }) youngPersonId: string;
  @ApiProperty() reference: string;
  @ApiProperty() age: number;
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
  @ApiPropertyOptional({ type: CurrentStepView, nullable: true, description: 'The most recent step that fired' })
  currentStep: CurrentStepView | null;
  @ApiProperty({ description: 'Whether the current step has been acknowledged' }) acknowledged: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) nextStepDueAt: string | null;
  @ApiProperty({
    description:
      '16-17 in B&B / hotel, night shelter or foyer; 18+ in B&B beyond two working days; pregnant or parent in B&B beyond six weeks',
  })
  breachesStatutoryLimit: boolean;
  @ApiProperty({ format: 'uuid' }) paUserId: string;
}

export class UnsuitableReport {
  @ApiProperty({ type: [UnsuitableRow], description: 'Longest first' }) items: UnsuitableRow[];
  @ApiProperty() total: number;
  @ApiProperty({ format: 'date-time' }) asOf: string;
}
