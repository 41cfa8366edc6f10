import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
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
import { StayView } from '../features/stays/stays.dto';
import {
  ConfirmHoldDto,
  CreateHoldDto,
  CreatePlacementRequestDto,
  ExtendHoldDto,
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
import { HoldConfirmationService } from '../features/placements/hold-confirmation.service';
import { HoldsService } from '../features/placements/holds.service';
import { MatchesService } from '../features/placements/matches.service';
import { PlacementsService } from '../features/placements/placements.service';

@ApiTags('placements')
@ApiBearerAuth()
@Controller()
export class PlacementsController {
  constructor(
    private readonly placements: PlacementsService,
    private readonly matching: MatchesService,
    private readonly bedHolds: HoldsService,
    private readonly confirmation: HoldConfirmationService,
  ) {}

  @Get('placement-requests')
  @Roles(...CAN.readRequests)
  @ApiOperation({
    summary: 'List placement requests, soonest needed first',
    description: 'Filter by status, young person and urgency. A PA sees the requests for their own caseload only.',
  })
  @ApiOkResponse({ type: PlacementRequestPage, description: 'A PA sees requests for their own caseload only' })
  list(@CurrentUser() me: AuthUser, @Query() q: PlacementRequestQuery) {
    return this.placements.list(me, q);
  }

  @Post('placement-requests')
  @Roles(...CAN.raiseRequests)
  @ApiOperation({
    summary: 'Ask for a placement for a young person',
    description: 'A PA raises requests for their own caseload only (404 for anyone else’s young person).',
  })
  @ApiCreatedResponse({ type: PlacementRequestView })
  create(@CurrentUser() me: AuthUser, @Body() dto: CreatePlacementRequestDto) {
    return this.placements.create(me, dto);
  }

  @Get('placement-requests/:id')
  @Roles(...CAN.readRequests)
  @ApiOperation({
    summary: 'Read one placement request',
    description: 'A PA reads requests for their own caseload only (404 for anyone else’s).',
  })
  @ApiOkResponse({ type: PlacementRequestView })
  @ApiNotFoundResponse()
  get(@CurrentUser() me: AuthUser, @UuidParam() id: string) {
    return this.placements.get(me, id);
  }

  @Post('placement-requests/:id/withdraw')
  @HttpCode(200)
  @Roles(...CAN.withdrawRequests)
  @ApiOperation({ summary: 'Withdraw a request that is not yet placed, releasing its holds' })
  @ApiOkResponse({ type: PlacementRequestView, description: 'Releases any live holds' })
  @ApiConflictResponse({ description: 'Already placed or withdrawn' })
  withdraw(@CurrentUser() me: AuthUser, @UuidParam() id: string, @Body() dto: WithdrawDto) {
    return this.placements.withdraw(me, id, dto);
  }

  @Get('placement-requests/:id/matches')
  @Roles(...CAN.readMatches)
  @ApiOperation({
    summary: 'Match a request against every bed',
    description:
      'Candidates best first, with the reasons behind each score; excluded beds with every hard rule they break, and how many beds each rule excluded. ' +
      'Matched for the needed-by date, or today when that has passed (moveInDate). ' +
      'Admin and housing officers; a PA read-only for requests about their own caseload (404 for anyone else’s; holding stays with the placements team).',
  })
  @ApiOkResponse({
    type: MatchesView,
    description: 'Candidates best first with the reasons behind each score; excluded beds with the rules they break',
  })
  matches(@CurrentUser() me: AuthUser, @UuidParam() id: string, @Query() q: MatchQuery) {
    return this.matching.matches(me, id, q);
  }

  @Get('placement-requests/:id/holds')
  @Roles(...CAN.readRequests)
  @ApiOperation({ summary: 'List the holds of a request, newest first' })
  @ApiOkResponse({ type: HoldPage })
  holds(@CurrentUser() me: AuthUser, @UuidParam() id: string) {
    return this.bedHolds.holdsOf(me, id);
  }

  @Post('placement-requests/:id/holds')
  @Roles(...CAN.allocateBeds)
  @ApiOperation({
    summary: 'Hold a bed for a request',
    description:
      'The bed must be available and break no hard rule for this young person (judged for `moveInAt` when one is planned). Of many holds on one bed at once exactly one wins; ' +
      'the hold releases itself after HOLD_FOR unless confirmed or extended. One request holds one bed: a second needs `additional: true`.',
  })
  @ApiCreatedResponse({
    type: HoldView,
    description: 'The bed is held until expiresAt (HOLD_FOR), then released on its own',
  })
  @ApiConflictResponse({
    description:
      'The bed is not available (`code: bed_state`; a held bed names its holder: `heldByUserId`, `heldByName`, `heldUntil`), ' +
      'the request already holds a bed (`code: request_already_holds`, naming that hold), or the request is placed / withdrawn (`request_state`)',
  })
  @ApiUnprocessableEntityResponse({
    description: 'The bed breaks a placement rule for this young person; `rules` names each',
  })
  hold(@CurrentUser() me: AuthUser, @UuidParam() id: string, @Body() dto: CreateHoldDto) {
    return this.bedHolds.hold(me, id, dto);
  }

  @Get('holds/:id')
  @Roles(...CAN.readRequests)
  @ApiOperation({ summary: 'Read one hold' })
  @ApiOkResponse({ type: HoldView })
  getHold(@CurrentUser() me: AuthUser, @UuidParam() id: string) {
    return this.bedHolds.getHold(me, id);
  }

  @Post('holds/:id/confirm')
  @Roles(...CAN.allocateBeds)
  @ApiOperation({
    summary: 'Confirm a hold: the young person moves in',
    description:
      'The hard rules are judged again for the move-in date; the request is placed and its other holds are released. ' +
      'Moving in now (or earlier): 201, the bed becomes occupied and the new stay starts. ' +
      "A move-in still to come (`moveInAt`, or the hold's planned one): 202, the confirmed hold; the young person's current stay and its escalation clock run on until then, " +
      'when the new stay starts and the current one ends.',
  })
  @ApiCreatedResponse({ type: StayView, description: 'The new stay; the bed is occupied, the request placed' })
  @ApiAcceptedResponse({
    type: HoldView,
    description: 'A future move-in: the confirmed hold, which moves in at moveInAt',
  })
  @ApiConflictResponse({ description: 'The hold is no longer live (`code: hold_state`)' })
  @ApiUnprocessableEntityResponse({
    description:
      'The young person or the bed changed since the hold and the bed now breaks a placement rule; `rules` names each',
  })
  async confirm(
    @CurrentUser() me: AuthUser,
    @UuidParam() id: string,
    @Body() dto: ConfirmHoldDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const done = await this.confirmation.confirmOrPlan(me, id, dto);
    if (done.kind === 'moved_in') return done.stay;
    res.status(202);
    return done.hold;
  }

  @Post('holds/:id/extend')
  @HttpCode(200)
  @Roles(...CAN.allocateBeds)
  @ApiOperation({
    summary: 'Extend a hold, with a reason',
    description:
      'Moves the expiry to `until`: later than the current expiry, at most HOLD_MAX_LIFE (default 14 days) after the hold was made (422 `code: hold_limit` beyond). Audited.',
  })
  @ApiOkResponse({ type: HoldView })
  @ApiBadRequestResponse({ description: '`until` not after the current expiry, or no reason' })
  @ApiConflictResponse({ description: 'The hold is no longer live (`code: hold_state`)' })
  @ApiUnprocessableEntityResponse({ description: 'Past the longest a hold may last (`code: hold_limit`)' })
  extend(@CurrentUser() me: AuthUser, @UuidParam() id: string, @Body() dto: ExtendHoldDto) {
    return this.bedHolds.extend(me, id, dto);
  }

  @Post('holds/:id/release')
  @HttpCode(200)
  @Roles(...CAN.allocateBeds)
  @ApiOperation({
    summary: 'Release a hold, freeing the bed',
    description:
      "Your own hold needs no reason; a colleague's needs one (400 without), and they are told in their inbox. Audited.",
  })
  @ApiOkResponse({ type: HoldView, description: 'The bed is available again' })
  @ApiBadRequestResponse({ description: "A colleague's hold released without a reason" })
  @ApiConflictResponse({ description: 'The hold is no longer live' })
  release(@CurrentUser() me: AuthUser, @UuidParam() id: string, @Body() dto: ReleaseHoldDto) {
    return this.bedHolds.release(me, id, dto);
  }
}
