import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, Matches } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const MAX_NIGHTS = 366;

export class OccupancyQuery {
  @ApiProperty({ format: 'date', example: '2026-03-02', description: 'First night (included)' })
  @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'from must be a real calendar date' })
  from: string;

  @ApiProperty({
    format: 'date',
    example: '2026-03-09',
    description: `The night after the last one (excluded): from=2026-03-02&to=2026-03-09 is the seven nights of 2–8 March. At most ${MAX_NIGHTS} nights.`,
  })
  @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'to must be a real calendar date' })
  to: string;
}

export class BedNights {
  @ApiProperty() available: number;
  @ApiProperty() held: number;
  @ApiProperty() occupied: number;
  @ApiProperty() outOfService: number;
  @ApiProperty({ description: 'All four together: beds in existence, night by night' }) total: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'occupied / (total - outOfService), 0–1, 3 decimals; null when no bed was in service',
  })
  occupancyRate: number | null;
}

export class OccupancyRow {
  @ApiProperty({ format: 'uuid' }) serviceLevelId: string;
  @ApiProperty() serviceLevelCode: string;
  @ApiProperty() serviceLevelName: string;
  @ApiProperty() rank: number;
  @ApiProperty() area: string;
  @ApiProperty({ type: BedNights }) bedNights: BedNights;
}

export class WaitHours {
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Median hours from createdAt to placedAt (1 decimal); null when none was placed',
  })
  median: number | null;
  @ApiProperty({ type: Number, nullable: true }) max: number | null;
}

export class RequestFigures {
  @ApiProperty({ description: 'Raised (createdAt) on a day in the range' }) raised: number;
  @ApiProperty({ description: 'Placed (placedAt) on a day in the range' }) placed: number;
  @ApiProperty({ description: 'Withdrawn on a day in the range' }) withdrawn: number;
  @ApiProperty({ description: 'Raised before the end of the range and neither placed nor withdrawn by then' })
  waitingAtEnd: number;
  @ApiProperty({ type: WaitHours, description: 'Of the requests placed in the range' }) waitHours: WaitHours;
}

export class AgeBandNights {
  @ApiProperty({ enum: ['16-17', '18-20', '21-25', 'other'], description: 'Age on the night' }) band: string;
  @ApiProperty() nights: number;
}

export class UnsuitableNights {
  @ApiProperty({ description: 'Nights young people spent in accommodation recorded as unsuitable' }) total: number;
  @ApiProperty({ type: [AgeBandNights] }) byAgeBand: AgeBandNights[];
}

export class OccupancyReport {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date', description: 'Excluded' }) to: string;
  @ApiProperty({ description: 'Nights in the range' }) nights: number;
  @ApiProperty({
    format: 'date',
    description:
      'The nights before this date (excluded, as `to` is) are counted: `to` for a range already over, today (Europe/London) for one reaching today or later, `from` for one wholly in the future',
  })
  countedUntil: string;
  @ApiProperty({ description: 'Nights counted: those of the range already over (0 for a range wholly in the future)' })
  nightsCounted: number;
  @ApiProperty({ description: 'How a night is counted' }) definition: string;
  @ApiProperty({ type: [OccupancyRow], description: 'Bed nights by service level (rank order) and area' })
  items: OccupancyRow[];
  @ApiProperty() total: number;
  @ApiProperty({ type: BedNights }) totals: BedNights;
  @ApiProperty({ type: RequestFigures }) requests: RequestFigures;
  @ApiProperty({ type: UnsuitableNights }) unsuitableNights: UnsuitableNights;
  @ApiProperty({ format: 'date-time' }) asOf: string;
}
