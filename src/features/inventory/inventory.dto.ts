import { AllowedActionView } from '../../platform/http/allowed-actions.dto';
import { Trim } from '../../platform/http/transforms';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEmail,
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
import { ACCOMMODATION_CODES, type AccommodationCode } from '../../kernel/accommodation';
import { AGE_BANDS, SUPPLY_GROUPS, type AgeBand, type SupplyGroup } from '../../kernel/vacancy-board';
import {
  BED_GENDERS,
  BED_STATUSES,
  OFSTED_CATEGORIES,
  type BedGender,
  type BedStatus,
  type OfstedCategory,
} from '../../kernel/inventory';

// ---------- service levels ----------
export class CreateServiceLevelDto {
  @ApiProperty({ example: 'L1-EMERGENCY' })
  @Trim()
  @IsString()
  @NotBlank()
  @MaxLength(40)
  @Matches(/^[A-Za-z0-9_.-]+$/, { message: 'code may contain letters, digits, dot, dash and underscore only' })
  code: string;
  @ApiProperty({ example: 'Emergency / crash bed' }) @Trim() @IsString() @NotBlank() @MaxLength(200) name: string;
  @ApiProperty({ description: 'Position on the pathway, 1 = most support', minimum: 1, maximum: 100 })
  @IsInt()
  @Min(1)
  @Max(100)
  rank: number;
  @ApiProperty({ minimum: 16, maximum: 25 }) @IsInt() @Min(16) @Max(25) minAge: number;
  @ApiProperty({ minimum: 16, maximum: 25 }) @IsInt() @Min(16) @Max(25) maxAge: number;
  @ApiProperty({ minimum: 0, maximum: 168 }) @IsInt() @Min(0) @Max(168) supportHoursMin: number;
  @ApiProperty({ minimum: 0, maximum: 168 }) @IsInt() @Min(0) @Max(168) supportHoursMax: number;
  @ApiProperty() @IsBoolean() emergency: boolean;
  @ApiProperty({ enum: ACCOMMODATION_CODES, description: 'SSDA903 accommodation letter' })
  @IsIn(ACCOMMODATION_CODES)
  accommodationCode: AccommodationCode;
  @ApiProperty({ description: 'Default suitability (SSDA903 digit 1 = suitable)' }) @IsBoolean() suitable: boolean;
}
/**
 * PATCH bodies: an absent field is left alone; `null` is validated like any other value, so it is
 * refused (400) for a field that must have a value and clears one marked nullable.
 */
const PATCH = { skipNullProperties: false } as const;

export class UpdateServiceLevelDto extends PartialType(CreateServiceLevelDto, PATCH) {
  @ApiPropertyOptional({ description: 'The version you read; a stale one is refused with 409' })
  @Present()
  @IsInt()
  @Min(1)
  version?: number;
}
export class ServiceLevelView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() rank: number;
  @ApiProperty() minAge: number;
  @ApiProperty() maxAge: number;
  @ApiProperty() supportHoursMin: number;
  @ApiProperty() supportHoursMax: number;
  @ApiProperty() emergency: boolean;
  @ApiProperty({ enum: ACCOMMODATION_CODES }) accommodationCode: AccommodationCode;
  @ApiProperty() suitable: boolean;
  @ApiProperty() version: number;
}
export class ServiceLevelPage {
  @ApiProperty({ type: [ServiceLevelView] }) items: ServiceLevelView[];
  @ApiProperty() total: number;
}

