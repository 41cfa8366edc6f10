import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from './auth/current-user';
import { CAN, type AuthUser } from '../kernel/roles';
import { PageQuery } from '../platform/pagination';
import { UuidParam } from '../platform/http/params';
import { isValidDate } from '../kernel/dates';
import { invalidField } from '../kernel/errors';
import {
  AcknowledgeDto,
  ClosureDayDto,
  ClosureDayPage,
  ClosureDayView,
  EscalationPage,
  EscalationQuery,
  EscalationView,
  ReviewPage,
} from '../features/escalations/escalations.dto';
import { ClosureDaysService } from '../features/escalations/closure-days.service';
import { EscalationsService } from '../features/escalations/escalations.service';
import { ReviewsService } from '../features/escalations/reviews.service';
import {
  CreatePolicyDto,
  PolicyPage,
  PolicyQuery,
  PolicyView,
  UpdatePolicyDto,
} from '../features/escalations/policies.dto';
import { PoliciesService } from '../features/escalations/policies.service';

@ApiTags('escalation')
@ApiBearerAuth()
@Controller('escalation-policies')
export class PoliciesController {
  constructor(private readonly policies: PoliciesService) {}

  @Get()
  @Roles(...CAN.readPolicies)
  @ApiOperation({ summary: 'List escalation policies (their current versions)', description: 'Ordered by name.' })
  @ApiOkResponse({ type: PolicyPage })
  list(@Query() q: PolicyQuery) {
    return this.policies.list(q);
  }

  @Post()
  @Roles(...CAN.managePolicies)
  @ApiOperation({
    summary: 'Create an escalation policy',
    description:
      'Which stays it governs (age, SSDA903 codes, unsuitable only, pregnant or parent) and its ladder of steps: ' +
      'each falls due a duration (`PT4H`, `P3D`) or a number of working days (`P2WD`) after the clock starts, ' +
      'optionally repeating. Clocks that start from now on use it.',
  })
  @ApiCreatedResponse({ type: PolicyView })
  create(@Body() dto: CreatePolicyDto, @CurrentUser() me: AuthUser) {
    return this.policies.create(dto, me.id);
  }

  @Get(':id')
  @Roles(...CAN.readPolicies)
  @ApiOperation({ summary: 'Read an escalation policy' })
  @ApiOkResponse({ type: PolicyView, description: 'The current version' })
  @ApiNotFoundResponse()
  get(@UuidParam() id: string) {
    return this.policies.get(id);
  }

  @Get(':id/versions')
  @Roles(...CAN.readPolicies)
  @ApiOperation({ summary: 'List every version of an escalation policy' })
  @ApiOkResponse({ type: [PolicyView], description: 'Every version, newest first' })
  versions(@UuidParam() id: string) {
    return this.policies.versions(id);
  }

  @Patch(':id')
  @Roles(...CAN.managePolicies)
  @ApiOperation({
    summary: 'Change an escalation policy',
    description:
      'Writes a new immutable version (send the `version` you read to be told of a concurrent change); ' +
      'clocks already running keep the version they started with.',
  })
  @ApiOkResponse({ type: PolicyView, description: 'A new version; running clocks keep the version they started with' })
  update(@UuidParam() id: string, @Body() dto: UpdatePolicyDto, @CurrentUser() me: AuthUser) {
    return this.policies.update(id, dto, me.id);
  }
}

@ApiTags('escalation')
@ApiBearerAuth()
@Controller()
export class EscalationsController {
  constructor(
    private readonly escalations: EscalationsService,
    private readonly days: ClosureDaysService,
    private readonly reviews: ReviewsService,
  ) {}

  @Get('me/reviews')
  @Roles(...CAN.readEscalations)
  @ApiOperation({
    summary: 'List my acknowledgements and their review dates',
    description:
      'The caller’s own acknowledgements of escalation steps whose clock still runs (the young person is still in ' +
      'unsuitable or emergency accommodation), oldest review date first. At the office opening on its review date ' +
      'the acknowledger is reminded and an acknowledgement not renewed lapses (`lapsed: true`): the step is open ' +
      'again until someone acknowledges it afresh.',
  })
  @ApiOkResponse({ type: ReviewPage })
  myReviews(@CurrentUser() me: AuthUser, @Query() q: PageQuery) {
    return this.reviews.mine(me, q);
  }

