import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule, AppOptions } from './app.module';
import { ProblemDetailsFilter } from './common/problem.filter';
import { createValidationPipe } from './common/validation';

/**
 * Builds the whole HTTP application (used by main.ts and the e2e tests alike): security headers,
 * body limits, problem-details errors, validation, OpenAPI at /docs and /docs-json.
 */
export async function createApp(options: AppOptions & { logger?: boolean }): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    bodyParser: false,
    bufferLogs: true,
    abortOnError: false,
  });
  if (options.logger !== false) app.useLogger(app.get(Logger));
  else app.useLogger(false);
  app.set('trust proxy', 'loopback');
  app.set('x-powered-by', false);
  app.use(helmet());
  app.useBodyParser('json', { limit: options.config.bodyLimit, type: ['application/json', 'application/*+json'] });
  const filter = new ProblemDetailsFilter();
  // Body-parser failures (malformed JSON, oversized bodies) arrive here before any route.
  app.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (!err) return next();
    filter.catch(err, { switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }) } as never);
  });
  app.useGlobalFilters(filter);
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  const doc = new DocumentBuilder()
    .setTitle('Care leaver emergency accommodation')
    .setDescription(
      'Bed inventory, placement matching and escalation timers for care leavers in emergency or unsuitable accommodation. ' +
        'Errors are RFC 9457 problem details (application/problem+json).',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, doc);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
