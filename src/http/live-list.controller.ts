import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from './auth/current-user';
import { CAN, type AuthUser } from '../kernel/roles';
import { ReportsService } from '../features/reports/live-list.service';
import { UnsuitableReport } from '../features/reports/live-list.dto';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('unsuitable-accommodation')
  @Roles(...CAN.readOversight)
  @ApiOkResponse({
    type: UnsuitableReport,
    description:
      'Everyone now in unsuitable or emergency accommodation, how long, the current step, and statutory breaches',
  })
  unsuitable(@CurrentUser() me: AuthUser) {
    return this.reports.unsuitable(me);
  }
}
