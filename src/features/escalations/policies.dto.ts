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
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../../platform/pagination';
import { NotBlank, Nullable, Present } from '../../platform/http/validation';
import { DEFAULT_MAX_REVIEW_AFTER } from '../../kernel/policy-input';
import { LADDER_ROLES } from '../../kernel/ladder';
import { ACCOMMODATION_CODES } from '../../kernel/accommodation';

export class AppliesToDto {
  @ApiPropertyOptional({ minimum: 16, maximum: 25 }) @Present() @IsInt() @Min(16) @Max(25) minAge?: number;
  @ApiPropertyOptional({ minimum: 16, maximum: 25 }) @Present() @IsInt() @Min(16) @Max(25) maxAge?: number;
  @ApiPropertyOptional({
    type: [String],
    enum: ACCOMMODATION_CODES,
    isArray: true,
    description: 'SSDA903 letters; none = any',
  })
  @Present()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(16)
  @IsIn(ACCOMMODATION_CODES, { each: true })
  accommodationCodes?: string[];
  @ApiPropertyOptional({ description: 'Only stays marked unsuitable' })
  @Present()
  @IsBoolean()
  unsuitableOnly?: boolean;
  @ApiPropertyOptional({ description: 'Only a young person who is pregnant or a parent' })
  @Present()
  @IsBoolean()
  pregnantOrParent?: boolean;
}

export class StepDto {
  @ApiProperty({
    example: 'P2WD',
    description: 'ISO-8601 duration from the clock start (PT0S, PT4H, P3D) or working days (P2WD)',
  })
  @Trim()
  @IsString()
  @NotBlank()
  @MaxLength(40)
  after: string;
  @ApiProperty({ enum: LADDER_ROLES, description: '`pa` = the allocated Personal Adviser' })
  @IsString()
  @IsIn(LADDER_ROLES)
  role: string;
  @ApiPropertyOptional({
    type: String,
    example: 'P5WD',
    nullable: true,
    description: 'Repeat this step every … until acknowledged or the stay ends',
  })
  @Nullable()
  @Trim()
  @IsString()
  @NotBlank()
  @MaxLength(40)
  repeatEvery?: string | null;
}

export class CreatePolicyDto {
  @ApiProperty({ example: '18+ in hotel / B&B' }) @Trim() @IsString() @NotBlank() @MaxLength(200) name: string;
  @ApiPropertyOptional({ default: true }) @Present() @IsBoolean() active?: boolean;
  @ApiProperty({ type: AppliesToDto, description: 'An object; a key left out does not restrict' })
  @IsObject()
  @ValidateNested()
  @Type(() => AppliesToDto)
  appliesTo: AppliesToDto;
  @ApiProperty({ type: [StepDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => StepDto)
  steps: StepDto[];
  @ApiPropertyOptional({
    example: 'P5WD',
    default: DEFAULT_MAX_REVIEW_AFTER,
    description:
      'How far ahead an acknowledgement may set its review date: ISO-8601 (P1W) or working days (P5WD), at most P4W or P20WD',
  })
  @Present()
  @Trim()
  @IsString()
  @NotBlank()
  @MaxLength(20)
  maxReviewAfter?: string;
}

/** A PATCH: every field optional, none nullable; the fields sent replace the current version's. */
export class UpdatePolicyDto {
  @ApiPropertyOptional() @Present() @Trim() @IsString() @NotBlank() @MaxLength(200) name?: string;
  @ApiPropertyOptional({ description: 'false retires the policy for new stays; running clocks carry on' })
  @Present()
  @IsBoolean()
  active?: boolean;
  @ApiPropertyOptional({ type: AppliesToDto, description: 'Replaces the whole of appliesTo' })
  @Present()
  @IsObject()
  @ValidateNested()
  @Type(() => AppliesToDto)
  appliesTo?: AppliesToDto;
  @ApiPropertyOptional({ type: [StepDto] })
  @Present()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => StepDto)
  steps?: StepDto[];
  @ApiPropertyOptional({
    example: 'P5WD',
    default: DEFAULT_MAX_REVIEW_AFTER,
    description:
      'How far ahead an acknowledgement may set its review date: ISO-8601 (P1W) or working days (P5WD), at most P4W or P20WD',
  })
  @Present()
  @Trim()
  @IsString()
  @NotBlank()
  @MaxLength(20)
  maxReviewAfter?: string;
  @ApiPropertyOptional({ description: 'The version you read; a stale one is refused with 409' })
  @Present()
  @IsInt()
  @Min(1)
  version?: number;
}

export class PolicyView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Set for the policies the service ships with' })
  key: string | null;
  @ApiProperty() name: string;
  @ApiProperty() version: number;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: AppliesToDto }) appliesTo: AppliesToDto;
  @ApiProperty({ type: [StepDto] }) steps: StepDto[];
  @ApiProperty({ example: 'P5WD', description: 'The latest review date an acknowledgement may set, after it' })
  maxReviewAfter: string;
  @ApiProperty({ format: 'uuid' }) versionId: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class PolicyPage {
  @ApiProperty({ type: [PolicyView] }) items: PolicyView[];
  @ApiProperty() total: number;
}

export class PolicyQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'] }) @IsOptional() @IsIn(['true', 'false']) active?: 'true' | 'false';
}
