/**
 * The acknowledge form of the alert page: the GOV.UK date input's three boxes composed into the
 * API's `reviewBy` (`YYYY-MM-DD`) with GOV.UK's messages for a missing or impossible date, and the
 * service's answers (a review date out of bounds, a step acknowledged meanwhile) as form messages.
 * Input reading only: the review-date bound and who may acknowledge are the service's.
 */
import { parseDate } from '../../kernel/dates';
import type { FieldError } from '../../kernel/errors';
import { ukDate } from './format';
import { presentErrors, type PresentedErrors } from './errors.presenter';
import { postedDate, postedText } from './posted';

export type DatePart = 'day' | 'month' | 'year';
const PARTS: DatePart[] = ['day', 'month', 'year'];

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** What was posted, as the form shows it again. */
export interface AcknowledgeFormValues extends DateParts {
  actionPlan: string;
}

export const ACK_FIELDS = { actionPlan: 'Action plan', reviewBy: 'Review date' };

/** The posted fields (`reviewBy-day`, …) of the form; anything missing is ''. */
export function acknowledgeFormValues(body: Record<string, unknown> | undefined): AcknowledgeFormValues {
  return { actionPlan: postedText(body, 'actionPlan'), ...postedDate(body, 'reviewBy') };
}

const and = (parts: string[]) => (parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0]);

/**
 * The three boxes as `YYYY-MM-DD`, or GOV.UK's message and the boxes at fault: nothing entered
 * ("Enter the review date"), a box left empty ("Review date must include a month"), a year that is
 * not four figures, or a date that does not exist ("Review date must be a real date").
 */
export function composeDate(
  parts: DateParts,
  label = 'Review date',
): { value: string; error: null } | { value: null; error: { message: string; parts: DatePart[] } } {
  const v = { day: parts.day.trim(), month: parts.month.trim(), year: parts.year.trim() };
  const missing = PARTS.filter((p) => v[p] === '');
  if (missing.length === 3)
    return { value: null, error: { message: `Enter the ${label.toLowerCase()}`, parts: PARTS } };
  if (missing.length)
    return { value: null, error: { message: `${label} must include a ${and(missing)}`, parts: missing } };
  const notNumbers = PARTS.filter((p) => !/^\d+$/.test(v[p]));
  if (notNumbers.length) return { value: null, error: { message: `${label} must be a real date`, parts: notNumbers } };
  if (!/^\d{4}$/.test(v.year))
    return { value: null, error: { message: 'Year must include 4 numbers', parts: ['year'] } };
  const text = `${v.year}-${v.month.padStart(2, '0')}-${v.day.padStart(2, '0')}`;
  if (v.day.length > 2 || v.month.length > 2 || !parseDate(text)) {
    const day = Number(v.day);
    const month = Number(v.month);
    const bad: DatePart[] = [
      ...(month < 1 || month > 12 ? (['month'] as const) : []),
      ...(day < 1 || day > 31 ? (['day'] as const) : []),
    ];
    return { value: null, error: { message: `${label} must be a real date`, parts: bad.length ? bad : PARTS } };
  }
  return { value: text, error: null };
}

/** The date input's boxes: the values posted, the ones at fault marked. */
export function dateItems(values: DateParts, faulty: readonly DatePart[] = []) {
  return PARTS.map((p) => ({
    name: p,
    value: values[p],
    classes: p === 'year' ? 'govuk-input--width-4' : 'govuk-input--width-2',
    ...(faulty.includes(p) ? { error: true } : {}),
  }));
}

/**
 * The service's messages as people read them: ISO dates as UK dates, durations in words
 * (`P5WD` → `5 working days`), and a review-date message starting with the field's label.
 */
export function serviceMessage(field: string, message: string): FieldError {
  let text = message
    .replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (d) => ukDate(d))
    .replace(/\bP(\d+)WD\b/g, (_, n: string) => `${n} working day${n === '1' ? '' : 's'}`)
    .replace(/\bP(\d+)W\b/g, (_, n: string) => `${n} week${n === '1' ? '' : 's'}`)
    .replace(/\bP(\d+)D\b/g, (_, n: string) => `${n} day${n === '1' ? '' : 's'}`);
  if (field === 'reviewBy' && /^must\b/.test(text)) text = `${ACK_FIELDS.reviewBy} ${text}`;
  return { field, message: text };
}

/** What the page says when the step could not be acknowledged because of its state now (a `409`). */
export function stateConflictErrors(status: string): PresentedErrors {
  const text =
    status === 'acknowledged'
      ? 'This step has already been acknowledged. The acknowledgement is shown below'
      : status === 'scheduled'
        ? 'This step has not fired yet, so it cannot be acknowledged'
        : status === 'cancelled'
          ? 'This step was cancelled, so it cannot be acknowledged'
          : 'This step is closed, so it can no longer be acknowledged';
  return { summary: [{ text, href: '#this-step' }], byField: {} };
}

/**
 * Field errors of the form (the page's own and the service's) for the error summary and each
 * field; a date's links to its first box at fault.
 */
export function acknowledgeErrors(errors: FieldError[], firstFaultyPart: DatePart = 'day'): PresentedErrors {
  return presentErrors(errors, ACK_FIELDS, { reviewBy: `reviewBy-${firstFaultyPart}` });
}
