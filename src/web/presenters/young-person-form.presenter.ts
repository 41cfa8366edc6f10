/**
 * The "Add a young person" form: what was posted, read into the API's `CreateYoungPersonDto`
 * body (the GOV.UK date input's boxes composed into `dateOfBirth`), and the form's items shown
 * again. Input reading only: the record's rules (ages, statuses, duplicates) are the service's.
 */
import { GENDERS, LEGAL_STATUS_AGES, LEGAL_STATUSES, RISKS } from '../../kernel/care-leavers';
import type { FieldError } from '../../kernel/errors';
import { composeDate, dateItems, type DatePart } from './alert.presenter.form';
import { presentErrors, type PresentedErrors } from './errors.presenter';
import { ukDate, words } from './format';
import { postedDate, postedList, postedText, type Posted } from './posted';

export const NEW_PERSON_PATH = '/young-people/new';

export const NEW_PERSON_FIELDS = {
  firstName: 'First name',
  lastName: 'Last name',
  dateOfBirth: 'Date of birth',
  gender: 'Gender',
  legalStatus: 'Legal status',
  uasc: 'Unaccompanied asylum-seeking child',
  homeArea: 'Home area',
  paUserId: 'Personal adviser',
  needs: 'Needs',
  risks: 'Risks',
  confirmedNotDuplicate: 'This is a different person',
};

/** The needs the form offers, as the DTO names them. */
export const NEEDS = {
  stepFreeNeeded: 'Needs step-free access',
  hasPet: 'Has a pet',
  pregnantOrParent: 'Pregnant or a parent',
} as const;
type Need = keyof typeof NEEDS;

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export interface NewPersonValues {
  firstName: string;
  lastName: string;
  day: string;
  month: string;
  year: string;
  gender: string;
  legalStatus: string;
  uasc: string;
  homeArea: string;
  paUserId: string;
  needs: string[];
  risks: string[];
  confirmedNotDuplicate: boolean;
}

/** The posted form (or an empty one); anything missing is ''. */
export function newPersonValues(body?: Posted): NewPersonValues {
  return {
    firstName: postedText(body, 'firstName'),
    lastName: postedText(body, 'lastName'),
    ...postedDate(body, 'dateOfBirth'),
    gender: postedText(body, 'gender'),
    legalStatus: postedText(body, 'legalStatus'),
    uasc: postedText(body, 'uasc'),
    homeArea: postedText(body, 'homeArea'),
    paUserId: postedText(body, 'paUserId'),
    needs: postedList(body, 'needs'),
    risks: postedList(body, 'risks'),
    confirmedNotDuplicate: postedText(body, 'confirmedNotDuplicate') === 'true',
  };
}

/**
 * The API's body for these values, or the page's own messages (GOV.UK's words for a blank name, a
 * date of birth with a box missing or not a real date, a choice not made) and the date boxes at
 * fault. Whatever the page does not check here, the DTO and the service check after it.
 */
export function newPersonBody(
  v: NewPersonValues,
): { body: Record<string, unknown>; errors: null } | { body: null; errors: FieldError[]; faulty: DatePart[] } {
  const errors: FieldError[] = [];
  if (!v.firstName.trim()) errors.push({ field: 'firstName', message: 'Enter their first name' });
  if (!v.lastName.trim()) errors.push({ field: 'lastName', message: 'Enter their last name' });
  const date = composeDate(v, 'Date of birth');
  if (date.error) errors.push({ field: 'dateOfBirth', message: date.error.message });
  if (!v.gender) errors.push({ field: 'gender', message: 'Select their gender' });
  if (!v.legalStatus) errors.push({ field: 'legalStatus', message: 'Select their legal status' });
  if (v.uasc !== 'yes' && v.uasc !== 'no')
    errors.push({ field: 'uasc', message: 'Select yes if they are an unaccompanied asylum-seeking child' });
  if (errors.length) return { body: null, errors, faulty: date.error?.parts ?? [] };
  const needs = Object.fromEntries((Object.keys(NEEDS) as Need[]).map((n) => [n, v.needs.includes(n)]));
  return {
    body: {
      firstName: v.firstName,
      lastName: v.lastName,
      dateOfBirth: date.value!,
      gender: v.gender,
      legalStatus: v.legalStatus,
      uasc: v.uasc === 'yes',
      ...(v.homeArea ? { homeArea: v.homeArea } : {}),
      ...(v.paUserId ? { paUserId: v.paUserId } : {}),
      ...needs,
      risks: v.risks,
      ...(v.confirmedNotDuplicate ? { confirmedNotDuplicate: true } : {}),
    },
    errors: null,
  };
}

