import { Trim } from '../../platform/http/transforms';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
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
import { AllowedActionView } from '../../platform/http/allowed-actions.dto';
import { NotBlank, Nullable, Present } from '../../platform/http/validation';
import {
  HOLD_STATUSES,
  REQUEST_STATUSES,
  URGENCIES,
  type HoldStatus,
  type RequestStatus,
  type Urgency,
} from '../../kernel/placements';
import { AGE_BANDS, type AgeBand } from '../../kernel/care-leavers';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT_WITH_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/;

export class CreatePlacementRequestDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() youngPersonId: string;
  @ApiProperty({ enum: URGENCIES }) @IsIn(URGENCIES) urgency: Urgency;
  @ApiProperty({ format: 'date', example: '2026-11-24' })
  @Matches(DATE, { message: 'neededBy must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'neededBy must be a real calendar date' })
  neededBy: string;
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    nullable: true,
    description: 'Acceptable service levels; none = any',
  })
  @Nullable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  serviceLevelIds?: string[] | null;
  @ApiPropertyOptional({ type: [String], example: ['Crewe'] })
  @Present()
  @Trim()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @NotBlank({ each: true })
  @MaxLength(100, { each: true })
  preferredAreas?: string[];
  @ApiPropertyOptional({ maxLength: 2000 }) @Present() @Trim() @IsString() @MaxLength(2000) notes?: string;
}

export class PlacementRequestView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) youngPersonId: string;
  @ApiProperty({ format: 'uuid' }) requestedByUserId: string;
  @ApiProperty({ enum: URGENCIES }) urgency: Urgency;
  @ApiProperty({ format: 'date' }) neededBy: string;
  @ApiPropertyOptional({ type: [String], nullable: true }) serviceLevelIds: string[] | null;
  @ApiProperty({ type: [String] }) preferredAreas: string[];
  @ApiPropertyOptional({ type: String, nullable: true }) notes: string | null;
  @ApiProperty({ enum: REQUEST_STATUSES }) status: RequestStatus;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) placedAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) withdrawnAt: string | null;
  @ApiPropertyOptional({
    type: [AllowedActionView],
    description: 'For the caller: hold, hold_another (a deliberate second hold), withdraw',
  })
  allowedActions?: AllowedActionView[];
}

export class PlacementRequestPage {
  @ApiProperty({ type: [PlacementRequestView] }) items: PlacementRequestView[];
  @ApiProperty() total: number;
}

export class PlacementRequestQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REQUEST_STATUSES }) @IsOptional() @IsIn(REQUEST_STATUSES) status?: RequestStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() youngPersonId?: string;
  @ApiPropertyOptional({ enum: URGENCIES }) @IsOptional() @IsIn(URGENCIES) urgency?: Urgency;
}

export class WithdrawDto {
  @ApiPropertyOptional({ maxLength: 500 }) @Present() @Trim() @IsString() @MaxLength(500) reason?: string;
}

