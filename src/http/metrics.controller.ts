import { CanActivate, Controller, ExecutionContext, Get, Injectable, Res, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from './auth/current-user';
import { MetricsService } from '../features/operations/metrics.service';
import { OperatorAuth } from './auth/operator-auth';

/** /metrics: the static METRICS_TOKEN or an admin's access token (401 / 403 as problem details). */
@Injectable()
export class MetricsGuard implements CanActivate {
  constructor(private readonly auth: OperatorAuth) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    await this.auth.scraper(
      context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers?.authorization,
    );
    return true;
  }
}

@ApiTags('operations')
@ApiBearerAuth()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Public() // not the global sign-in guard: MetricsGuard also accepts the static METRICS_TOKEN
  @UseGuards(MetricsGuard)
  @ApiOperation({
    summary: 'Prometheus metrics',
    description:
      'Prometheus text format. Send "Authorization: Bearer <METRICS_TOKEN>" (the static scrape token set in the environment) or an admin’s access ' +
      'token; anyone else gets 401 / 403. Request rates and latencies (http_request_duration_seconds by method, route template and status), ' +
      'queue depths (cla_queue_jobs by queue and state), open unsuitable stays (cla_unsuitable_stays_open), the oldest one’s age ' +
      '(cla_unsuitable_stay_oldest_seconds), overdue escalation steps (cla_escalation_steps_overdue), failed notifications ' +
      '(cla_notifications_failed by channel), whether each source could be read (cla_metrics_source_up) and the process’s own metrics. ' +
      'Everything but request timings is read from PostgreSQL and Redis at scrape time.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'text/plain; version=0.0.4 (Prometheus exposition format)',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  @ApiUnauthorizedResponse({ description: 'No token, or neither METRICS_TOKEN nor a valid access token' })
  @ApiForbiddenResponse({ description: 'A signed-in user who is not an admin' })
  async scrape(@Res() res: Response): Promise<void> {
    const { contentType, body } = await this.metrics.metrics();
    res.status(200).setHeader('Content-Type', contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.send(body);
  }
}