// ---------- providers ----------
export class CreateProviderDto {
  @ApiProperty({ example: 'YMCA Crewe' }) @Trim() @IsString() @NotBlank() @MaxLength(200) name: string;
  @ApiProperty({ example: 'Crewe' }) @Trim() @IsString() @NotBlank() @MaxLength(100) area: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2712345',
    description: 'Ofsted unique reference number',
  })
  @Nullable()
  @Trim()
  @IsString()
  @Matches(/^[A-Z0-9]{6,20}$/i, { message: 'ofstedUrn must be 6 to 20 letters or digits' })
  ofstedUrn?: string | null;
  @ApiPropertyOptional({ nullable: true, enum: OFSTED_CATEGORIES })
  @Nullable()
  @IsIn(OFSTED_CATEGORIES)
  ofstedCategory?: OfstedCategory | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Nullable() @IsEmail() @MaxLength(254) email?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '01270 000000' })
  @Nullable()
  @Trim()
  @IsString()
  @Matches(/^(?=.*\d)[0-9 +()-]{6,40}$/, { message: 'phone must be a telephone number' })
  phone?: string | null;
}
export class UpdateProviderDto extends PartialType(CreateProviderDto, PATCH) {
  @ApiPropertyOptional({ description: 'The version you read; a stale one is refused with 409' })
  @Present()
  @IsInt()
  @Min(1)
  version?: number;
}
export class ProviderView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() area: string;
  @ApiPropertyOptional({ type: String, nullable: true }) ofstedUrn: string | null;
  @ApiPropertyOptional({ nullable: true, enum: OFSTED_CATEGORIES }) ofstedCategory: OfstedCategory | null;
  @ApiPropertyOptional({ type: String, nullable: true }) email: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) phone: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) vacanciesConfirmedAt: string | null;
  @ApiProperty({ description: 'Vacancies not confirmed within VACANCY_STALE_AFTER (default 7 days)' }) stale: boolean;
  @ApiProperty() version: number;
}
export class ProviderPage {
  @ApiProperty({ type: [ProviderView] }) items: ProviderView[];
  @ApiProperty() total: number;
}
export class ProviderQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @Trim() @IsString() @MaxLength(100) area?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'] }) @IsOptional() @IsIn(['true', 'false']) stale?: 'true' | 'false';
}
export class VacancyConfirmationDto {
  @ApiPropertyOptional({ maxLength: 500, description: 'What the provider said, e.g. who confirmed' })
  @Present()
  @Trim()
  @IsString()
  @MaxLength(500)
  note?: string;
}
export class VacancyConfirmationView {
  @ApiProperty({ format: 'uuid' }) providerId: string;
  @ApiProperty({ format: 'date-time' }) vacanciesConfirmedAt: string;
  @ApiProperty() stale: boolean;
  @ApiProperty({ format: 'uuid', description: 'The confirmation recorded' }) id: string;
  @ApiPropertyOptional({ type: String, nullable: true }) note: string | null;
}
/** One recorded confirmation of a provider's vacancies: what was said, by whom, when. */
export class VacancyConfirmationRecord {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) providerId: string;
  @ApiProperty({ format: 'date-time' }) confirmedAt: string;
  @ApiPropertyOptional({ type: String, nullable: true }) note: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) confirmedByUserId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) confirmedByName: string | null;
}
export class VacancyConfirmationPage {
  @ApiProperty({ type: [VacancyConfirmationRecord], description: 'Newest first' }) items: VacancyConfirmationRecord[];
  @ApiProperty() total: number;
}

