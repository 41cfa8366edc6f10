import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from './auth/current-user';
import { CAN, type AuthUser } from '../kernel/roles';
import { LiveListService } from '../features/reports/live-list.service';
import { UnsuitableReport } from '../features/reports/live-list.dto';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class LiveListController {
  constructor(private readonly liveList: LiveListService) {}

  @Get('unsuitable-accommodation')
  @Roles(...CAN.readOversight)
  @ApiOperation({
    summary: 'Everyone now in unsuitable or emergency accommodation, longest first',
    description:
      'Open stays recorded as unsuitable, or in emergency accommodation, ordered by when their escalation clock started (the first of an ' +
      'unbroken run of such stays). For each: hours and working days elapsed, the step that fired last and whether it was acknowledged, ' +
      'the next step due, and whether a statutory limit is broken. Admin, housing officers and managers see everyone; a PA sees their own caseload.',
  })
  @ApiOkResponse({
    type: UnsuitableReport,
    description:
      'Everyone now in unsuitable or emergency accommodation, how long, the current step, and statutory breaches',
  })
  unsuitable(@CurrentUser() me: AuthUser) {
    return this.liveList.unsuitable(me);
  }
}
