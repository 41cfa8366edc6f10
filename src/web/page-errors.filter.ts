import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { isDomainError } from '../kernel/errors';
import { ProblemDetailsFilter } from '../platform/http/problem.filter';
import { signInAddress } from './return-to';

/** Pages by status; anything else is the generic problem page. */
const PAGES: Record<number, string> = { 403: 'errors/403', 404: 'errors/404', 500: 'errors/500' };

const HEADINGS: Record<number, string> = {
  400: 'There is a problem with this page’s address',
  405: 'This page cannot do that',
  409: 'This has changed since you opened it',
  413: 'What you sent is too large',
  415: 'What you sent is in a form this page does not take',
  422: 'This cannot be done',
  429: 'Too many attempts',
  503: 'This part of the service is not available',
};

/**
 * Errors on pages, as pages: nobody signed in goes to sign in (and back afterwards); a role that
 * may not see the page gets the 403 page; an unknown record, or one outside a PA's caseload, the
 * 404 page; a failure the 500 page with no detail (the log has it). Never a stack trace or JSON.
 * The status and wording come from the same mapping as the API's problem details.
 */
@Catch()
export class PageErrorsFilter implements ExceptionFilter {
  private readonly problems = new ProblemDetailsFilter();
  private readonly logger = new Logger('Page');

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    res.setHeader('Cache-Control', 'no-store');
    if (isDomainError(exception, 'unauthenticated')) {
      res.redirect(303, signInAddress(req.method === 'GET' ? req.originalUrl : req.originalUrl.split('?')[0]));
      return;
    }
    const problem = this.problems.toProblem(exception);
    // A malformed id in a page's address is a page that does not exist.
    const status = problem.status === 400 && req.method === 'GET' ? 404 : problem.status;
    if (status >= 500) {
      const err =
        exception instanceof Error
          ? { name: exception.name, message: exception.message, stack: exception.stack }
          : String(exception);
      this.logger.error({ err, path: req.originalUrl.split('?')[0] }, 'page failed');
    }
    if (typeof problem.retryAfter === 'number') res.setHeader('Retry-After', String(problem.retryAfter));
    const view = PAGES[status] ?? (status >= 500 ? 'errors/500' : 'errors/problem');
    res.status(status).render(view, {
      status,
      heading: HEADINGS[status] ?? problem.title,
      // Domain errors are written for people; framework errors (a route that does not exist) are not shown.
      detail: isDomainError(exception) && status < 500 ? exception.message : null,
      csrf: isDomainError(exception) && exception.code === 'csrf',
    });
  }
}
