import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from './auth/current-user';
import { CAN, type AuthUser } from '../kernel/roles';
import { UuidParam } from '../platform/http/params';
import {
  CreateYoungPersonDto,
  UpdateYoungPersonDto,
  YoungPersonPage,
  YoungPersonQuery,
  YoungPersonView,
} from '../features/young-people/young-people.dto';
import { YoungPeopleService } from '../features/young-people/young-people.service';

@ApiTags('young people')
@ApiBearerAuth()
@Controller('young-people')
export class YoungPeopleController {
  constructor(private readonly people: YoungPeopleService) {}

  @Get()
  @Roles(...CAN.readYoungPeople)
  @ApiOperation({
    summary: 'List or search young people, by last name',
    description:
      'Filters: paUserId, reference (exact), q (search: name words in any order and case, part of a first or last name; a reference, whole or its start, any case; or a date of birth as dd/mm/yyyy or yyyy-mm-dd; a date-shaped q that is no real day is a 400). A PA sees and finds their own caseload only: asking for another PA’s gives an empty page.',
  })
  @ApiOkResponse({ type: YoungPersonPage, description: 'A PA sees their own caseload only' })
  list(@CurrentUser() me: AuthUser, @Query() q: YoungPersonQuery) {
    return this.people.list(me, q);
  }

  @Post()
  @Roles(...CAN.writeYoungPeople)
  @ApiOperation({
    summary: 'Record a young person (care leaver)',
    description:
      'The reference is generated (CL-…) when left out; a reference already in use is a 409. A first name, last name (case and spaces ignored) and date of birth matching an existing record is a 409 `possible_duplicate` unless the body says confirmedNotDuplicate: true (audited); its details name only the matches the caller may see (a PA: their caseload; `undisclosedMatches` says there are others). Age (16 to 25), legal status and UASC must not contradict each other. Every record has an allocated PA, who must be an active PA; a PA creating a record is allocated by default and may allocate only themselves.',
  })
  @ApiCreatedResponse({ type: YoungPersonView })
  @ApiBadRequestResponse({ description: 'Invalid fields, or age / legal status / UASC that contradict each other' })
  @ApiConflictResponse({ description: 'The reference is in use, or a possible duplicate (code possible_duplicate)' })
  create(@CurrentUser() me: AuthUser, @Body() dto: CreateYoungPersonDto) {
    return this.people.create(me, dto);
  }

  @Get(':id')
  @Roles(...CAN.readYoungPeople)
  @ApiOperation({
    summary: 'One young person',
    description: 'A young person on another PA’s caseload is not found for a PA.',
  })
  @ApiOkResponse({ type: YoungPersonView })
  @ApiNotFoundResponse({ description: 'Unknown, or not on this PA’s caseload' })
  get(@CurrentUser() me: AuthUser, @UuidParam() id: string) {
    return this.people.get(me, id);
  }

  @Patch(':id')
  @Roles(...CAN.writeYoungPeople)
  @ApiOperation({
    summary: 'Change a young person’s record',
    description:
      'Absent fields are left alone; null clears a nullable field. Send the version you read to have a stale one refused (409). The same consistency, reference and PA rules as creating apply.',
  })
  @ApiOkResponse({ type: YoungPersonView })
  update(@CurrentUser() me: AuthUser, @UuidParam() id: string, @Body() dto: UpdateYoungPersonDto) {
    return this.people.update(me, id, dto);
  }
}
