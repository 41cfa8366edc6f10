import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from './auth/current-user';
import { CAN, type AuthUser } from '../kernel/roles';
import { UuidParam } from '../platform/http/params';
import { CreateStayDto, EndStayDto, StayPage, StayQuery, StayView } from '../features/stays/stays.dto';
import { StaysService } from '../features/stays/stays.service';

@ApiTags('stays')
@ApiBearerAuth()
@Controller('stays')
export class StaysController {
  constructor(private readonly stays: StaysService) {}

  @Get()
  @Roles(...CAN.readStays)
  @ApiOkResponse({ type: StayPage, description: 'Newest first; a PA sees their own caseload only' })
  list(@CurrentUser() me: AuthUser, @Query() q: StayQuery) {
    return this.stays.list(me, q);
  }

  @Post()
  @Roles(...CAN.recordStays)
  @ApiCreatedResponse({ type: StayView, description: 'Ends the young person’s open stay at this one’s start' })
  @ApiConflictResponse({ description: 'The bed is not available, or the start is before the current stay began' })
  @ApiUnprocessableEntityResponse({
    description: 'A managed bed that breaks a placement rule, or a suitability that cannot be',
  })
  record(@CurrentUser() me: AuthUser, @Body() dto: CreateStayDto) {
    return this.stays.record(me, dto);
  }

  @Get(':id')
  @Roles(...CAN.readStays)
  @ApiOkResponse({ type: StayView })
  @ApiNotFoundResponse()
  get(@CurrentUser() me: AuthUser, @UuidParam() id: string) {
    return this.stays.get(me, id);
  }

  @Post(':id/end')
  @HttpCode(200)
  @Roles(...CAN.recordStays)
  @ApiOkResponse({ type: StayView, description: 'A bed it occupied becomes available' })
  @ApiConflictResponse({ description: 'Already ended' })
  end(@CurrentUser() me: AuthUser, @UuidParam() id: string, @Body() dto: EndStayDto) {
    return this.stays.end(me, id, dto);
  }
}
