import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CoverageView } from '../features/escalations/coverage.dto';
import { CoverageService } from '../features/escalations/coverage.service';
import { CAN } from '../kernel/roles';
import { Roles } from './auth/current-user';

@ApiTags('escalations')
@ApiBearerAuth()
@Controller('escalation-coverage')
export class CoverageController {
  constructor(private readonly coverage: CoverageService) {}

  @Get()
  @Roles(...CAN.readCoverage)
  @ApiOperation({
    summary: 'Who escalations would reach, by area and role, and every gap',
    description:
      'For every area on the list (and young people with no home area) and every rung of the ladder: who a step would reach ' +
      'when the PA’s own line-management chain has nobody in that role, and how (area, council-wide, a more senior role standing in). ' +
      '`gaps` lists the cells that would fall back or reach nobody; `pasWithIncompleteChains` the PAs whose chain misses a rung.',
  })
  @ApiOkResponse({ type: CoverageView })
  get(): Promise<CoverageView> {
    return this.coverage.coverage();
  }
}