export class MatchQuery {
  @ApiPropertyOptional({ default: 50, minimum: 0, maximum: 500, description: 'How many candidates to return' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(500)
  limit?: number;
  @ApiPropertyOptional({ default: 0, minimum: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
  @ApiPropertyOptional({ default: 50, minimum: 0, maximum: 500, description: 'How many excluded beds to return' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(500)
  excludedLimit?: number;
  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  excludedOffset?: number;
}

export class ReasonView {
  @ApiProperty({ example: 'home_area' }) rule: string;
  @ApiProperty({
    oneOf: [{ type: 'number' }, { type: 'string', enum: ['excluded'] }],
    description: 'Score contribution, or "excluded" for a broken hard rule',
  })
  effect: number | 'excluded';
  @ApiProperty() detail: string;
}
export class CoResidentView {
  @ApiProperty({ enum: AGE_BANDS, description: 'Age band today' }) ageBand: AgeBand;
  @ApiProperty({ example: 'female' }) gender: string;
  @ApiProperty({ type: [String], example: ['fire_setting'] }) risks: string[];
}
export class CandidateView {
  @ApiProperty({ format: 'uuid' }) bedId: string;
  @ApiProperty() score: number;
  @ApiProperty({ type: [ReasonView] }) reasons: ReasonView[];
  @ApiProperty() bedLabel: string;
  @ApiProperty({ format: 'uuid' }) providerId: string;
  @ApiProperty() providerName: string;
  @ApiProperty() providerArea: string;
  @ApiProperty({
    description:
      "The provider's vacancies were not confirmed within VACANCY_STALE_AFTER: ranked after every confirmed one",
  })
  providerStale: boolean;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    format: 'date-time',
    description: 'When the provider last confirmed its vacancies (null: never)',
  })
  vacanciesConfirmedAt: string | null;
  @ApiProperty({
    type: [CoResidentView],
    description:
      'Who lives now in the other beds of the same house (same provider and service level), in summary only: no names or ids. Given for the returned candidates only.',
  })
  coResidents: CoResidentView[];
}
export class ExcludedGroupView {
  @ApiProperty({ example: 'availability' }) rule: string;
  @ApiProperty() count: number;
  @ApiProperty({ type: [String], description: 'The first few excluded beds (by id)' }) bedIds: string[];
}
export class NearestMissView {
  @ApiProperty({ format: 'uuid' }) bedId: string;
  @ApiProperty({ type: ReasonView, description: 'The one hard rule the bed breaks' }) reason: ReasonView;
  @ApiProperty() bedLabel: string;
  @ApiProperty() providerName: string;
}
export class ExcludedView {
  @ApiProperty({ format: 'uuid' }) bedId: string;
  @ApiProperty({ type: [ReasonView] }) reasons: ReasonView[];
}
export class MatchesView {
  @ApiProperty({ type: [CandidateView], description: 'Best first; never a bed that breaks a hard rule' })
  candidates: CandidateView[];
  @ApiProperty({ type: [ExcludedView] }) excluded: ExcludedView[];
  @ApiProperty() candidatesTotal: number;
  @ApiProperty() excludedTotal: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'How many beds each hard rule excluded',
  })
  excludedByRule: Record<string, number>;
  @ApiProperty({
    type: [ExcludedGroupView],
    description: 'The excluded beds grouped by hard rule (in the rules’ order), with counts and the first few bed ids',
  })
  excludedGroups: ExcludedGroupView[];
  @ApiProperty({
    type: [NearestMissView],
    description:
      'Beds breaking exactly one hard rule (the first ten by bed id): never candidates, shown to widen a search',
  })
  nearestMisses: NearestMissView[];
  @ApiProperty() nearestMissesTotal: number;
  @ApiProperty({ format: 'date', description: 'The move-in date the rules were judged on' }) moveInDate: string;
}

export class CreateHoldDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() bedId: string;
  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'The planned move-in: from today up to HOLD_MAX_LIFE (default 14 days) after the hold is made. Confirming then moves the young person in at this time.',
  })
  @Present()
  @IsISO8601({ strict: true }, { message: 'moveInAt must be an ISO-8601 instant' })
  @Matches(INSTANT_WITH_OFFSET, { message: 'moveInAt must include a time zone offset' })
  moveInAt?: string;
  @ApiPropertyOptional({
    default: false,
    description:
      'One request holds one bed: holding another while one is held needs `additional: true` (409 `request_already_holds` otherwise)',
  })
  @Present()
  @IsBoolean()
  additional?: boolean;
}

export class ExtendHoldDto {
  @ApiProperty({
    format: 'date-time',
    description:
      'The new expiry: later than the current one, at most HOLD_MAX_LIFE (default 14 days) after the hold was made',
  })
  @IsISO8601({ strict: true }, { message: 'until must be an ISO-8601 instant' })
  @Matches(INSTANT_WITH_OFFSET, { message: 'until must include a time zone offset' })
  until: string;
  @ApiProperty({ maxLength: 500, example: 'Provider confirming the room on Monday' })
  @Trim()
  @IsString()
  @NotBlank()
  @MaxLength(500)
  reason: string;
}

export class HoldView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) requestId: string;
  @ApiProperty({ format: 'uuid' }) bedId: string;
  @ApiProperty({ enum: HOLD_STATUSES }) status: HoldStatus;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'uuid' }) createdByUserId: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) endedAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) stayId: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    format: 'date-time',
    description: 'The planned move-in; a confirmed hold with no stay yet moves in then',
  })
  moveInAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Why it was released, when a reason was given' })
  endReason: string | null;
  @ApiPropertyOptional({ type: String, description: 'The name of whoever made the hold' }) heldByName?: string;
  @ApiPropertyOptional({ type: [AllowedActionView], description: 'For the caller: confirm, extend, release' })
  allowedActions?: AllowedActionView[];
}

export class HoldPage {
  @ApiProperty({ type: [HoldView] }) items: HoldView[];
  @ApiProperty() total: number;
}

export class ReleaseHoldDto {
  @ApiPropertyOptional({
    maxLength: 500,
    example: 'Young person declined the room',
    description: "Required to release a colleague's hold (they are told); optional for your own",
  })
  @Present()
  @Trim()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class ConfirmHoldDto {
  @ApiPropertyOptional({
    format: 'date-time',
    description:
      "When the young person moves in (default: the hold's planned move-in, else now). A future move-in (up to HOLD_MAX_LIFE after the hold was made) keeps the current stay, and its escalation clock, running until then: the answer is then 202 with the confirmed hold, and the stay starts at moveInAt.",
  })
  @Present()
  @IsISO8601({ strict: true }, { message: 'moveInAt must be an ISO-8601 instant' })
  @Matches(INSTANT_WITH_OFFSET, { message: 'moveInAt must include a time zone offset' })
  moveInAt?: string;
}
