import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from './auth/current-user';
import { CAN, type AuthUser } from '../kernel/roles';
import { LiveListService } from '../features/reports/live-list.service';
import { LiveListQuery, UnsuitableReport } from '../features/reports/live-list.dto';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class LiveListController {
  constructor(private readonly liveList: LiveListService) {}

  @Get('unsuitable-accommodation')
  @Roles(...CAN.readOversight)
  @ApiOperation({
    summary: 'Everyone now in unsuitable or emergency accommodation: under-18s, then breaches, then longest first',
    description:
      'Open stays recorded as unsuitable, or in emergency accommodation. Under-18s first, then anyone breaking a statutory limit, then by when ' +
      'their escalation clock started (the first of an unbroken run of such stays). For each: name, home area and PA, hours and working days ' +
      'elapsed, the statutory limits broken, the current step (the most senior that fired; the PA’s copy only when nothing else has) and whether ' +
      'it is acknowledged, the latest acknowledgement (lapsed or not), the next step, whether a step fired to nobody, and the most urgent open ' +
      'placement request. Filters: area (home area, on the list of areas), breach, unacknowledged. Admin, housing officers and managers see ' +
      'everyone; a PA sees their own caseload.',
  })
  @ApiOkResponse({
    type: UnsuitableReport,
    description:
      'Everyone now in unsuitable or emergency accommodation, how long, the current step, and statutory breaches',
  })
  @ApiBadRequestResponse({
    description: 'An area not on the list of areas, a flag other than true / false, or an unknown parameter',
  })
  @ApiUnauthorizedResponse()
  @ApiForbiddenResponse()
  unsuitable(@CurrentUser() me: AuthUser, @Query() q: LiveListQuery): Promise<UnsuitableReport> {
    return this.liveList.unsuitable(me, q);
  }
}
