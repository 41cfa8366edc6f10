import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { urlencoded, type NextFunction, type Request, type Response } from 'express';
import type { AppConfig } from '../platform/config/config';
import { routePageRequests, WEB_PREFIX } from './page-requests';
import { configureViews, ROOT } from './view-engine';

const GOVUK = join(ROOT, 'node_modules/govuk-frontend/dist/govuk');
const MOJ = join(ROOT, 'node_modules/@ministryofjustice/frontend/moj');

/** A fresh nonce per request for the page's one inline script (GOV.UK's `js-enabled` switch). */
export function cspNonce(_req: Request, res: Response, next: NextFunction): void {
  res.locals.cspNonce = randomBytes(16).toString('base64');
  next();
}

/** The CSP `script-src` of a response: this service's own scripts and the request's nonce. */
export const scriptSources = [
  "'self'",
  (_req: unknown, res: unknown) => `'nonce-${(res as Response).locals.cspNonce}'`,
];

/**
 * The pages' plumbing, before any route: the design systems' compiled assets and the service's
 * stylesheet and script; page requests routed to the pages (`page-requests.ts`); form bodies
 * (urlencoded, flat, as small as the JSON limit) parsed for pages only; the view engine.
 */
export function setUpPages(app: NestExpressApplication, config: AppConfig): void {
  const assets = { maxAge: '1h', index: false, fallthrough: true } as const;
  app.useStaticAssets(join(GOVUK, 'assets/images'), { ...assets, prefix: '/assets/govuk/images' });
  app.useStaticAssets(join(MOJ, 'assets/images'), { ...assets, prefix: '/assets/govuk/images' });
  const express = app.getHttpAdapter().getInstance() as {
    get: (path: string, h: (q: Request, s: Response) => void) => void;
  };
  for (const [name, file] of [
    ['govuk-frontend.min.js', join(GOVUK, 'govuk-frontend.min.js')],
    ['moj-frontend.min.js', join(MOJ, 'moj-frontend.min.js')],
  ]) {
    express.get(`/assets/js/${name}`, (_req, res) => res.sendFile(file, { maxAge: assets.maxAge }));
  }
  // The service's own script and icon (beside this file) and its compiled stylesheet (`npm run build`).
  app.useStaticAssets(join(__dirname, 'assets'), { ...assets, prefix: '/assets/app' });
  const compiled = join(ROOT, 'dist/web/assets');
  if (existsSync(compiled) && compiled !== join(__dirname, 'assets')) {
    app.useStaticAssets(compiled, { ...assets, prefix: '/assets/app' });
  }
  app.use(routePageRequests);
  app.use(WEB_PREFIX, urlencoded({ extended: false, limit: config.bodyLimit, parameterLimit: 100 }));
  configureViews(app, { councilName: config.councilName, serviceName: config.serviceName });
}
