import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
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
import { TimelinePage, TimelineQuery } from '../features/reports/timeline.dto';
import { TimelineService } from '../features/reports/timeline.service';

@ApiTags('young people')
@ApiBearerAuth()
@Controller('young-people')
export class TimelineController {
  constructor(private readonly timelines: TimelineService) {}

  @Get(':id/timeline')
  @Roles(...CAN.readTimeline)
  @ApiOperation({
    summary: 'One young person’s evidence timeline, oldest first',
    description:
      'Every stay (SSDA903 code and suitability), placement request, hold and its outcome, escalation clock, step fired (who was told, ' +
      'through which channel, whether it was delivered) and acknowledgement (by whom, action plan, review date). Built from the records ' +
      'the service keeps; only things that happened (pending steps are on GET /escalations). Admin, housing officers and managers; a PA ' +
      'for their own caseload only (404 for anyone else’s).',
  })
  @ApiOkResponse({ type: TimelinePage })
  @ApiBadRequestResponse({ description: 'id is not a UUID, or limit / offset out of range' })
  @ApiUnauthorizedResponse()
  @ApiForbiddenResponse()
  @ApiNotFoundResponse({ description: 'Unknown, or not on this PA’s caseload' })
  timeline(@CurrentUser() me: AuthUser, @UuidParam() id: string, @Query() q: TimelineQuery) {
    return this.timelines.timeline(me, id, q);
  }
}
