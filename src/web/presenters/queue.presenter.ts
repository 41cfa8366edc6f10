import type { QueueItemView, QueuePage, QueueWarningView } from '../../features/placements/queue.dto';
import type { FieldError } from '../../kernel/errors';
import type { Tag } from './live-list.presenter';
import { BREACH_NAMES } from './live-list.presenter';
import { ukDate, ukDateTime } from './format';
import { paginate, type PaginationView } from './pagination';

/** Requests on one page of the queue. */
export const QUEUE_PER_PAGE = 25;
export const QUEUE_PATH = '/placement-requests/queue';

/** The queue's filters as its address carries them. */
export interface QueueFilters {
  /** An area's name as chosen ('' for all areas). */
  area: string;
  /** 'emergency', 'planned' or '' for both. */
  urgency: string;
}

/** The parameters the page knows; anything else in its address is refused. */
export const QUEUE_PARAMETERS = ['area', 'urgency', 'page'] as const;

const one = (v: unknown): string =>
  typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';

/**
 * The page's address read: its filters and page, and a field error for each parameter it does
 * not know, each one given twice and a page that is not a whole number from 1.
 */
export function readQueueAddress(query: Record<string, unknown>): {
  filters: QueueFilters;
  page: number;
  errors: FieldError[];
} {
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (!(QUEUE_PARAMETERS as readonly string[]).includes(key))
      errors.push({ field: key, message: `The address has a parameter this page does not know: ${key}` });
    else if (Array.isArray(value)) errors.push({ field: key, message: `The address gives ${key} more than once` });
  }
  const rawPage = one(query.page);
  if (rawPage !== '' && !/^[1-9]\d{0,5}$/.test(rawPage))
    errors.push({ field: 'page', message: 'The page must be a whole number from 1' });
  return {
    filters: { area: one(query.area).trim(), urgency: one(query.urgency).trim() },
    page: /^[1-9]\d{0,5}$/.test(rawPage) ? Number(rawPage) : 1,
    errors,
  };
}

/** The queue service's own query (`QueueQuery`) for these filters and page. */
export function queueQuery(f: QueueFilters, page: number): Record<string, string> {
  return {
    ...(f.area ? { area: f.area } : {}),
    ...(f.urgency ? { urgency: f.urgency } : {}),
    limit: String(QUEUE_PER_PAGE),
    offset: String((page - 1) * QUEUE_PER_PAGE),
  };
}

/** The queue page's address for these filters and page (defaults left out). */
export function queueHref(f: QueueFilters, page = 1): string {
  const q = new URLSearchParams();
  if (f.area) q.set('area', f.area);
  if (f.urgency) q.set('urgency', f.urgency);
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return s ? `${QUEUE_PATH}?${s}` : QUEUE_PATH;
}

export function urgencyItems(chosen: string): { value: string; text: string; selected: boolean }[] {
  return [
    { value: '', text: 'Emergency and planned', selected: chosen === '' },
    { value: 'emergency', text: 'Emergency', selected: chosen === 'emergency' },
    { value: 'planned', text: 'Planned', selected: chosen === 'planned' },
  ];
}

/** Each rank as its tag says it. */
export const RANK_TAGS: Record<number, Tag> = {
  1: { text: 'Under 18, unsuitable accommodation', classes: 'govuk-tag--red' },
  2: { text: 'Emergency, unsuitable accommodation', classes: 'govuk-tag--red' },
  3: { text: 'Emergency', classes: 'govuk-tag--orange' },
  4: { text: 'Planned', classes: 'govuk-tag--blue' },
};

export interface QueueLine {
  requestId: string;
  position: number;
  name: string;
  reference: string;
  timelineHref: string;
  /** The match page: the beds that fit, holding one, confirming. */
  matchHref: string;
  age: string;
  where: string;
  whereDetail: string | null;
  whereTags: Tag[];
  urgency: string;
  neededBy: string;
  status: string;
  rankTag: Tag;
  reasons: string[];
  tags: Tag[];
  pa: string;
  holds: string[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** One request as the table shows it (the service's order, words and facts; nothing decided here). */
export function presentQueueLine(i: QueueItemView, position: number): QueueLine {
  const a = i.youngPerson.currentAccommodation;
  const tags: Tag[] = [];
  if (i.overdue) tags.push({ text: 'Past needed-by date', classes: 'govuk-tag--red' });
  for (const b of i.breaches) tags.push({ text: BREACH_NAMES[b] ?? b, classes: 'govuk-tag--red' });
  return {
    requestId: i.id,
    position,
    name: i.youngPerson.name,
    reference: i.youngPerson.reference,
    timelineHref: `/young-people/${encodeURIComponent(i.youngPerson.id)}/timeline`,
    matchHref: `/placement-requests/${encodeURIComponent(i.id)}/matches`,
    age: `Age ${i.youngPerson.age}${i.youngPerson.homeArea ? `, ${i.youngPerson.homeArea}` : ''}`,
    where: a ? capital(a.label) : 'Nowhere recorded',
    whereDetail: a
      ? `Since ${ukDateTime(a.since)}: ${plural(a.hours, 'hour')}, ${plural(a.workingDays, 'working day')}`
      : null,
    whereTags: a && !a.suitable ? [{ text: 'Unsuitable', classes: 'govuk-tag--red' }] : [],
    urgency: capital(i.urgency),
    neededBy: ukDate(i.neededBy),
    status: i.status === 'held' ? 'Bed held' : 'Open',
    rankTag: RANK_TAGS[i.priority.rank] ?? { text: `Rank ${i.priority.rank}`, classes: 'govuk-tag--grey' },
    reasons: i.priority.reasons,
    tags,
    pa: i.pa.name ?? 'No PA allocated',
    holds: i.holds.map(
      (h) => `${h.bedLabel}, ${h.providerName}, until ${ukDateTime(h.until)} by ${h.heldByName ?? 'a former user'}`,
    ),
  };
}

export interface QueueWarningLine {
  text: string;
  href: string;
}

export function presentWarning(w: QueueWarningView): QueueWarningLine {
  return {
    text: `${w.reference} ${w.name}, age ${w.age}: ${w.whereLabel} since ${ukDateTime(w.since)}`,
    href: `/young-people/${encodeURIComponent(w.id)}/timeline`,
  };
}

export interface QueueView {
  lines: QueueLine[];
  total: number;
  page: number;
  pages: number;
  showing: string;
  pagination: PaginationView | null;
  warnings: { heading: string; lines: QueueWarningLine[] } | null;
  asOf: string;
}

function pagination(f: QueueFilters, page: number, pages: number): PaginationView | null {
  return paginate(page, pages, (n) => queueHref(f, n));
}

/** One page of the queue (the service paged it: `page` is the one it answered). */
export function presentQueue(q: QueuePage, f: QueueFilters, page: number): QueueView {
  const pages = Math.max(1, Math.ceil(q.total / QUEUE_PER_PAGE));
  const start = (page - 1) * QUEUE_PER_PAGE;
  const n = q.warnings.length;
  return {
    lines: q.items.map((i, k) => presentQueueLine(i, start + k + 1)),
    total: q.total,
    page,
    pages,
    showing: q.items.length ? `Showing ${start + 1} to ${start + q.items.length} of ${q.total}` : '',
    pagination: pagination(f, page, pages),
    warnings: n
      ? {
          heading: `${plural(n, 'young person', 'young people')} in unsuitable accommodation ${n === 1 ? 'has' : 'have'} no placement request`,
          lines: q.warnings.map(presentWarning),
        }
      : null,
    asOf: ukDateTime(q.asOf),
  };
}
