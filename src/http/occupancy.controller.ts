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
import { MAX_NIGHTS, OccupancyQuery, OccupancyReport } from '../features/reports/occupancy.dto';
import { NIGHT_DEFINITION } from '../features/reports/occupancy';
import { OccupancyService } from '../features/reports/occupancy.service';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class OccupancyController {
  constructor(private readonly occupancy: OccupancyService) {}

  @Get('occupancy')
  @Roles(...CAN.readOccupancy)
  @ApiOperation({
    summary: 'Occupancy and sufficiency over a range of nights',
    description:
      'Bed nights available, held, occupied and out of service by service level and area; placement requests raised, placed, withdrawn and ' +
      `still waiting, with median and maximum hours from raised to placed; nights in unsuitable accommodation by age band. ${NIGHT_DEFINITION} ` +
      `At most ${MAX_NIGHTS} nights. Admin, housing officers and managers.`,
  })
  @ApiOkResponse({ type: OccupancyReport })
  @ApiBadRequestResponse({
    description: `from / to missing or not real dates, to not after from, or more than ${MAX_NIGHTS} nights`,
  })
  @ApiUnauthorizedResponse()
  @ApiForbiddenResponse()
  report(@CurrentUser() me: AuthUser, @Query() q: OccupancyQuery): Promise<OccupancyReport> {
    return this.occupancy.report(me, q);
  }
}
