import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from '../../kernel/errors';
import { ProblemBody, problemOf, problemTitle, problemType } from './problem';

const PG_UNIQUE = '23505';
const PG_FK = '23503';
const PG_SERIALIZATION = '40001';
const PG_DEADLOCK = '40P01';
const PG_NOT_NULL = '23502';
const PG_CHECK = '23514';
/** Class 22, "data exception": a value the database cannot store (too long, out of range, NUL byte, bad date). */
const PG_DATA_EXCEPTION = /^22[0-9A-Z]{3}$/;

/**
 * Renders every error as RFC 9457 problem details. Known HTTP errors keep their status; body-parser
 * failures (malformed JSON, oversized body) become 400/413; database conflicts become 409; anything
 * else is a 500 with no internals in the body (the log carries the stack, never personal data).
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    if (!res || typeof res.status !== 'function') throw exception;
    const body = this.toProblem(exception);
    body.instance = req?.originalUrl?.split('?')[0];
    if (body.status >= 500) {
      this.logger.error(
        {
          err:
            exception instanceof Error
              ? { name: exception.name, message: exception.message, stack: exception.stack }
              : String(exception),
        },
        'unhandled error',
      );
    }
    if (res.headersSent) return;
    if (typeof body.retryAfter === 'number') res.setHeader('Retry-After', String(body.retryAfter));
    res.status(body.status).type('application/problem+json').send(JSON.stringify(body));
  }

  /** The problem details an error becomes (the pages use the same status and detail). */
  toProblem(exception: unknown): ProblemBody {
    if (exception instanceof DomainError) return problemOf(exception);
    if (exception instanceof HttpException) return fromHttpException(exception);
    return fromBodyParser(exception) ?? this.fromDatabase(exception) ?? internalError();
  }

  /** A database error that input validation should have prevented: a conflict or an unstorable value, never a 500. */
  private fromDatabase(exception: unknown): ProblemBody | null {
    const err = exception as { code?: string; cause?: { code?: string }; name?: string } | null;
    const code = err?.code ?? err?.cause?.code;
    const problem = (status: number, slug: string, detail: string): ProblemBody => ({
      type: problemType(status, slug),
      title: status === 409 ? 'Conflict' : problemTitle(status),
      status,
      detail,
    });
    if (code === PG_UNIQUE) return problem(409, 'duplicate', 'A record with the same unique value already exists');
    if (code === PG_SERIALIZATION || code === PG_DEADLOCK) {
      return problem(
        409,
        'concurrent-update',
        'The record was changed by someone else at the same time; reload and try again',
      );
    }
    if (typeof code === 'string' && (PG_DATA_EXCEPTION.test(code) || code === PG_NOT_NULL || code === PG_CHECK)) {
      this.logger.warn(`database refused a value (SQLSTATE ${code}); a validation rule is missing`);
      return problem(
        400,
        'unstorable-value',
        'A value in the request cannot be stored (out of range, too long, missing or malformed)',
      );
    }
    if (code === PG_FK) return problem(409, 'reference', 'The record refers to, or is referred to by, another record');
    if (err?.name === 'OptimisticLockError') {
      return problem(409, 'stale-version', 'The record was changed by someone else; reload and try again');
    }
    return null;
  }
}

/** A Nest HTTP exception: its own problem body when it carries one, else its status and message. */
function fromHttpException(exception: HttpException): ProblemBody {
  const status = exception.getStatus();
  const response = exception.getResponse();
  if (typeof response === 'object' && response && 'type' in response && 'status' in response) {
    return { ...(response as ProblemBody) };
  }
  const given = typeof response === 'string' ? response : (response as { message?: unknown }).message;
  const detail = Array.isArray(given) ? given.join('; ') : typeof given === 'string' ? given : exception.message;
  return { type: problemType(status), title: problemTitle(status), status, detail };
}

/** body-parser's errors (they carry `type` and `status`): malformed JSON, an oversized body. */
function fromBodyParser(exception: unknown): ProblemBody | null {
  const err = exception as { type?: unknown; status?: number; statusCode?: number; message?: string } | null;
  const status = err?.status ?? err?.statusCode;
  if (!err || typeof err !== 'object' || typeof err.type !== 'string' || !status) return null;
  if (err.type === 'entity.parse.failed') {
    return {
      type: problemType(400, 'malformed-json'),
      title: 'Malformed JSON',
      status: 400,
      detail: 'The request body is not valid JSON',
    };
  }
  if (err.type === 'entity.too.large') {
    return {
      type: problemType(413),
      title: problemTitle(413),
      status: 413,
      detail: 'The request body is larger than the service accepts',
    };
  }
  if (status >= 400 && status < 500) {
    return { type: problemType(status), title: problemTitle(status), status, detail: err.message ?? 'Bad request' };
  }
  return null;
}

const internalError = (): ProblemBody => ({
  type: problemType(500),
  title: problemTitle(500),
  status: 500,
  detail: 'Something went wrong on our side',
});