// ---------- beds ----------
const DATE = /^\d{4}-\d{2}-\d{2}$/;
export class CreateBedDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() providerId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() serviceLevelId: string;
  @ApiProperty({ example: 'Room 2' }) @Trim() @IsString() @NotBlank() @MaxLength(200) label: string;
  @ApiPropertyOptional({ enum: ['available', 'out_of_service'], default: 'available' })
  @Present()
  @IsIn(['available', 'out_of_service'])
  status?: BedStatus;
  @ApiProperty({ minimum: 16, maximum: 25 }) @IsInt() @Min(16) @Max(25) minAge: number;
  @ApiProperty({ minimum: 16, maximum: 25 }) @IsInt() @Min(16) @Max(25) maxAge: number;
  @ApiPropertyOptional({ enum: BED_GENDERS, default: 'any' }) @Present() @IsIn(BED_GENDERS) gender?: BedGender;
  @ApiPropertyOptional({ default: false }) @Present() @IsBoolean() stepFree?: boolean;
  @ApiPropertyOptional({ default: false }) @Present() @IsBoolean() petsAllowed?: boolean;
  @ApiPropertyOptional({ default: false }) @Present() @IsBoolean() acceptsFireRisk?: boolean;
  @ApiPropertyOptional({ default: false }) @Present() @IsBoolean() acceptsSexualHarmRisk?: boolean;
  @ApiPropertyOptional({ default: false }) @Present() @IsBoolean() uascSpecialist?: boolean;
  @ApiPropertyOptional({ default: false }) @Present() @IsBoolean() under18Only?: boolean;
  @ApiPropertyOptional({ default: false }) @Present() @IsBoolean() over18Only?: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Required when status is out_of_service' })
  @Nullable()
  @Trim()
  @IsString()
  @NotBlank()
  @MaxLength(500)
  outOfServiceReason?: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    format: 'date',
    description: 'Date the bed is (expected to be) available from',
  })
  @Nullable()
  @Matches(DATE, { message: 'availableFrom must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'availableFrom must be a real calendar date' })
  availableFrom?: string | null;
}
export class UpdateBedDto extends PartialType(OmitType(CreateBedDto, ['status'] as const), PATCH) {
  @ApiPropertyOptional({ enum: ['available', 'out_of_service'] })
  @Present()
  @IsIn(['available', 'out_of_service'], {
    message: 'status may be set to available or out_of_service only; holds and stays set the rest',
  })
  status?: BedStatus;
  @ApiPropertyOptional({ description: 'The version you read; a stale one is refused with 409' })
  @Present()
  @IsInt()
  @Min(1)
  version?: number;
}
export class BedView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) providerId: string;
  @ApiProperty({ format: 'uuid' }) serviceLevelId: string;
  @ApiProperty() label: string;
  @ApiProperty({ enum: BED_STATUSES }) status: BedStatus;
  @ApiProperty() minAge: number;
  @ApiProperty() maxAge: number;
  @ApiProperty({ enum: BED_GENDERS }) gender: BedGender;
  @ApiProperty() stepFree: boolean;
  @ApiProperty() petsAllowed: boolean;
  @ApiProperty() acceptsFireRisk: boolean;
  @ApiProperty() acceptsSexualHarmRisk: boolean;
  @ApiProperty() uascSpecialist: boolean;
  @ApiProperty() under18Only: boolean;
  @ApiProperty() over18Only: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) outOfServiceReason: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date' }) availableFrom: string | null;
  @ApiProperty() version: number;
  @ApiPropertyOptional({
    type: [AllowedActionView],
    description: 'For the caller: hold, take-out-of-service, return-to-service',
  })
  allowedActions?: AllowedActionView[];
}
export class BedPage {
  @ApiProperty({ type: [BedView] }) items: BedView[];
  @ApiProperty() total: number;
}
/** One event of a bed's history (from its audit trail): what happened, who did it, why. */
export class BedHistoryEntry {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ example: 'bed.taken_out_of_service' }) action: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid', description: 'null: the service itself' })
  byUserId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) byName: string | null;
  @ApiPropertyOptional({ nullable: true, enum: BED_STATUSES }) statusFrom: BedStatus | null;
  @ApiPropertyOptional({ nullable: true, enum: BED_STATUSES, description: 'null: the status did not change' })
  statusTo: BedStatus | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Why it went out of service' })
  reason: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date', description: 'Expected back (set then)' })
  availableFrom: string | null;
}
export class BedHistoryPage {
  @ApiProperty({ type: [BedHistoryEntry], description: 'Newest first' }) items: BedHistoryEntry[];
  @ApiProperty() total: number;
}
export class BedQuery extends PageQuery {
  @ApiPropertyOptional({ enum: BED_STATUSES }) @IsOptional() @IsIn(BED_STATUSES) status?: BedStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() providerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() serviceLevelId?: string;
  @ApiPropertyOptional() @IsOptional() @Trim() @IsString() @MaxLength(100) area?: string;
}