/** The service's messages as the form says them (each starting with its field's label, ISO dates as UK dates). */
export function newPersonMessage(e: FieldError): FieldError {
  let message = e.message.replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (d) => ukDate(d)).replace(/_/g, ' ');
  if (e.field === 'homeArea') message = 'Choose a home area from the list';
  else if (e.field === 'paUserId') message = 'Choose a personal adviser from the list';
  else if (e.field === 'gender') message = 'Select their gender';
  else if (e.field === 'legalStatus' && /must be one of/.test(message)) message = 'Select their legal status';
  else if (e.field === 'risks') message = 'Choose risks from the list';
  return { field: e.field, message };
}

export interface DuplicateWarning {
  /** The records the user may see, linked to their pages. */
  records: { href: string; text: string }[];
  /** A match on a caseload the user may not see. */
  undisclosed: boolean;
}

/** The `possible_duplicate` answer's details as the warning lists them. */
export function presentDuplicates(details: Record<string, unknown>): DuplicateWarning {
  const found = Array.isArray(details.duplicates) ? (details.duplicates as Record<string, string>[]) : [];
  return {
    records: found.map((d) => ({
      href: `/young-people/${encodeURIComponent(d.id)}`,
      text: `${d.reference}: ${d.firstName} ${d.lastName}, born ${ukDate(d.dateOfBirth)}`,
    })),
    undisclosed: details.undisclosedMatches === true,
  };
}

export interface NewPersonForm {
  values: NewPersonValues;
  dateItems: ReturnType<typeof dateItems>;
  genderItems: { value: string; text: string; checked: boolean }[];
  legalStatusItems: { value: string; text: string; checked: boolean }[];
  uascItems: { value: string; text: string; checked: boolean }[];
  areaItems: { value: string; text: string; selected: boolean }[];
  paItems: { value: string; text: string; selected: boolean }[] | null;
  needItems: { value: string; text: string; checked: boolean }[];
  riskItems: { value: string; text: string; checked: boolean }[];
  errors: PresentedErrors;
  duplicate: DuplicateWarning | null;
}

/** The radios for gender, legal status and UASC, with what was posted checked. */
function choiceItems(values: NewPersonValues) {
  return {
    genderItems: GENDERS.map((g) => ({ value: g, text: capital(words(g)), checked: values.gender === g })),
    legalStatusItems: LEGAL_STATUSES.map((s) => ({
      value: s,
      text: capital(LEGAL_STATUS_AGES[s].label),
      checked: values.legalStatus === s,
    })),
    uascItems: [
      { value: 'yes', text: 'Yes', checked: values.uasc === 'yes' },
      { value: 'no', text: 'No', checked: values.uasc === 'no' },
    ],
  };
}

/**
 * The form as the view shows it: the values posted, the areas on the managed list, the active
 * PAs (only for a user who allocates: `pas` null for a PA, who records on their own caseload).
 */
export function presentNewPersonForm(
  values: NewPersonValues,
  opts: {
    areas: { name: string }[];
    pas: { id: string; name: string }[] | null;
    errors?: FieldError[];
    faulty?: DatePart[];
    duplicate?: DuplicateWarning | null;
  },
): NewPersonForm {
  const faulty = opts.faulty ?? [];
  return {
    values,
    dateItems: dateItems(values, faulty),
    ...choiceItems(values),
    areaItems: [
      { value: '', text: 'Not known', selected: !values.homeArea },
      ...opts.areas.map((a) => ({ value: a.name, text: a.name, selected: a.name === values.homeArea })),
    ],
    paItems: opts.pas
      ? [
          { value: '', text: 'Choose a personal adviser', selected: !values.paUserId },
          ...opts.pas.map((p) => ({ value: p.id, text: p.name, selected: p.id === values.paUserId })),
        ]
      : null,
    needItems: (Object.keys(NEEDS) as Need[]).map((n) => ({
      value: n,
      text: NEEDS[n],
      checked: values.needs.includes(n),
    })),
    riskItems: RISKS.map((r) => ({ value: r, text: capital(words(r)), checked: values.risks.includes(r) })),
    errors: presentErrors(opts.errors ?? [], NEW_PERSON_FIELDS, {
      dateOfBirth: `dateOfBirth-${faulty[0] ?? 'day'}`,
      gender: 'gender',
      legalStatus: 'legalStatus',
      uasc: 'uasc',
      risks: 'risks',
      needs: 'needs',
    }),
    duplicate: opts.duplicate ?? null,
  };
}