  @Get('escalations')
  @Roles(...CAN.readEscalations)
  @ApiOperation({ summary: 'List escalation steps' })
  @ApiOkResponse({
    type: EscalationPage,
    description: 'One row per step (and repeat) of each ladder, pending ones included; a PA sees their caseload only',
  })
  list(@CurrentUser() me: AuthUser, @Query() q: EscalationQuery) {
    return this.escalations.list(me, q);
  }

  @Get('escalations/:id')
  @Roles(...CAN.readEscalations)
  @ApiOperation({
    summary: 'Read an escalation step',
    description: 'A PA reads the steps of their own caseload only (anyone else’s is not found).',
  })
  @ApiOkResponse({ type: EscalationView })
  @ApiNotFoundResponse()
  get(@CurrentUser() me: AuthUser, @UuidParam() id: string) {
    return this.escalations.get(me, id);
  }

  @Post('escalations/:id/acknowledge')
  @HttpCode(200)
  @Roles(...CAN.readEscalations)
  @ApiOperation({
    summary: 'Acknowledge a fired escalation step with an action plan',
    description:
      'Open steps only. Allowed to the step’s role or a more senior rung of the management ladder; a step ' +
      'addressed to the PA, to the allocated PA or any manager. Stops the step’s repeats (the ladder keeps ' +
      'climbing while the stay lasts) and tells the allocated PA when someone else acknowledged. `reviewBy` is ' +
      'today or later and no later than now plus the policy’s `maxReviewAfter` (`400` naming `reviewBy`); at the ' +
      'office opening on that date the acknowledger is reminded and the acknowledgement lapses unless renewed, ' +
      'opening the step again (a lapsed step is acknowledged afresh the same way). Each step’s `allowedActions` ' +
      'says beforehand whether the caller may acknowledge it, and if not why (the reason this answers with).',
  })
  @ApiOkResponse({ type: EscalationView })
  @ApiBadRequestResponse({ description: 'A malformed body, or a review date in the past or beyond the policy’s bound' })
  @ApiForbiddenResponse({ description: 'Only the step’s role or a more senior one may acknowledge' })
  @ApiConflictResponse({ description: 'The step has not fired, or is already acknowledged / closed' })
  acknowledge(@CurrentUser() me: AuthUser, @UuidParam() id: string, @Body() dto: AcknowledgeDto) {
    return this.escalations.acknowledge(me, id, dto);
  }

  @Get('closure-days')
  @Roles(...CAN.readPolicies)
  @ApiOperation({ summary: 'List council closure days' })
  @ApiOkResponse({
    type: ClosureDayPage,
    description: 'Council closure days, skipped like bank holidays when counting working days',
  })
  closureDays(@Query() q: PageQuery) {
    return this.days.list(q);
  }

  @Post('closure-days')
  @Roles(...CAN.managePolicies)
  @ApiOperation({
    summary: 'Add a council closure day',
    description: 'Not a working day from now on: steps planned afterwards skip it.',
  })
  @ApiCreatedResponse({ type: ClosureDayView })
  addClosureDay(@CurrentUser() me: AuthUser, @Body() dto: ClosureDayDto) {
    return this.days.add(me, dto);
  }

  @Delete('closure-days/:date')
  @HttpCode(204)
  @Roles(...CAN.managePolicies)
  @ApiOperation({ summary: 'Remove a council closure day' })
  @ApiNoContentResponse()
  async removeClosureDay(@CurrentUser() me: AuthUser, @Param('date') date: string) {
    // A real calendar day PostgreSQL can store (Date.parse takes 2026-02-30, and the database has no year 0).
    if (!isValidDate(date) || date < '0001-01-01') throw invalidField('date', 'must be a date YYYY-MM-DD');
    await this.days.remove(me, date);
  }
}
