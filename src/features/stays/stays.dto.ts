import { AllowedActionView } from '../../platform/http/allowed-actions.dto';
import { Trim } from '../../platform/http/transforms';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '../../platform/pagination';
import { NotBlank, Present } from '../../platform/http/validation';
import { ACCOMMODATION_CODES, type AccommodationCode } from '../../kernel/accommodation';

const INSTANT = /(Z|[+-]\d{2}:?\d{2})$/;

export class CreateStayDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() youngPersonId: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A managed bed; its service level gives the code and suitability',
  })
  @Present()
  @IsUUID()
  bedId?: string;
  @ApiPropertyOptional({
    enum: ACCOMMODATION_CODES,
    description: 'SSDA903 letter; required without a bed (W for a hotel)',
  })
  @Present()
  @IsIn(ACCOMMODATION_CODES)
  accommodationCode?: AccommodationCode;
  @ApiPropertyOptional({
    description:
      'Defaults from the code (V, W, S, X, R unsuitable) or the bed’s level; suitable V/W needs a manager and a reason',
  })
  @Present()
  @IsBoolean()
  suitable?: boolean;
  @ApiPropertyOptional({ maxLength: 500 })
  @Present()
  @Trim()
  @IsString()
  @NotBlank()
  @MaxLength(500)
  suitabilityReason?: string;
  @ApiPropertyOptional({ maxLength: 500, example: 'Premier Inn, Crewe' })
  @Present()
  @Trim()
  @IsString()
  @MaxLength(500)
  description?: string;
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Default now; may be in the past (recorded late), never in the future',
  })
  @Present()
  @IsISO8601({ strict: true }, { message: 'startedAt must be an ISO-8601 instant' })
  @Matches(INSTANT, { message: 'startedAt must include a time zone offset' })
  startedAt?: string;
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'A stay that is already over (history): when it ended. With endReason; fires nothing; no bed.',
  })
  @Present()
  @IsISO8601({ strict: true }, { message: 'endedAt must be an ISO-8601 instant' })
  @Matches(INSTANT, { message: 'endedAt must include a time zone offset' })
  endedAt?: string;
  @ApiPropertyOptional({ maxLength: 500, description: 'Why a past stay ended (with endedAt)' })
  @Present()
  @Trim()
  @IsString()
  @NotBlank()
  @MaxLength(500)
  endReason?: string;
  @ApiPropertyOptional({
    maxLength: 500,
    description:
      'Why a past stay is recorded now: required when it is inserted into history (it starts before a stay already recorded); audited',
    example: 'Found in the old paper file: she stayed with her aunt before the hotel',
  })
  @Present()
  @Trim()
  @IsString()
  @NotBlank()
  @MaxLength(500)
  reason?: string;
}

export class EndStayDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Default now; not before the start, not in the future' })
  @Present()
  @IsISO8601({ strict: true }, { message: 'endedAt must be an ISO-8601 instant' })
  @Matches(INSTANT, { message: 'endedAt must include a time zone offset' })
  endedAt?: string;
  @ApiProperty({ maxLength: 500, example: 'Moved to supported lodgings' })
  @Trim()
  @IsString()
  @NotBlank()
  @MaxLength(500)
  reason: string;
}

export class StayView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) youngPersonId: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) bedId: string | null;
  @ApiProperty({ enum: ACCOMMODATION_CODES }) accommodationCode: AccommodationCode;
  @ApiProperty() suitable: boolean;
  @ApiProperty({ description: 'Emergency provision' }) emergency: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) suitabilityReason: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) endedAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) endReason: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) holdId: string | null;
  @ApiPropertyOptional({ type: [AllowedActionView], description: 'For the caller: end' })
  allowedActions?: AllowedActionView[];
}

export class StayPage {
  @ApiProperty({ type: [StayView] }) items: StayView[];
  @ApiProperty() total: number;
}

export class StayQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() youngPersonId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() bedId?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true = only stays that have not ended' })
  @IsOptional()
  @IsIn(['true', 'false'])
  open?: 'true' | 'false';
}
