import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { HealthService, HealthView } from '../features/operations/health.service';
import { Public } from './auth/current-user';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(private readonly checks: HealthService) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Whether the service can reach PostgreSQL and Redis',
    description:
      'For load balancers and orchestrators: no sign-in. 200 when both answer within 2 seconds, 503 (with the same body) when either does not; ' +
      'never cached.',
  })
  @ApiOkResponse({
    type: HealthView,
    description: 'PostgreSQL and Redis both answer: {status: "ok", checks: {database: "up", redis: "up"}}',
  })
  @ApiServiceUnavailableResponse({
    type: HealthView,
    description: 'PostgreSQL or Redis is not answering (within 2 s): status "error", the check that failed is "down"',
  })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthView> {
    const view = await this.checks.check();
    res.status(view.status === 'ok' ? 200 : 503);
    res.setHeader('Cache-Control', 'no-store');
    return view;
  }
}
