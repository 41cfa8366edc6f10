import { HttpException, HttpStatus } from '@nestjs/common';

/** One field that failed validation, as RFC 9457 `errors[]` entries. */
export interface FieldError {
  field: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
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

/**
 * An HTTP error that carries a problem-details body. Services throw these (or the helpers below)
 * and the global filter renders them as `application/problem+json`.
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

export const badRequest = (detail: string, errors?: FieldError[]) =>
  new ProblemException(400, detail, errors ? { slug: 'validation', title: 'Invalid request', errors } : {});
export const invalidField = (field: string, message: string) =>
  badRequest(`${field}: ${message}`, [{ field, message }]);
export const notFound = (what: string, id?: string) =>
  new ProblemException(404, id ? `${what} ${id} was not found` : `${what} was not found`);
export const conflict = (detail: string, extra: Partial<ProblemBody> & { slug?: string } = {}) =>
  new ProblemException(409, detail, extra);
export const forbidden = (detail = 'Your role may not do this') => new ProblemException(403, detail);
/** A well-formed request that breaks a placement rule; `rules` names each broken rule. */
export const ruleViolation = (detail: string, rules: { rule: string; detail: string }[]) =>
  new ProblemException(422, detail, { rules });
