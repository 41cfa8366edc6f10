/**
 * The beds list and a bed's page: status tags, the bed's details as a summary list, its status
 * history (what happened, who by name, when, why), and the take-out-of-service form (a reason and
 * the expected return from GOV.UK's three date boxes). Shaping and form reading only: which moves
 * are allowed and that the return date is not past are the service's.
 */
import type { BedHistoryEntry, BedView } from '../../features/inventory/inventory.dto';
import type { FieldError } from '../../kernel/errors';
import { BED_STATUSES, type BedStatus } from '../../kernel/inventory';
import { composeDate, dateItems, type DatePart, type DateParts } from './alert.presenter.form';
import { ukDate, ukDateTime } from './format';
import { postedDate, postedText } from './posted';

export const BED_FILTER_FIELDS = {
  area: 'Area',
  serviceLevelId: 'Service level',
  status: 'Status',
  providerId: 'Provider',
  page: 'Page',
};
export const OUT_OF_SERVICE_FIELDS = {
  outOfServiceReason: 'Reason',
  availableFrom: 'Expected return date',
  status: 'Status',
};

export interface Tag {
  text: string;
  classes: string;
}

const STATUS_TAGS: Record<BedStatus, Tag> = {
  available: { text: 'Available', classes: 'govuk-tag--green' },
  held: { text: 'Held', classes: 'govuk-tag--yellow' },
  occupied: { text: 'Occupied', classes: 'govuk-tag--blue' },
  out_of_service: { text: 'Out of service', classes: 'govuk-tag--grey' },
};

export const bedStatusTag = (s: BedStatus): Tag => STATUS_TAGS[s];

/** The status filter: any, or one of the lifecycle's statuses. */
export function statusItems(chosen: string) {
  return [{ value: '', text: 'Any status' }, ...BED_STATUSES.map((s) => ({ value: s, text: STATUS_TAGS[s].text }))].map(
    (o) => ({ ...o, selected: o.value === chosen }),
  );
}

/** The DTO's messages about the filters as the form says them. */
export function bedFilterMessage(e: FieldError): FieldError {
  const choose: Record<string, string> = {
    status: 'Choose a status from the list',
    serviceLevelId: 'Choose a service level from the list',
    providerId: 'Choose a provider from the list',
    area: 'Choose an area from the list',
  };
  return choose[e.field] && !e.message.startsWith('This page') ? { field: e.field, message: choose[e.field] } : e;
}

export interface BedLine {
  href: string;
  label: string;
  provider: { href: string; name: string };
  level: string;
  status: Tag;
  back: string;
}

export function presentBedLines(
  items: BedView[],
  providers: Record<string, { name: string }>,
  levels: Record<string, string>,
): BedLine[] {
  return items.map((b) => ({
    href: `/beds/${b.id}`,
    label: b.label,
    provider: { href: `/providers/${b.providerId}`, name: providers[b.providerId]?.name ?? 'Unknown provider' },
    level: levels[b.serviceLevelId] ?? 'Unknown service level',
    status: bedStatusTag(b.status),
    back: b.status === 'out_of_service' && b.availableFrom ? `Expected back ${ukDate(b.availableFrom)}` : '',
  }));
}

/** What the page says of who has the bed: the API names no young person, and neither does the page. */
export function bedUse(b: BedView): string {
  if (b.status === 'held')
    return 'Held for a placement request while it is offered. It frees itself if the hold lapses.';
  if (b.status === 'occupied') return 'A young person is staying here. Their record says who; this page does not.';
  if (b.status === 'out_of_service')
    return b.availableFrom
      ? `Out of service, expected back on ${ukDate(b.availableFrom)}.`
      : 'Out of service, no return date given.';
  return 'Free to offer.';
}

const yes = (v: boolean) => (v ? 'Yes' : 'No');

