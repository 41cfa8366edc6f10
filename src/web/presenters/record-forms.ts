/**
 * The young person's page forms (record a contact, record a stay): the posted fields read back,
 * a day (three boxes) and a UK time composed into the API's ISO instant (Europe/London), and the
 * radios and selects in words. Input reading and wording only: every rule is the service's.
 */
import { DateTime } from 'luxon';
import { ACCOMMODATION, ACCOMMODATION_CODES, type AccommodationCode } from '../../kernel/accommodation';
import type { FieldError } from '../../kernel/errors';
import { CONTACT_METHODS } from '../../kernel/keeping-in-touch';
import { ACTIV_CODES, IN_TOUCH_CODES } from '../../kernel/ssda903';
import { composeDate, dateItems, type DatePart } from './alert.presenter.form';
import { presentErrors, type PresentedErrors } from './errors.presenter';
import { ACTIV_WORDS, IN_TOUCH_WORDS, METHOD_WORDS } from './young-person.presenter';
import { postedText } from './posted';

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export type FormValues = Record<string, string>;

/** The posted string fields named; anything missing is ''. */
export function formValues(body: Record<string, unknown> | undefined, names: readonly string[]): FormValues {
  const out: FormValues = {};
  for (const n of names) out[n] = postedText(body, n);
  return out;
}

/** Today's boxes and the time now, Europe/London, for a form's defaults. */
export function nowParts(now: Date, prefix: string): FormValues {
  const t = DateTime.fromJSDate(now, { zone: 'Europe/London' });
  return {
    [`${prefix}-day`]: String(t.day),
    [`${prefix}-month`]: String(t.month),
    [`${prefix}-year`]: String(t.year),
    [`${prefix}-time`]: t.toFormat('HH:mm'),
  };
}

/**
 * The boxes and the time (`14:30`, `9:05`) as an ISO instant with the Europe/London offset, or
 * GOV.UK's message and the boxes at fault.
 */
export function composeInstant(
  v: FormValues,
  prefix: string,
  label: string,
): { value: string; error: null } | { value: null; error: FieldError; faulty: DatePart[] } {
  const date = composeDate({ day: v[`${prefix}-day`], month: v[`${prefix}-month`], year: v[`${prefix}-year`] }, label);
  if (date.error)
    return { value: null, error: { field: prefix, message: date.error.message }, faulty: date.error.parts };
  const time = v[`${prefix}-time`].trim();
  const m = /^(\d{1,2})[:.](\d{2})$/.exec(time);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59)
    return {
      value: null,
      error: { field: `${prefix}-time`, message: `${label} time must be a real time, like 14:30` },
      faulty: [],
    };
  const at = DateTime.fromISO(`${date.value}T${m[1].padStart(2, '0')}:${m[2]}`, { zone: 'Europe/London' });
  return { value: at.toISO({ suppressMilliseconds: true })!, error: null };
}

const radios = (codes: readonly string[], words: Record<string, string>, chosen: string, withCode: boolean) =>
  codes.map((c) => ({ value: c, text: withCode ? `${words[c] ?? c} (${c})` : (words[c] ?? c), checked: c === chosen }));

export const CONTACT_FIELDS = {
  contactedAt: 'Date of the contact',
  'contactedAt-time': 'Time of the contact',
  method: 'How you made contact',
  inTouch: 'Whether they were in touch',
  activity: 'What they are doing',
  notes: 'Notes',
};
export const CONTACT_NAMES = [
  'contactedAt-day',
  'contactedAt-month',
  'contactedAt-year',
  'contactedAt-time',
  'method',
  'inTouch',
  'activity',
  'notes',
] as const;

/** The contact form's view: the date boxes, the radios and the select in words, errors placed. */
export function presentContactForm(
  v: FormValues,
  errors: FieldError[] = [],
  faulty: DatePart[] = [],
): {
  values: FormValues;
  dateItems: ReturnType<typeof dateItems>;
  methods: unknown[];
  inTouch: unknown[];
  activities: unknown[];
  errors: PresentedErrors;
} {
  const parts = { day: v['contactedAt-day'], month: v['contactedAt-month'], year: v['contactedAt-year'] };
  const fault = faulty.length
    ? faulty
    : errors.some((e) => e.field === 'contactedAt')
      ? (['day', 'month', 'year'] as DatePart[])
      : [];
  return {
    values: v,
    dateItems: dateItems(parts, fault),
    methods: radios(CONTACT_METHODS, METHOD_WORDS, v.method, false),
    inTouch: radios(IN_TOUCH_CODES, IN_TOUCH_WORDS, v.inTouch, true),
    activities: [
      { value: '', text: 'Not recorded', selected: !v.activity },
      ...ACTIV_CODES.map((c) => ({ value: c, text: `${ACTIV_WORDS[c]} (${c})`, selected: v.activity === c })),
    ],
    errors: presentErrors(errors, CONTACT_FIELDS, { contactedAt: 'contactedAt-day' }),
  };
}

