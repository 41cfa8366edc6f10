import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
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
  @ApiOkResponse({ type: YoungPersonPage, description: 'A PA sees their own caseload only' })
  list(@CurrentUser() me: AuthUser, @Query() q: YoungPersonQuery) {
    return this.people.list(me, q);
  }

  @Post()
  @Roles(...CAN.writeYoungPeople)
  @ApiCreatedResponse({ type: YoungPersonView })
  @ApiBadRequestResponse({ description: 'Invalid fields, or age / legal status / UASC that contradict each other' })
  create(@CurrentUser() me: AuthUser, @Body() dto: CreateYoungPersonDto) {
    return this.people.create(me, dto);
  }

  @Get(':id')
  @Roles(...CAN.readYoungPeople)
  @ApiOkResponse({ type: YoungPersonView })
  @ApiNotFoundResponse({ description: 'Unknown, or not on this PA’s caseload' })
  get(@CurrentUser() me: AuthUser, @UuidParam() id: string) {
    return this.people.get(me, id);
  }

  @Patch(':id')
  @Roles(...CAN.writeYoungPeople)
  @ApiOkResponse({ type: YoungPersonView })
  update(@CurrentUser() me: AuthUser, @UuidParam() id: string, @Body() dto: UpdateYoungPersonDto) {
    return this.people.update(me, id, dto);
  }
}
