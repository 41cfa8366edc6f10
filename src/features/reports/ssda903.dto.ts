import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { MAX_YEAR, MIN_YEAR } from '../../kernel/ssda903';

/** `?year=2025` is the collection year 1 April 2025 – 31 March 2026. Digits only: `abc`, `2025.5`, `1e3` are refused. */
export class Ssda903Query {
  @ApiProperty({
    type: 'integer',
    minimum: MIN_YEAR,
    maximum: MAX_YEAR,
    example: 2025,
    description: 'Collection year: 2025 means 1 April 2025 to 31 March 2026',
  })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : value,
  )
  @IsInt({ message: 'year must be a whole year such as 2025' })
  @Min(MIN_YEAR, { message: `year must be ${MIN_YEAR} or later` })
  @Max(MAX_YEAR, { message: `year must be ${MAX_YEAR} or earlier` })
  year: number;
}

export const EXCEPTION_REASONS = [
  'no_stay_around_birthday',
  'birthday_not_reached',
  'no_contact_around_birthday',
  'no_activity_recorded',
  'foyer_under_18',
  'former_foster_carers_at_17',
  'breaks_dfe_rule',
] as const;

export class Ssda903Exception {
  @ApiProperty({ format: 'uuid' }) youngPersonId: string;
  @ApiProperty({ description: 'CHILD in the extract' }) reference: string;
  @ApiProperty({ format: 'date', description: 'The birthday the row is about' }) birthday: string;
  @ApiProperty({ enum: [17, 18, 19, 20, 21] }) age: number;
  @ApiProperty({ enum: EXCEPTION_REASONS }) reason: (typeof EXCEPTION_REASONS)[number];
  @ApiProperty({
    example:
      'No stay is recorded between 2025-03-15 and 2025-09-15 (three months either side of the 18th birthday on 2025-06-15)',
  })
  detail: string;
  @ApiPropertyOptional({
    type: [String],
    example: ['344'],
    description: 'With breaks_dfe_rule: the DfE rule numbers the row would break',
  })
  rules?: string[];
}

export class Ssda903Adjustment {
  @ApiProperty({ format: 'uuid' }) youngPersonId: string;
  @ApiProperty() reference: string;
  @ApiProperty({ format: 'date' }) birthday: string;
  @ApiProperty({ format: 'uuid' }) stayId: string;
  @ApiProperty({ example: 'T1', description: 'The code as the stay records it' }) recorded: string;
  @ApiProperty({ example: 'T2', description: 'The code reported in ACCOM' }) reported: string;
  @ApiProperty({ example: 'T is never suitable under 18' }) reason: string;
}

export class Ssda903NotRecorded {
  @ApiProperty({ enum: ['IN_TOUCH', 'ACTIV'] }) column: string;
  @ApiProperty() detail: string;
}

export class Ssda903Scope {
  @ApiProperty({ description: 'Young people with a 17th–21st birthday in the year who are not still looked after' })
  inScope: number;
  @ApiProperty({ description: 'Rows in the CSV' }) rows: number;
  @ApiProperty({ description: 'Rows that could not be filled (listed in items)' }) exceptions: number;
  @ApiProperty({ description: 'Left out: legal status eligible (still looked after)' }) stillLookedAfter: number;
}

export class Ssda903ExceptionsReport {
  @ApiProperty({ example: 2025 }) year: number;
  @ApiProperty({ format: 'date', example: '2025-04-01' }) collectionStart: string;
  @ApiProperty({ format: 'date', example: '2026-03-31' }) collectionEnd: string;
  @ApiProperty({
    type: [Ssda903Exception],
    description: 'Rows left out of the CSV because they cannot be filled without guessing; by reference',
  })
  items: Ssda903Exception[];
  @ApiProperty() total: number;
  @ApiProperty({
    type: [Ssda903Adjustment],
    description:
      'Rows whose suitability digit differs from the recorded suitability (S/X always 2; T/W/V at 17 always 2)',
  })
  adjustments: Ssda903Adjustment[];
  @ApiProperty({
    type: [Ssda903NotRecorded],
    description: 'Columns the service does not record (none now: contacts give IN_TOUCH and ACTIV)',
  })
  notRecorded: Ssda903NotRecorded[];
  @ApiProperty({ type: Ssda903Scope }) scope: Ssda903Scope;
  @ApiProperty({ description: 'How ACCOM is chosen around the birthday' }) accomRule: string;
  @ApiProperty({ description: 'How IN_TOUCH and ACTIV are chosen from the keeping-in-touch contacts' })
  inTouchRule: string;
  @ApiPropertyOptional({ format: 'date-time' }) asOf: string;
}
