import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
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
  @ApiOperation({
    summary: 'List stays, newest first',
    description: 'Filters: youngPersonId, bedId, open. A PA sees the stays of their own caseload only.',
  })
  @ApiOkResponse({ type: StayPage, description: 'Newest first; a PA sees their own caseload only' })
  list(@CurrentUser() me: AuthUser, @Query() q: StayQuery) {
    return this.stays.list(me, q);
  }

  @Post()
  @Roles(...CAN.recordStays)
  @ApiOperation({
    summary: 'Record where a young person is now',
    description:
      'A managed bed (its service level gives the code and default suitability; it must keep the placement rules for the young person and be available, and becomes occupied) or anywhere else by its SSDA903 code (W for a hotel). The young person’s open stay ends at this one’s start. S (no fixed abode) and X (custody) are always unsuitable; V, W and R default to unsuitable. Only a manager, with a reason, may mark V or W suitable, and W, V and T never are for a 16-17 year old. With endedAt and endReason, a stay that is already over (history). A stay starting before one already recorded is inserted into history: it needs a reason (audited), ends at endedAt or else where the next stay starts, has no bed, fires nothing (no escalation step, no notification), and must not overlap another stay (409 stay_overlap naming it).',
  })
  @ApiCreatedResponse({ type: StayView, description: 'Ends the young person’s open stay at this one’s start' })
  @ApiConflictResponse({
    description:
      'The bed is not available, the start is the current stay’s (stay_order), or the stay overlaps another (stay_overlap, naming it)',
  })
  @ApiUnprocessableEntityResponse({
    description: 'A managed bed that breaks a placement rule, or a suitability that cannot be',
  })
  record(@CurrentUser() me: AuthUser, @Body() dto: CreateStayDto) {
    return this.stays.record(me, dto);
  }

  @Get(':id')
  @Roles(...CAN.readStays)
  @ApiOperation({
    summary: 'One stay',
    description: 'A stay of someone on another PA’s caseload is not found for a PA.',
  })
  @ApiOkResponse({ type: StayView })
  @ApiNotFoundResponse()
  get(@CurrentUser() me: AuthUser, @UuidParam() id: string) {
    return this.stays.get(me, id);
  }

  @Post(':id/end')
  @HttpCode(200)
  @Roles(...CAN.recordStays)
  @ApiOperation({
    summary: 'End a stay',
    description:
      'At endedAt (default now; not before the start, not in the future), with a reason. A bed it occupied becomes available.',
  })
  @ApiOkResponse({ type: StayView, description: 'A bed it occupied becomes available' })
  @ApiConflictResponse({ description: 'Already ended' })
  end(@CurrentUser() me: AuthUser, @UuidParam() id: string, @Body() dto: EndStayDto) {
    return this.stays.end(me, id, dto);
  }
}
