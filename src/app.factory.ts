import { ArgumentsHost, Catch, ExceptionFilter, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { json, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule, AppOptions } from './app.module';
import { jsonOnly, verifyJsonDepth } from './platform/http/body-guard';
import { ProblemDetailsFilter } from './platform/http/problem.filter';
import { createValidationPipe } from './platform/http/validation';
import { PageErrorsFilter } from './web/page-errors.filter';
import { WEB_PREFIX } from './web/page-requests';
import { cspNonce, scriptSources, setUpPages } from './web/web.setup';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

const PROBLEM_REF = { $ref: '#/components/schemas/ProblemDetails' };
const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'RFC 9457 problem details (application/problem+json)',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', format: 'uri', example: 'https://care-leavers.invalid/problems/validation' },
    title: { type: 'string', example: 'Invalid request' },
    status: { type: 'integer', example: 400 },
    detail: { type: 'string', example: 'minAge: minAge must not be less than 16' },
    instance: { type: 'string', example: '/beds' },
    errors: {
      type: 'array',
      description: 'For 400 validation errors: one entry per invalid field',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};
const ERROR_DESCRIPTIONS: Record<string, string> = {
  '400': 'Malformed or invalid input; `errors` names each field',
  '401': 'No valid bearer token',
  '403': 'The role may not do this',
  '404': 'No record has this id',
  '409': 'Conflict with the current state (stale version, duplicate, bed not available)',
  '413': 'The body is larger than the service accepts',
  '422': 'Well-formed, but breaks a placement rule',
  '429': 'Too many attempts; see Retry-After',
};

/** Says in each operation's description who may call it (from `@Roles` / `@Public`, kept as `x-roles`). */
function describeRoles(op: { description?: string; 'x-roles'?: string[]; security?: unknown[] }): void {
  const roles = op['x-roles'];
  const who = roles?.includes('anonymous')
    ? 'anyone, no sign-in needed'
    : roles?.length
      ? roles.map((r) => r.replace(/_/g, ' ')).join(', ')
      : 'any signed-in user';
  op['x-roles'] ??= ['any_signed_in_user'];
  const line = `Roles: ${who}.`;
  if (!op.description?.includes('Roles:')) op.description = op.description ? `${op.description}\n\n${line}` : line;
}

/**
 * Every error the service answers is problem details, so say so in the document: a ProblemDetails
 * schema, and on every operation the error answers it can give (400 for any input, 401/403 when it
 * needs a token, 404 for an id in the path, 413 for a body) described with that schema.
 */
export function describeProblems(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas.ProblemDetails = PROBLEM_SCHEMA;
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const op = item[method];
      if (!op) continue;
      const codes = new Set(Object.keys(op.responses ?? {}).filter((c) => /^[45]\d\d$/.test(c)));
      if (op.requestBody || op.parameters?.length || path.includes('{')) codes.add('400');
      if (op.requestBody) codes.add('413');
      if (op.security?.length) ['401', '403'].forEach((c) => codes.add(c));
      if (path.includes('{')) codes.add('404');
      describeRoles(op);
      op.responses ??= {};
      for (const code of codes) {
        const existing = op.responses[code] as { description?: string; content?: Record<string, unknown> } | undefined;
        if (existing?.content && Object.keys(existing.content).some((type) => type !== 'application/problem+json'))
          continue;
        op.responses[code] = {
          description: existing?.description || ERROR_DESCRIPTIONS[code] || 'Error',
          content: { 'application/problem+json': { schema: PROBLEM_REF } },
        };
      }
    }
  }
  return document;
}

/** Sends an error to the pages' filter when it happened on a page, to problem details otherwise. */
@Catch()
class ErrorsFilter implements ExceptionFilter {
  constructor(
    private readonly pages: ExceptionFilter,
    private readonly problems: ExceptionFilter,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const onPage =
      req?.url === WEB_PREFIX || req?.url?.startsWith(`${WEB_PREFIX}/`) || req?.url?.startsWith(`${WEB_PREFIX}?`);
    (onPage ? this.pages : this.problems).catch(exception, host);
  }
}

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
  // X-Forwarded-For is believed only from the proxies TRUST_PROXY names (none by default), so a
  // client cannot choose its own address for the sign-in limits.
  app.set('trust proxy', options.config.trustProxy);
  app.set('x-powered-by', false);
  // No ETags: pages are `no-store` (personal data), and Express's is a hash of every response body
  // (a page's 30 KB on every request). Static assets keep theirs (serve-static's own, from the file).
  app.set('etag', false);
  // Helmet's defaults, less `upgrade-insecure-requests`: the only HTML served is the Swagger UI,
  // and on a plain-http address (a newcomer's http://localhost:3000, an internal host) that
  // directive makes the browser fetch its scripts over https, leaving a blank page. HSTS still
  // keeps browsers on https wherever the service is served over it.
  // Pages may run one inline script, GOV.UK's `js-enabled` switch, carrying this request's nonce.
  app.use(cspNonce);
  app.use(
    helmet({
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: null, scriptSrc: scriptSources } },
    }),
  );
  // The request id first of all, so answers refused before any route (malformed JSON, oversized
  // body) carry it too; the logger's genReqId then finds the same sane header and keeps it.
  app.use((req: Request, res: Response, next: NextFunction) => {
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : crypto.randomUUID();
    req.headers['x-request-id'] = id;
    res.setHeader('X-Request-Id', id);
    next();
  });
  // The staff's pages: assets, page requests routed to them, their form bodies, the view engine.
  setUpPages(app, options.config);
  // JSON only, nested at most MAX_JSON_DEPTH deep (checked on the raw bytes, before parsing);
  // any other body type is 415 rather than an empty body.
  app.use(jsonOnly([WEB_PREFIX]));
  app.use(
    json({
      limit: options.config.bodyLimit,
      type: ['application/json', 'application/*+json'],
      verify: verifyJsonDepth,
    }),
  );
  // Errors on pages become pages; everything else problem details.
  const filter = new ErrorsFilter(new PageErrorsFilter(), new ProblemDetailsFilter());
  // Body-parser failures (malformed JSON, oversized bodies) arrive here before any route.
  app.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (!err) return next();
    filter.catch(err, { switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }) } as never);
  });
  app.useGlobalFilters(filter);
  app.useGlobalPipes(createValidationPipe());
  // Exit with 0 after a graceful close (and let the async logger flush) instead of re-raising the signal.
  app.enableShutdownHooks([], { useProcessExit: true });

  setUpDocs(app);
  return app;
}

/** OpenAPI at /docs (Swagger UI) and /docs-json. */
function setUpDocs(app: INestApplication): void {
  const doc = new DocumentBuilder()
    .setTitle('Care leaver emergency accommodation')
    .setDescription(
      'Bed inventory, placement matching and escalation timers for care leavers in emergency or unsuitable accommodation. ' +
        'Errors are RFC 9457 problem details (application/problem+json).',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = describeProblems(SwaggerModule.createDocument(app, doc));
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