/** What each kind of accommodation means for suitability, in words, from the kernel's table. */
export function accommodationRule(code: AccommodationCode): string {
  const k = ACCOMMODATION[code];
  if (k.alwaysUnsuitable) return 'Always unsuitable.';
  const parts: string[] = [];
  if (k.neverSuitableUnder18) parts.push('Never suitable for 16 and 17 year olds.');
  if (k.unsuitableByDefault)
    parts.push(
      k.suitableOnlyByManager
        ? 'Unsuitable unless a manager says otherwise, with a reason.'
        : 'Recorded as unsuitable.',
    );
  if (k.emergency) parts.push('Emergency provision: the escalation clock runs while they are there.');
  return parts.length ? parts.join(' ') : 'Suitable.';
}

/** The accommodation radios, grouped: emergency provision first, then other unsuitable kinds, then the rest. */
export function accommodationGroups(chosen: string): { heading: string; items: unknown[] }[] {
  const item = (c: AccommodationCode) => ({
    value: c,
    text: `${capital(ACCOMMODATION[c].label)} (${c})`,
    hint: { text: accommodationRule(c) },
    checked: c === chosen,
  });
  const placeable = ACCOMMODATION_CODES.filter((c) => !ACCOMMODATION[c].notAPlacement);
  const emergency = placeable.filter((c) => ACCOMMODATION[c].emergency);
  const doubtful = placeable.filter(
    (c) =>
      !ACCOMMODATION[c].emergency && (ACCOMMODATION[c].unsuitableByDefault || ACCOMMODATION[c].neverSuitableUnder18),
  );
  const rest = placeable.filter((c) => !emergency.includes(c) && !doubtful.includes(c));
  const situations = ACCOMMODATION_CODES.filter((c) => ACCOMMODATION[c].notAPlacement);
  return [
    { heading: 'Emergency accommodation', items: emergency.map(item) },
    { heading: 'Other accommodation that may be unsuitable', items: doubtful.map(item) },
    { heading: 'Settled accommodation', items: rest.map(item) },
    { heading: 'Not a placement', items: situations.map(item) },
  ];
}

export const STAY_FIELDS = {
  accommodationCode: 'Where they are staying',
  startedAt: 'Date they started staying there',
  'startedAt-time': 'Time they started staying there',
  description: 'Description',
};
export const STAY_NAMES = [
  'accommodationCode',
  'startedAt-day',
  'startedAt-month',
  'startedAt-year',
  'startedAt-time',
  'description',
] as const;

export function presentStayForm(v: FormValues, errors: FieldError[] = [], faulty: DatePart[] = []) {
  const parts = { day: v['startedAt-day'], month: v['startedAt-month'], year: v['startedAt-year'] };
  const fault = faulty.length
    ? faulty
    : errors.some((e) => e.field === 'startedAt')
      ? (['day', 'month', 'year'] as DatePart[])
      : [];
  return {
    values: v,
    dateItems: dateItems(parts, fault),
    groups: accommodationGroups(v.accommodationCode),
    errors: presentErrors(errors, STAY_FIELDS, { startedAt: 'startedAt-day', accommodationCode: 'accommodationCode' }),
  };
}

export const REQUEST_FIELDS = {
  urgency: 'How urgent it is',
  neededBy: 'Date the bed is needed by',
  preferredAreas: 'Preferred areas',
  notes: 'Notes',
};
export const REQUEST_NAMES = ['urgency', 'neededBy-day', 'neededBy-month', 'neededBy-year', 'notes'] as const;

/** The posted checkboxes of one name, as a list (one ticked box posts a string). */
export function checked(body: Record<string, unknown> | undefined, name: string): string[] {
  const v = body?.[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
}

export function presentRequestForm(
  v: FormValues,
  areas: { name: string }[],
  preferred: string[],
  errors: FieldError[] = [],
  faulty: DatePart[] = [],
) {
  const parts = { day: v['neededBy-day'], month: v['neededBy-month'], year: v['neededBy-year'] };
  const fault = faulty.length
    ? faulty
    : errors.some((e) => e.field === 'neededBy')
      ? (['day', 'month', 'year'] as DatePart[])
      : [];
  return {
    values: v,
    dateItems: dateItems(parts, fault),
    urgencies: [
      {
        value: 'emergency',
        text: 'Emergency',
        hint: { text: 'They need somewhere now or within days.' },
        checked: v.urgency === 'emergency',
      },
      {
        value: 'planned',
        text: 'Planned',
        hint: { text: 'A planned move, for example from a placement ending.' },
        checked: v.urgency === 'planned',
      },
    ],
    areaItems: areas.map((a) => ({ value: a.name, text: a.name, checked: preferred.includes(a.name) })),
    errors: presentErrors(errors, REQUEST_FIELDS, { neededBy: 'neededBy-day', preferredAreas: 'preferredAreas' }),
  };
}
