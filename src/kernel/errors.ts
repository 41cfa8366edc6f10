/**
 * Domain errors: what went wrong, in the service's own terms. Rules and services raise these;
 * nothing below the HTTP layer knows a status code. `platform/http/problem.ts` maps each kind to
 * RFC 9457 problem details (the API) and the web pages map them to GOV.UK error messages.
 */

/** One field that is wrong, named as the caller sent it (`steps.0.after`). */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * - `invalid`: malformed or invalid input (fields say which)
 * - `unauthenticated`: nobody signed in, or a token / session that no longer counts
 * - `forbidden`: the role may not do this
 * - `not_found`: no such record (or one the caller may not know exists)
 * - `conflict`: the record's state does not allow it now (stale version, bed no longer available)
 * - `rule_violation`: well-formed, but breaks a placement or suitability rule
 * - `rate_limited`: too many attempts; `details.retryAfter` says how many seconds to wait
 * - `unsupported`: a body the operation does not take
 * - `unavailable`: a part of the service this process does not run
 */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rule_violation'
  | 'rate_limited'
  | 'unsupported'
  | 'unavailable';

export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly kind: ErrorKind,
    /** Stable, machine-readable reason (`stay_order`, `bed_state`, `validation`). */
    readonly code: string,
    message: string,
    /** The fields at fault, for `invalid` (and a form's error summary). */
    readonly fields: FieldError[] = [],
    /** Facts the caller can act on (the clashing record, the current status), never personal data it may not see. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** The first field at fault, if any. */
  get field(): string | undefined {
    return this.fields[0]?.field;
  }
}

/** Invalid input; `errors` names each field (the message lists them when not given). */
export const invalid = (errors: FieldError[], message = errors.map((e) => `${e.field}: ${e.message}`).join('; ')) =>
  new DomainError('invalid', 'validation', message || 'Invalid request', errors);

/** One invalid field. */
export const invalidField = (field: string, message: string) => invalid([{ field, message }]);

export const notFound = (what: string, id?: string) =>
  new DomainError('not_found', 'not_found', id ? `${what} ${id} was not found` : `${what} was not found`);

/** A state conflict; `code` names it (`bed_state`), `details` says what the state is. */
export const conflict = (message: string, code = 'conflict', details: Record<string, unknown> = {}) =>
  new DomainError('conflict', code, message, [], details);

export const forbidden = (message = 'Your role may not do this') => new DomainError('forbidden', 'forbidden', message);

export const unauthenticated = (message: string) => new DomainError('unauthenticated', 'unauthenticated', message);

/** A well-formed request that breaks placement rules; each broken rule is listed. */
export const ruleViolation = (message: string, rules: { rule: string; detail: string }[]) =>
  new DomainError('rule_violation', 'rule_violation', message, [], { rules });

export const rateLimited = (message: string, retryAfterSeconds: number) =>
  new DomainError('rate_limited', 'rate_limited', message, [], { retryAfter: retryAfterSeconds });

export const unavailable = (message: string) => new DomainError('unavailable', 'unavailable', message);

export function isDomainError(e: unknown, kind?: ErrorKind): e is DomainError {
  return e instanceof DomainError && (kind === undefined || e.kind === kind);
}
