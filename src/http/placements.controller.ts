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
import { StayView } from '../features/stays/stays.dto';
import {
  ConfirmHoldDto,
  CreateHoldDto,
  CreatePlacementRequestDto,
  HoldPage,
  HoldView,
  MatchesView,
  MatchQuery,
  PlacementRequestPage,
  PlacementRequestQuery,
  PlacementRequestView,
  ReleaseHoldDto,
  WithdrawDto,
} from '../features/placements/placements.dto';
import { PlacementsService } from '../features/placements/placements.service';

@ApiTags('placements')
@ApiBearerAuth()
@Controller()
export class PlacementsController {
  constructor(private readonly placements: PlacementsService) {}

  @Get('placement-requests')
  @Roles(...CAN.readRequests)
  @ApiOkResponse({ type: PlacementRequestPage, description: 'A PA sees requests for their own caseload only' })
  list(@CurrentUser() me: AuthUser, @Query() q: PlacementRequestQuery) {
    return this.placements.list(me, q);
  }

  @Post('placement-requests')
  @Roles(...CAN.raiseRequests)
  @ApiCreatedResponse({ type: PlacementRequestView })
  create(@CurrentUser() me: AuthUser, @Body() dto: CreatePlacementRequestDto) {
    return this.placements.create(me, dto);
  }

  @Get('placement-requests/:id')
  @Roles(...CAN.readRequests)
  @ApiOkResponse({ type: PlacementRequestView })
  @ApiNotFoundResponse()
  get(@CurrentUser() me: AuthUser, @UuidParam() id: string) {
    return this.placements.get(me, id);
  }

  @Post('placement-requests/:id/withdraw')
  @HttpCode(200)
  @Roles(...CAN.withdrawRequests)
  @ApiOkResponse({ type: PlacementRequestView, description: 'Releases any live holds' })
  @ApiConflictResponse({ description: 'Already placed or withdrawn' })
  withdraw(@CurrentUser() me: AuthUser, @UuidParam() id: string, @Body() dto: WithdrawDto) {
    return this.placements.withdraw(me, id, dto);
  }

  @Get('placement-requests/:id/matches')
  @Roles(...CAN.allocateBeds)
  @ApiOkResponse({
    type: MatchesView,
    description: 'Candidates best first with the reasons behind each score; excluded beds with the rules they break',
  })
  matches(@CurrentUser() me: AuthUser, @UuidParam() id: string, @Query() q: MatchQuery) {
    return this.placements.matches(me, id, q);
  }

  @Get('placement-requests/:id/holds')
  @Roles(...CAN.readRequests)
  @ApiOkResponse({ type: HoldPage })
  holds(@CurrentUser() me: AuthUser, @UuidParam() id: string) {
    return this.placements.holdsOf(me, id);
  }

  @Post('placement-requests/:id/holds')
  @Roles(...CAN.allocateBeds)
  @ApiCreatedResponse({
    type: HoldView,
    description: 'The bed is held until expiresAt (HOLD_FOR), then released on its own',
  })
  @ApiConflictResponse({ description: 'The bed is not available, or the request is placed / withdrawn' })
  @ApiUnprocessableEntityResponse({
    description: 'The bed breaks a placement rule for this young person; `rules` names each',
  })
  hold(@CurrentUser() me: AuthUser, @UuidParam() id: string, @Body() dto: CreateHoldDto) {
    return this.placements.hold(me, id, dto);
  }

  @Get('holds/:id')
  @Roles(...CAN.readRequests)
  @ApiOkResponse({ type: HoldView })
  getHold(@CurrentUser() me: AuthUser, @UuidParam() id: string) {
    return this.placements.getHold(me, id);
  }

  @Post('holds/:id/confirm')
  @Roles(...CAN.allocateBeds)
  @ApiCreatedResponse({ type: StayView, description: 'The new stay; the bed is occupied, the request placed' })
  @ApiConflictResponse({ description: 'The hold is no longer live' })
  @ApiUnprocessableEntityResponse({
    description:
      'The young person or the bed changed since the hold and the bed now breaks a placement rule; `rules` names each',
  })
  confirm(@CurrentUser() me: AuthUser, @UuidParam() id: string, @Body() dto: ConfirmHoldDto) {
    return this.placements.confirm(me, id, dto);
  }

  @Post('holds/:id/release')
  @HttpCode(200)
  @Roles(...CAN.allocateBeds)
  @ApiOkResponse({ type: HoldView, description: 'The bed is available again' })
  @ApiConflictResponse({ description: 'The hold is no longer live' })
  release(@CurrentUser() me: AuthUser, @UuidParam() id: string, @Body() dto: ReleaseHoldDto) {
    return this.placements.release(me, id, dto);
  }
}