// ---------- vacancies ----------
export class VacancyQuery {
  @ApiPropertyOptional({ description: "Providers' area (case-insensitive, whole name)" })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  area?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() serviceLevelId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() providerId?: string;
  @ApiPropertyOptional({ enum: AGE_BANDS, description: 'Only beds that take someone of this age band' })
  @IsOptional()
  @IsIn(AGE_BANDS)
  ageBand?: AgeBand;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: only beds with a UASC specialism' })
  @IsOptional()
  @IsIn(['true', 'false'])
  uasc?: 'true' | 'false';
  @ApiPropertyOptional({ enum: SUPPLY_GROUPS, description: 'pathway placements, hotel / B&B rooms, or emergency beds' })
  @IsOptional()
  @IsIn(SUPPLY_GROUPS)
  group?: SupplyGroup;
  @ApiPropertyOptional({
    format: 'date',
    description: 'Count what is free on this day (default today; not in the past)',
  })
  @IsOptional()
  @Matches(DATE, { message: 'freeOn must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'freeOn must be a real calendar date' })
  freeOn?: string;
}
export class FreeCountsView {
  @ApiProperty({ description: 'Free beds of any age' }) free: number;
  @ApiProperty({ description: 'Free beds that take a 16- or 17-year-old' }) age16To17: number;
  @ApiProperty({ description: 'Free beds that take someone 18 or over' }) age18Plus: number;
  @ApiProperty({ description: 'Free beds with a UASC specialism' }) uasc: number;
  @ApiProperty({ description: 'Of the free beds, those of providers whose vacancies are stale' })
  fromStaleProviders: number;
}
export class VacancyProviderView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Vacancies not confirmed within VACANCY_STALE_AFTER' }) stale: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) vacanciesConfirmedAt: string | null;
}
export class VacancyRow {
  @ApiProperty({ format: 'uuid' }) serviceLevelId: string;
  @ApiProperty() area: string;
  @ApiProperty({ description: 'Beds available now (status)' }) available: number;
  @ApiProperty() held: number;
  @ApiProperty() occupied: number;
  @ApiProperty() outOfService: number;
  @ApiProperty() serviceLevelName: string;
  @ApiProperty() serviceLevelRank: number;
  @ApiProperty({ enum: SUPPLY_GROUPS, description: 'pathway placement, hotel / B&B room, or emergency bed' })
  group: SupplyGroup;
  @ApiProperty({ type: [VacancyProviderView] }) providers: VacancyProviderView[];
  @ApiProperty({ description: 'Some provider on the row has stale vacancies' }) stale: boolean;
  @ApiProperty({ type: FreeCountsView, description: 'Beds free on the day asked (freeOn)' }) freeOn: FreeCountsView;
}
export class VacancyTotalsView {
  @ApiProperty({ type: FreeCountsView, description: 'Placements on the pathway: the supply' }) pathway: FreeCountsView;
  @ApiProperty({ type: FreeCountsView, description: 'Hotel / B&B rooms, never a placement for 16-17' })
  hotel: FreeCountsView;
  @ApiProperty({ type: FreeCountsView, description: 'Emergency / crash beds' }) emergency: FreeCountsView;
}
export class StaleProviderView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() area: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) vacanciesConfirmedAt: string | null;
}
export class VacanciesView {
  @ApiProperty({
    type: [VacancyRow],
    description: 'Pathway first, then hotels, then emergency beds; by rank, then area',
  })
  items: VacancyRow[];
  @ApiProperty({ type: VacancyTotalsView, description: 'Free beds on freeOn per supply group, never added together' })
  totals: VacancyTotalsView;
  @ApiProperty({ type: [StaleProviderView], description: 'Providers whose vacancies have not been confirmed recently' })
  staleProviders: StaleProviderView[];
  @ApiProperty({ format: 'date', description: 'The day the free counts are for' }) freeOn: string;
  @ApiProperty({ format: 'date-time' }) asOf: string;
}
