/**
 * The "Change their details" form (`/young-people/:id/edit`): the record's values to start from,
 * what was posted read into the API's `UpdateYoungPersonDto` body (with the `version` read, so a
 * colleague's change since is refused), and the form's items. Input reading only: the record's
 * rules (ages, statuses, the PA, the areas) are the service's.
 */
import type { YoungPersonView } from '../../features/young-people/young-people.dto';
import type { FieldError } from '../../kernel/errors';
import type { DatePart } from './alert.presenter.form';
import { presentErrors } from './errors.presenter';
import {
  NEEDS,
  NEW_PERSON_FIELDS,
  newPersonBody,
  newPersonValues,
  presentNewPersonForm,
  type NewPersonForm,
  type NewPersonValues,
} from './young-person-form.presenter';
import { postedList, postedText, type Posted } from './posted';

export const EDIT_FIELDS = { ...NEW_PERSON_FIELDS, areasToAvoid: 'Areas to avoid', version: 'Version' };

/** What the page says when a colleague changed the record since the form was opened. */
export const STALE_MESSAGE = 'Someone else changed this record since you opened it: check their change and try again';

export interface EditValues extends NewPersonValues {
  areasToAvoid: string[];
  version: string;
}

/** The record as the form starts from it. */
export function editValuesOf(p: YoungPersonView): EditValues {
  const [year, month, day] = p.dateOfBirth.split('-');
  return {
    firstName: p.firstName,
    lastName: p.lastName,
    day: String(Number(day)),
    month: String(Number(month)),
    year,
    gender: p.gender,
    legalStatus: p.legalStatus,
    uasc: p.uasc ? 'yes' : 'no',
    homeArea: p.homeArea ?? '',
    paUserId: p.paUserId,
    needs: (Object.keys(NEEDS) as (keyof typeof NEEDS)[]).filter((n) => p[n]),
    risks: [...p.risks],
    confirmedNotDuplicate: false,
    areasToAvoid: [...p.areasToAvoid],
    version: String(p.version),
  };
}

/** The posted form; anything missing is ''. */
export function editValues(body?: Posted): EditValues {
  return {
    ...newPersonValues(body),
    confirmedNotDuplicate: false,
    areasToAvoid: postedList(body, 'areasToAvoid'),
    version: postedText(body, 'version'),
  };
}

/**
 * The PATCH body for these values, or the page's own messages and the date boxes at fault. No
 * home area clears it (`null`); the PA is sent only by a user who allocates (`allocates`); the
 * version goes as read (a number when it is one, else as posted, for the DTO to refuse).
 */
export function editBody(
  v: EditValues,
  allocates: boolean,
): { body: Record<string, unknown>; errors: null } | { body: null; errors: FieldError[]; faulty: DatePart[] } {
  const base = newPersonBody({ ...v, homeArea: '', paUserId: allocates ? v.paUserId : '' });
  if (base.errors) return base;
  const version = /^\d{1,9}$/.test(v.version) ? Number(v.version) : v.version;
  return {
    body: {
      ...base.body,
      homeArea: v.homeArea || null,
      areasToAvoid: v.areasToAvoid,
      ...(allocates && v.paUserId ? { paUserId: v.paUserId } : {}),
      version,
    },
    errors: null,
  };
}

export interface EditForm extends NewPersonForm {
  areasToAvoidItems: { value: string; text: string; checked: boolean }[];
  version: string;
}

/**
 * The form as the view shows it: the add form's items, the areas to avoid as checkboxes (an area
 * the record names that is no longer on the managed list is still shown, ticked), the version read.
 */
export function presentEditForm(
  values: EditValues,
  opts: {
    areas: { name: string }[];
    pas: { id: string; name: string }[] | null;
    errors?: FieldError[];
    faulty?: DatePart[];
  },
): EditForm {
  const base = presentNewPersonForm(values, { areas: opts.areas, pas: opts.pas, faulty: opts.faulty });
  const faulty = opts.faulty ?? [];
  const names = opts.areas.map((a) => a.name);
  const extra = values.areasToAvoid.filter((a) => !names.includes(a));
  return {
    ...base,
    areasToAvoidItems: [...names, ...extra].map((a) => ({
      value: a,
      text: a,
      checked: values.areasToAvoid.includes(a),
    })),
    version: values.version,
    errors: presentErrorsFor(opts.errors ?? [], faulty),
  };
}

function presentErrorsFor(errors: FieldError[], faulty: DatePart[]) {
  return presentErrors(errors, EDIT_FIELDS, {
    dateOfBirth: `dateOfBirth-${faulty[0] ?? 'day'}`,
    gender: 'gender',
    legalStatus: 'legalStatus',
    uasc: 'uasc',
    risks: 'risks',
    needs: 'needs',
    areasToAvoid: 'areasToAvoid',
    version: 'main-content',
  });
}
