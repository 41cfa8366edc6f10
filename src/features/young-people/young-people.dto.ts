import { Trim } from '../../platform/http/transforms';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PageQuery } from '../../platform/pagination';
import { NotBlank, Nullable, Present } from '../../platform/http/validation';
import { GENDERS, LEGAL_STATUSES, RISKS } from '../../kernel/care-leavers';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreateYoungPersonDto {
  @ApiPropertyOptional({ description: 'Council reference; generated (CL-…) when left out', example: 'CL-1001' })
  @Present()
  @Trim()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9/_-]{1,39}$/, {
    message: 'reference may contain letters, digits, / _ - (2 to 40 characters)',
  })
  reference?: string;
  @ApiProperty() @Trim() @IsString() @NotBlank() @MaxLength(100) firstName: string;
  @ApiProperty() @Trim() @IsString() @NotBlank() @MaxLength(100) lastName: string;
  @ApiProperty({ format: 'date', example: '2008-04-17' })
  @Matches(DATE, { message: 'dateOfBirth must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'dateOfBirth must be a real calendar date' })
  dateOfBirth: string;
  @ApiProperty({ enum: GENDERS }) @IsIn(GENDERS) gender: (typeof GENDERS)[number];
  @ApiProperty({ enum: LEGAL_STATUSES })
  @IsIn(LEGAL_STATUSES)
  legalStatus: (typeof LEGAL_STATUSES)[number];
  @ApiPropertyOptional({ default: false, description: 'Unaccompanied asylum-seeking child (ends at 18)' })
  @Present()
  @IsBoolean()
  uasc?: boolean;
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The allocated Personal Adviser; a PA creating a record is allocated by default',
  })
  @Present()
  @IsUUID()
  paUserId?: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Crewe' })
  @Nullable()
  @Trim()
  @IsString()
  @NotBlank()
  @MaxLength(100)
  homeArea?: string | null;
  @ApiPropertyOptional({ type: [String], example: ['Macclesfield'] })
  @Present()
  @Trim()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @NotBlank({ each: true })
  @MaxLength(100, { each: true })
  areasToAvoid?: string[];
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: 100,
    description: 'Assessed service level (its rank)',
  })
  @Nullable()
  @IsInt()
  @Min(1)
  @Max(100)
  needsServiceLevelRank?: number | null;
  @ApiPropertyOptional({ default: false }) @Present() @IsBoolean() stepFreeNeeded?: boolean;
  @ApiPropertyOptional({ default: false }) @Present() @IsBoolean() hasPet?: boolean;
  @ApiPropertyOptional({ default: false }) @Present() @IsBoolean() pregnantOrParent?: boolean;
  @ApiPropertyOptional({ type: [String], enum: RISKS, isArray: true })
  @Present()
  @IsArray()
  @ArrayUnique()
  @IsIn(RISKS, { each: true })
  risks?: (typeof RISKS)[number][];
  @ApiPropertyOptional({
    default: false,
    description:
      'Record the young person even though one with the same first name, last name and date of birth exists (otherwise 409 possible_duplicate)',
  })
  @Present()
  @IsBoolean()
  confirmedNotDuplicate?: boolean;
}

/**
 * PATCH body: an absent field is left alone; `null` is validated like any other value, so it is
 * refused (400 naming the field) for a field that must have a value and clears one marked nullable.
 */
export class UpdateYoungPersonDto extends PartialType(
  OmitType(CreateYoungPersonDto, ['confirmedNotDuplicate'] as const),
  {
    skipNullProperties: false,
  },
) {
  @ApiPropertyOptional({ description: 'The version you read; a stale one is refused with 409' })
  @Present()
  @IsInt()
  @Min(1)
  version?: number;
}

export class YoungPersonView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() reference: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty({ format: 'date' }) dateOfBirth: string;
  @ApiProperty({ description: 'Age today (Europe/London)' }) age: number;
  @ApiProperty({ enum: GENDERS }) gender: string;
  @ApiProperty({ enum: LEGAL_STATUSES }) legalStatus: string;
  @ApiProperty() uasc: boolean;
  @ApiProperty({ format: 'uuid' }) paUserId: string;
  @ApiPropertyOptional({ type: String, nullable: true }) homeArea: string | null;
  @ApiProperty({ type: [String] }) areasToAvoid: string[];
  @ApiPropertyOptional({ type: Number, nullable: true }) needsServiceLevelRank: number | null;
  @ApiProperty() stepFreeNeeded: boolean;
  @ApiProperty() hasPet: boolean;
  @ApiProperty() pregnantOrParent: boolean;
  @ApiProperty({ type: [String], enum: RISKS, isArray: true }) risks: string[];
  @ApiProperty() version: number;
}

export class YoungPersonPage {
  @ApiProperty({ type: [YoungPersonView] }) items: YoungPersonView[];
  @ApiProperty() total: number;
}

export class YoungPersonQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() paUserId?: string;
  @ApiPropertyOptional({ description: 'Exact reference' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(40)
  reference?: string;
  @ApiPropertyOptional({
    maxLength: 100,
    description:
      'Search: words found in the first or last name (any order, any case, part of a name), a reference (any case, whole or its start), or a date of birth (dd/mm/yyyy or yyyy-mm-dd)',
    example: 'jo smi',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}
