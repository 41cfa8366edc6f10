import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from './auth/current-user';
import { CAN, type AuthUser } from '../kernel/roles';
import { PageQuery } from '../platform/pagination';
import { UuidParam } from '../platform/http/params';
import { invalidField } from '../kernel/errors';
import {
  AcknowledgeDto,
  ClosureDayDto,
  ClosureDayPage,
  ClosureDayView,
  EscalationPage,
  EscalationQuery,
  EscalationView,
} from '../features/escalations/escalations.dto';
import { EscalationsService } from '../features/escalations/escalations.service';
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
  @ApiOkResponse({ type: PolicyPage })
  list(@Query() q: PolicyQuery) {
    return this.policies.list(q);
  }

  @Post()
  @Roles(...CAN.managePolicies)
  @ApiCreatedResponse({ type: PolicyView })
  create(@Body() dto: CreatePolicyDto, @CurrentUser() me: AuthUser) {
    return this.policies.create(dto, me.id);
  }

  @Get(':id')
  @Roles(...CAN.readPolicies)
  @ApiOkResponse({ type: PolicyView, description: 'The current version' })
  @ApiNotFoundResponse()
  get(@UuidParam() id: string) {
    return this.policies.get(id);
  }

  @Get(':id/versions')
  @Roles(...CAN.readPolicies)
  @ApiOkResponse({ type: [PolicyView], description: 'Every version, newest first' })
  versions(@UuidParam() id: string) {
    return this.policies.versions(id);
  }

  @Patch(':id')
  @Roles(...CAN.managePolicies)
  @ApiOkResponse({ type: PolicyView, description: 'A new version; running clocks keep the version they started with' })
  update(@UuidParam() id: string, @Body() dto: UpdatePolicyDto, @CurrentUser() me: AuthUser) {
    return this.policies.update(id, dto, me.id);
  }
}

@ApiTags('escalation')
@ApiBearerAuth()
@Controller()
export class EscalationsController {
  constructor(private readonly escalations: EscalationsService) {}

  @Get('escalations')
  @Roles(...CAN.readEscalations)
  @ApiOkResponse({
    type: EscalationPage,
    description: 'One row per step (and repeat) of each ladder, pending ones included; a PA sees their caseload only',
  })
  list(@CurrentUser() me: AuthUser, @Query() q: EscalationQuery) {
    return this.escalations.list(me, q);
  }

  @Get('escalations/:id')
  @Roles(...CAN.readEscalations)
  @ApiOkResponse({ type: EscalationView })
  @ApiNotFoundResponse()
  get(@CurrentUser() me: AuthUser, @UuidParam() id: string) {
    return this.escalations.get(me, id);
  }

  @Post('escalations/:id/acknowledge')
  @HttpCode(200)
  @Roles(...CAN.readEscalations)
  @ApiOkResponse({ type: EscalationView })
  @ApiForbiddenResponse({ description: 'Only the step’s role or a more senior one may acknowledge' })
  @ApiConflictResponse({ description: 'The step has not fired, or is already acknowledged / closed' })
  acknowledge(@CurrentUser() me: AuthUser, @UuidParam() id: string, @Body() dto: AcknowledgeDto) {
    return this.escalations.acknowledge(me, id, dto);
  }

  @Get('closure-days')
  @Roles(...CAN.readPolicies)
  @ApiOkResponse({
    type: ClosureDayPage,
    description: 'Council closure days, skipped like bank holidays when counting working days',
  })
  closureDays(@Query() q: PageQuery) {
    return this.escalations.closureDays(q);
  }

  @Post('closure-days')
  @Roles(...CAN.managePolicies)
  @ApiCreatedResponse({ type: ClosureDayView })
  addClosureDay(@CurrentUser() me: AuthUser, @Body() dto: ClosureDayDto) {
    return this.escalations.addClosureDay(me, dto);
  }

  @Delete('closure-days/:date')
  @HttpCode(204)
  @Roles(...CAN.managePolicies)
  @ApiNoContentResponse()
  async removeClosureDay(@CurrentUser() me: AuthUser, @Param('date') date: string) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)))
      throw invalidField('date', 'must be a date YYYY-MM-DD');
    await this.escalations.removeClosureDay(me, date);
  }
}