/** The bed's details for a summary list. */
export function bedDetails(b: BedView, provider: string, level: string) {
  const rows: [string, string][] = [
    ['Provider', provider],
    ['Service level', level],
    ['Ages', `${b.minAge} to ${b.maxAge}`],
    ['Gender', b.gender === 'any' ? 'Any' : b.gender === 'female' ? 'Female' : 'Male'],
    ['Step-free', yes(b.stepFree)],
    ['Pets allowed', yes(b.petsAllowed)],
    ['UASC specialist', yes(b.uascSpecialist)],
    ['Accepts a fire risk', yes(b.acceptsFireRisk)],
    ['Accepts a sexual harm risk', yes(b.acceptsSexualHarmRisk)],
  ];
  if (b.under18Only) rows.push(['Only for', 'Under 18s']);
  if (b.over18Only) rows.push(['Only for', '18 and over']);
  if (b.status === 'out_of_service') rows.push(['Why out of service', b.outOfServiceReason ?? 'Not recorded']);
  return rows.map(([key, value]) => ({ key: { text: key }, value: { text: value } }));
}

const ACTIONS: Record<string, string> = {
  'bed.created': 'Added',
  'bed.updated': 'Details changed',
  'bed.taken_out_of_service': 'Taken out of service',
  'bed.returned_to_service': 'Returned to service',
  'bed.held': 'Held for a placement request',
  'bed.hold_released': 'Hold released',
  'bed.hold_expired': 'Hold expired',
  'bed.occupied': 'Moved into',
  'bed.vacated': 'Moved out of',
};

export interface HistoryLine {
  when: string;
  what: string;
  status: string;
  by: string;
  why: string;
}

/** The bed's history as the table shows it, newest first. */
export function presentBedHistory(items: BedHistoryEntry[]): HistoryLine[] {
  return items.map((e) => ({
    when: ukDateTime(e.at),
    what: ACTIONS[e.action] ?? e.action,
    status: e.statusTo
      ? e.statusFrom
        ? `${STATUS_TAGS[e.statusFrom].text} to ${STATUS_TAGS[e.statusTo].text.toLowerCase()}`
        : STATUS_TAGS[e.statusTo].text
      : 'No change',
    by: e.byName ?? (e.byUserId ? 'A former user' : 'The service'),
    why: [e.reason, e.availableFrom ? `Expected back ${ukDate(e.availableFrom)}` : ''].filter(Boolean).join('. '),
  }));
}

/** The take-out-of-service form as posted. */
export interface OutOfServiceValues extends DateParts {
  outOfServiceReason: string;
  version: string;
}

export function outOfServiceValues(body: Record<string, unknown> | undefined): OutOfServiceValues {
  return {
    outOfServiceReason: postedText(body, 'outOfServiceReason'),
    ...postedDate(body, 'availableFrom'),
    version: postedText(body, 'version'),
  };
}

/**
 * The form as the API's PATCH body, or the page's messages: a reason is needed, the date is
 * optional but, when given, must be a real one. The service decides whether it is in the past.
 */
export function outOfServiceInput(
  v: OutOfServiceValues,
): { body: Record<string, unknown>; errors: null } | { body: null; errors: FieldError[]; faulty: DatePart[] } {
  const errors: FieldError[] = [];
  let faulty: DatePart[] = [];
  if (!v.outOfServiceReason.trim())
    errors.push({ field: 'outOfServiceReason', message: 'Enter why the bed is out of service' });
  let availableFrom: string | null = null;
  if (v.day.trim() || v.month.trim() || v.year.trim()) {
    const date = composeDate(v, 'Expected return date');
    if (date.error) {
      errors.push({ field: 'availableFrom', message: date.error.message });
      faulty = date.error.parts;
    } else availableFrom = date.value;
  }
  if (errors.length) return { body: null, errors, faulty };
  const body: Record<string, unknown> = {
    status: 'out_of_service',
    outOfServiceReason: v.outOfServiceReason,
    availableFrom,
  };
  if (/^\d+$/.test(v.version)) body.version = Number(v.version);
  return { body, errors: null };
}

/** The service's messages about the form as people read them. */
export function outOfServiceMessage(e: FieldError): FieldError {
  if (e.field === 'availableFrom')
    return {
      field: 'availableFrom',
      message: e.message.includes('today')
        ? 'Expected return date must be today or in the future'
        : 'Expected return date must be a real date',
    };
  if (e.field === 'outOfServiceReason')
    return {
      field: 'outOfServiceReason',
      message: /500|longer|shorter/.test(e.message)
        ? 'Reason must be 500 characters or fewer'
        : 'Enter why the bed is out of service',
    };
  return e;
}

export const returnDateItems = (v: DateParts, faulty: DatePart[]) => dateItems(v, faulty);
