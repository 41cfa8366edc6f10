import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainError, type ErrorKind, type FieldError } from '../../kernel/errors';

/** RFC 9457 problem details, as every error answer of the API carries them. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** A stable machine-readable reason (the domain error's code). */
  code?: string;
  instance?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

const TYPE_BASE = 'https://care-leavers.invalid/problems/';

const TITLES: Record<number, [string, string]> = {
  400: ['bad-request', 'Bad request'],
  401: ['unauthorized', 'Unauthorized'],
  403: ['forbidden', 'Forbidden'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  409: ['conflict', 'Conflict'],
  413: ['payload-too-large', 'Payload too large'],
  415: ['unsupported-media-type', 'Unsupported media type'],
  422: ['rule-violation', 'Placement rule violated'],
  429: ['too-many-requests', 'Too many requests'],
  500: ['internal', 'Internal server error'],
  503: ['unavailable', 'Service unavailable'],
};

export function problemType(status: number, slug?: string): string {
  return TYPE_BASE + (slug ?? TITLES[status]?.[0] ?? String(status));
}

export function problemTitle(status: number): string {
  return TITLES[status]?.[1] ?? HttpStatus[status] ?? 'Error';
}

/** The one place a domain error kind becomes an HTTP status. */
export const STATUS_OF: Readonly<Record<ErrorKind, number>> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unsupported: 415,
  rule_violation: 422,
  rate_limited: 429,
  unavailable: 503,
};

/** Codes that are only the kind restated: their problem `type` is the status's own. */
const GENERIC_CODES = new Set<string>(Object.keys(STATUS_OF));

/** A domain error as problem details: its kind gives the status, its code the type, its details extra members. */
export function problemOf(e: DomainError): ProblemBody {
  const status = STATUS_OF[e.kind];
  const validation = e.kind === 'invalid' && e.fields.length > 0;
  const slug = GENERIC_CODES.has(e.code) ? undefined : e.code.replace(/_/g, '-');
  return {
    type: problemType(status, slug),
    title: validation ? 'Invalid request' : problemTitle(status),
    status,
    detail: e.message,
    code: e.code,
    ...e.details,
    ...(e.fields.length ? { errors: e.fields } : {}),
  };
}

/**
 * An HTTP-level error with a problem-details body, for the few answers that are about HTTP itself
 * rather than the domain (a route that does not exist in this process, a guard's refusal).
 */
export class ProblemException extends HttpException {
  constructor(status: number, detail: string, extra: Partial<ProblemBody> & { slug?: string } = {}) {
    const { slug, ...rest } = extra;
    const body: ProblemBody = {
      type: problemType(status, slug),
      title: rest.title ?? problemTitle(status),
      status,
      detail,
      ...rest,
    };
    super(body, status);
  }
}
