import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from './auth/current-user';
import { CAN, type AuthUser } from '../kernel/roles';
import { UuidParam } from '../platform/http/params';
import { ContactPage, ContactQuery, ContactView, CreateContactDto } from '../features/contacts/contacts.dto';
import { ContactsService } from '../features/contacts/contacts.service';

@ApiTags('young people')
@ApiBearerAuth()
@Controller('young-people')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get(':id/contacts')
  @Roles(...CAN.readContacts)
  @ApiOperation({
    summary: 'One young person’s keeping-in-touch contacts, most recent first',
    description: 'Everyone who may see the young person; a PA for their own caseload only (404 for anyone else’s).',
  })
  @ApiOkResponse({ type: ContactPage })
  @ApiBadRequestResponse({ description: 'id is not a UUID, or limit / offset out of range' })
  @ApiUnauthorizedResponse()
  @ApiForbiddenResponse()
  @ApiNotFoundResponse({ description: 'Unknown, or not on this PA’s caseload' })
  list(@CurrentUser() me: AuthUser, @UuidParam() id: string, @Query() q: ContactQuery) {
    return this.contacts.list(me, id, q);
  }

  @Post(':id/contacts')
  @Roles(...CAN.recordContacts)
  @ApiOperation({
    summary: 'Record a keeping-in-touch contact',
    description:
      'When, how, whether the young person was in touch (SSDA903 IN_TOUCH) and, optionally, their activity (ACTIV; not with DIED or RHOM). ' +
      'contactedAt may be in the past but not in the future, nor before the date of birth. The SSDA903 care-leaver table takes IN_TOUCH and ' +
      'ACTIV from these. Admin, housing officers, team managers, and a PA for their own caseload (404 for anyone else’s). Audited.',
  })
  @ApiCreatedResponse({ type: ContactView })
  @ApiBadRequestResponse({
    description: 'Invalid fields, a future date or one before birth, an activity with DIED or RHOM',
  })
  @ApiUnauthorizedResponse()
  @ApiForbiddenResponse()
  @ApiNotFoundResponse({ description: 'Unknown, or not on this PA’s caseload' })
  record(@CurrentUser() me: AuthUser, @UuidParam() id: string, @Body() dto: CreateContactDto) {
    return this.contacts.record(me, id, dto);
  }
}
