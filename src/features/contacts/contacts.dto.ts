import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsString, Matches, MaxLength } from 'class-validator';
import { CONTACT_METHODS, type ContactMethod } from '../../kernel/keeping-in-touch';
import { ACTIV_CODES, IN_TOUCH_CODES, type ActivCode, type InTouchCode } from '../../kernel/ssda903';
import { PageQuery } from '../../platform/pagination';
import { NotBlank, Present } from '../../platform/http/validation';
import { Trim } from '../../platform/http/transforms';

const INSTANT = /(Z|[+-]\d{2}:?\d{2})$/;

export class CreateContactDto {
  @ApiProperty({ format: 'date-time', description: 'When the contact happened: not in the future, not before birth' })
  @IsISO8601({ strict: true }, { message: 'contactedAt must be an ISO-8601 instant' })
  @Matches(INSTANT, { message: 'contactedAt must include a time zone offset' })
  contactedAt: string;
  @ApiProperty({ enum: CONTACT_METHODS })
  @IsIn(CONTACT_METHODS)
  method: ContactMethod;
  @ApiProperty({
    enum: IN_TOUCH_CODES,
    description:
      'SSDA903 IN_TOUCH: YES in touch, NO not in touch, DIED, REFU refuses contact, NREQ no longer requires services, RHOM returned home for six months or more',
  })
  @IsIn(IN_TOUCH_CODES)
  inTouch: InTouchCode;
  @ApiPropertyOptional({
    enum: ACTIV_CODES,
    description:
      'SSDA903 ACTIV: F/P (full or part time) 1 higher education, 2 other education, 4 apprenticeship, 5 training or employment; G4 NEET through illness or disability, G5 other reasons, G6 pregnancy or parenting. Not with DIED or RHOM.',
  })
  @Present()
  @IsIn(ACTIV_CODES)
  activity?: ActivCode;
  @ApiPropertyOptional({ maxLength: 2000 })
  @Present()
  @Trim()
  @IsString()
  @NotBlank()
  @MaxLength(2000)
  notes?: string;
}

export class ContactQuery extends PageQuery {}

export class ContactView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) youngPersonId: string;
  @ApiProperty({ format: 'date-time' }) contactedAt: string;
  @ApiProperty({ enum: CONTACT_METHODS }) method: ContactMethod;
  @ApiProperty({ enum: IN_TOUCH_CODES }) inTouch: InTouchCode;
  @ApiProperty({ enum: ACTIV_CODES, nullable: true, type: String }) activity: ActivCode | null;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty({ format: 'uuid' }) recordedByUserId: string;
  @ApiProperty({ nullable: true, type: String }) recordedByName: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ContactPage {
  @ApiProperty({ type: [ContactView], description: 'Most recent contact first' }) items: ContactView[];
  @ApiProperty() total: number;
}
