/**
 * "Add a past stay to their history" (`/young-people/:id/stays/past`): the posted fields read
 * into the API's `CreateStayDto` body for a stay that is already over (`startedAt`, `endedAt`,
 * `endReason`, and the `reason` it is added now, which the audit keeps), the form's items, and a
 * clash with another stay said in words. Input reading and wording only: the rules are the
 * service's (`StaysService.record`).
 */
import { ACCOMMODATION, type AccommodationCode } from '../../kernel/accommodation';
import type { FieldError } from '../../kernel/errors';
import type { DatePart } from './alert.presenter.form';
import { dateItems } from './alert.presenter.form';
import { presentErrors } from './errors.presenter';
import { ukDateTime } from './format';
import { accommodationGroups, composeInstant, type FormValues } from './record-forms';

export const PAST_STAY_FIELDS = {
  accommodationCode: 'Where they stayed',
  startedAt: 'Date they started staying there',
  'startedAt-time': 'Time they started staying there',
  endedAt: 'Date they left',
  'endedAt-time': 'Time they left',
  reason: 'Why it is being added now',
  endReason: 'Why they left',
  description: 'Description',
};
export const PAST_STAY_NAMES = [
  'accommodationCode',
  'startedAt-day',
  'startedAt-month',
  'startedAt-year',
  'startedAt-time',
  'endedAt-day',
  'endedAt-month',
  'endedAt-year',
  'endedAt-time',
  'reason',
  'endReason',
  'description',
] as const;

/** Said as why it ended when the form leaves it blank (the API needs one with `endedAt`). */
export const DEFAULT_END_REASON = 'Moved on (recorded as past history)';

/**
 * The API's body for these values, or the page's own messages (a choice not made, a date or a
 * time not real, no reason) and the boxes at fault by date.
 */
export function pastStayBody(
  youngPersonId: string,
  v: FormValues,
):
  | { body: Record<string, unknown>; errors: null }
  | { body: null; errors: FieldError[]; faulty: Record<'startedAt' | 'endedAt', DatePart[]> } {
  const errors: FieldError[] = [];
  const faulty: Record<'startedAt' | 'endedAt', DatePart[]> = { startedAt: [], endedAt: [] };
  if (!v.accommodationCode) errors.push({ field: 'accommodationCode', message: 'Select where they stayed' });
  const start = composeInstant(v, 'startedAt', 'Date they started staying there');
  if (start.error) {
    errors.push(start.error);
    faulty.startedAt = start.faulty;
  }
  const end = composeInstant(v, 'endedAt', 'Date they left');
  if (end.error) {
    errors.push(end.error);
    faulty.endedAt = end.faulty;
  }
  if (!v.reason.trim()) errors.push({ field: 'reason', message: 'Enter why it is being added now' });
  if (errors.length) return { body: null, errors, faulty };
  return {
    body: {
      youngPersonId,
      accommodationCode: v.accommodationCode,
      startedAt: start.value,
      endedAt: end.value,
      endReason: v.endReason.trim() ? v.endReason : DEFAULT_END_REASON,
      reason: v.reason,
      ...(v.description.trim() ? { description: v.description } : {}),
    },
    errors: null,
  };
}

/** The stay a new one clashes with, as the `stay_overlap` answer and the stay itself say it. */
export interface Clash {
  accommodationCode: AccommodationCode;
  description: string | null;
  startedAt: string;
  endedAt: string | null;
}

/** A clash in words: "They were at … from … to … then: a past stay cannot overlap another". */
export function clashMessage(c: Clash): FieldError {
  const label = ACCOMMODATION[c.accommodationCode]?.label ?? c.accommodationCode;
  const where = `${label} (${c.accommodationCode})${c.description ? `, ${c.description},` : ''}`;
  const span = c.endedAt
    ? `from ${ukDateTime(c.startedAt)} to ${ukDateTime(c.endedAt)}`
    : `from ${ukDateTime(c.startedAt)} and are still there`;
  return {
    field: 'form',
    message: `They were at ${where} ${span} then: a past stay cannot overlap another, so change its dates`,
  };
}

/** The service's messages as the form says them (ISO instants as UK date and time). */
export function pastStayMessage(e: FieldError): FieldError {
  let message = e.message.replace(/\b\d{4}-\d{2}-\d{2}T[0-9:.]+(Z|[+-]\d{2}:\d{2})?/g, (t) => ukDateTime(t));
  const label = (PAST_STAY_FIELDS as Record<string, string>)[e.field];
  if (label && /^(must|required)\b/.test(message)) message = `${label} ${message}`;
  return { field: e.field, message };
}

/** The form's view: the grouped accommodation radios, both dates' boxes, the errors placed. */
export function presentPastStayForm(
  v: FormValues,
  errors: FieldError[] = [],
  faulty: Partial<Record<'startedAt' | 'endedAt', DatePart[]>> = {},
) {
  const boxes = (prefix: 'startedAt' | 'endedAt') => {
    const fault = faulty[prefix]?.length
      ? faulty[prefix]
      : errors.some((e) => e.field === prefix)
        ? (['day', 'month', 'year'] as DatePart[])
        : [];
    return dateItems({ day: v[`${prefix}-day`], month: v[`${prefix}-month`], year: v[`${prefix}-year`] }, fault);
  };
  return {
    values: v,
    startItems: boxes('startedAt'),
    endItems: boxes('endedAt'),
    groups: accommodationGroups(v.accommodationCode),
    errors: presentErrors(errors, PAST_STAY_FIELDS, {
      startedAt: `startedAt-${faulty.startedAt?.[0] ?? 'day'}`,
      endedAt: `endedAt-${faulty.endedAt?.[0] ?? 'day'}`,
      accommodationCode: 'accommodationCode',
    }),
  };
}
