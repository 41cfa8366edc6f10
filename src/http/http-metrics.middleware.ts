import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { MetricsService } from '../features/operations/metrics.service';

/** Paths served outside Nest's router, labelled by their mount point (a raw URL never becomes a label). */
const MOUNTS = ['/admin/queues', '/docs'];

/** The route template of a finished request: `/young-people/:id`, never `/young-people/6f1c…`. */
export function routeLabel(req: Request): string {
  const path = (req.originalUrl ?? req.url ?? '').split('?')[0];
  for (const mount of MOUNTS)
    if (path === mount || path.startsWith(`${mount}/`) || path.startsWith(`${mount}-`)) return mount;
  const route = (req as unknown as { route?: { path?: unknown } }).route;
  // A wildcard is this middleware's own mount (no route matched after it): a 404, not a route.
  if (route && typeof route.path === 'string' && !route.path.includes('*')) return route.path;
  return 'unmatched';
}

/** Times every request and records it in http_request_duration_seconds when the response is sent. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: MetricsService) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.metrics.httpDuration.observe(
        { method: req.method, route: routeLabel(req), status: String(res.statusCode) },
        seconds,
      );
    });
    next();
  }
}
