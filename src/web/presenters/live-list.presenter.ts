import type { UnsuitableReport, UnsuitableRow } from '../../features/reports/live-list.dto';
import { ACCOMMODATION, isAccommodationCode } from '../../kernel/accommodation';
import { ROLE_NAMES, type Role } from '../../kernel/roles';
import type { StatutoryBreach } from '../../kernel/statutory-limits';
import { ukDate, ukDateTime } from './format';
import { paginate, type PaginationView } from './pagination';

/** Lines of the live list on one page. */
export const PER_PAGE = 25;

/** The live list's filters as the page's address carries them: areas and flags, never names. */
export interface LiveListFilters {
  /** An area's name as chosen ('' for all areas). */
  area: string;
  breach: boolean;
  unacknowledged: boolean;
  /** Everyone the role may see, instead of only those whose alerts reach the user (managers). */
  everyone: boolean;
}

const one = (v: unknown): string =>
  typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';

/** The filters in a page's query string (anything unexpected is left out: the form offers only these). */
export function readFilters(query: Record<string, unknown>): LiveListFilters {
  return {
    area: one(query.area).trim(),
    breach: one(query.breach) === 'true',
    unacknowledged: one(query.unacknowledged) === 'true',
    everyone: one(query.show) === 'everyone',
  };
}

/** The page asked for: a whole number from 1, otherwise the first. */
export function readPage(query: Record<string, unknown>): number {
  const raw = one(query.page);
  return /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : 1;
}

/** The live list's own query (`LiveListQuery`) for these filters. */
export function liveListQuery(f: LiveListFilters): { area?: string; breach?: 'true'; unacknowledged?: 'true' } {
  return {
    ...(f.area ? { area: f.area } : {}),
    ...(f.breach ? { breach: 'true' as const } : {}),
    ...(f.unacknowledged ? { unacknowledged: 'true' as const } : {}),
  };
}

/** Whether any filter narrows the list (the reach toggle is not a filter). */
export const filtered = (f: LiveListFilters) => Boolean(f.area) || f.breach || f.unacknowledged;

/** The home page's address for these filters and page (defaults left out). */
export function hrefFor(f: LiveListFilters, page = 1): string {
  const q = new URLSearchParams();
  if (f.everyone) q.set('show', 'everyone');
  if (f.area) q.set('area', f.area);
  if (f.breach) q.set('breach', 'true');
  if (f.unacknowledged) q.set('unacknowledged', 'true');
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return s ? `/?${s}` : '/';
}

/** Each statutory breach as people say it. */
export const BREACH_NAMES: Record<StatutoryBreach, string> = {
  under_18_unsuitable: 'Under 18 in unsuitable accommodation',
  adult_two_working_days: 'Over 2 working days in B&B or a hotel',
  parent_six_weeks: 'Parent or pregnant, over 6 weeks in B&B',
};

const REQUEST_STATUS: Record<string, string> = { open: 'Open', held: 'Bed held' };
const URGENCY: Record<string, string> = { emergency: 'Emergency', planned: 'Planned' };

export const roleName = (role: string) => ROLE_NAMES[role as Role] ?? role.replace(/_/g, ' ');

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Text cut to `max` characters at a word, with an ellipsis. */
export function truncate(text: string, max = 100): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')}…`;
}

export interface Tag {
  text: string;
  classes: string;
}

export interface LiveListLine {
  youngPersonId: string;
  name: string;
  reference: string;
  timelineHref: string;
  age: number;
  under18: boolean;
  homeArea: string | null;
  where: string;
  description: string | null;
  whereTags: Tag[];
  hours: string;
  workingDays: string;
  breaches: string[];
  step: { text: string; href: string; acknowledged: Tag } | null;
  next: { role: string; when: string } | null;
  plan: { text: string; reviewBy: string; lapsed: boolean } | null;
  pa: string;
  request: { status: string; urgency: string; neededBy: string } | null;
  unrouted: boolean;
}

/** One line of the live list as the table shows it (the service's words and facts, nothing decided here). */
export function presentLine(i: UnsuitableRow): LiveListLine {
  const kind = isAccommodationCode(i.accommodationCode) ? ACCOMMODATION[i.accommodationCode] : null;
  const whereTags: Tag[] = [];
  if (!i.suitable) whereTags.push({ text: 'Unsuitable', classes: 'govuk-tag--red' });
  if (i.emergency || kind?.emergency) whereTags.push({ text: 'Emergency', classes: 'govuk-tag--orange' });
  const ack = i.latestAcknowledgement;
  return {
    youngPersonId: i.youngPersonId,
    name: i.name,
    reference: i.reference,
    timelineHref: `/young-people/${encodeURIComponent(i.youngPersonId)}/timeline`,
    age: i.age,
    under18: i.age < 18,
    homeArea: i.homeArea,
    where: capital(kind?.label ?? i.accommodationCode),
    description: i.description,
    whereTags,
    hours: plural(i.hoursElapsed, 'hour'),
    workingDays: plural(i.workingDaysElapsed, 'working day'),
    breaches: i.breaches.map((b) => BREACH_NAMES[b] ?? b),
    step: i.currentStep
      ? {
          text: `${roleName(i.currentStep.role)} (step ${i.currentStep.step})`,
          href: `/escalations/${encodeURIComponent(i.currentStep.escalationId)}`,
          acknowledged: i.acknowledged
            ? { text: 'Acknowledged', classes: 'govuk-tag--green' }
            : { text: 'Not acknowledged', classes: 'govuk-tag--red' },
        }
      : null,
    next: i.nextStep ? { role: roleName(i.nextStep.role), when: ukDateTime(i.nextStep.dueAt) } : null,
    plan: ack ? { text: truncate(ack.actionPlan ?? ''), reviewBy: ukDate(ack.reviewBy), lapsed: ack.lapsed } : null,
    pa: i.paName ?? 'No PA allocated',
    request: i.openPlacementRequest
      ? {
          status: REQUEST_STATUS[i.openPlacementRequest.status] ?? capital(i.openPlacementRequest.status),
          urgency: URGENCY[i.openPlacementRequest.urgency] ?? capital(i.openPlacementRequest.urgency),
          neededBy: ukDate(i.openPlacementRequest.neededBy),
        }
      : null,
    unrouted: i.unrouted,
  };
}

/** GOV.UK pagination for `pages` pages: the first, the last, and the current one with its neighbours. */
export function presentPagination(f: LiveListFilters, page: number, pages: number): PaginationView | null {
  return paginate(page, pages, (n) => hrefFor(f, n));
}

export interface LiveListView {
  lines: LiveListLine[];
  total: number;
  page: number;
  pages: number;
  /** `Showing 26 to 30 of 30` (empty when nothing is listed). */
  showing: string;
  pagination: PaginationView | null;
  asOf: string;
}

/**
 * One page of the live list, in the service's order (under-18s, breaches, longest first): 25 a
 * page; a page past the last shows the last.
 */
export function presentLiveList(report: UnsuitableReport, f: LiveListFilters, askedPage: number): LiveListView {
  const total = report.items.length;
  const pages = Math.max(1, Math.ceil(total / PER_PAGE));
  const page = Math.min(Math.max(1, askedPage), pages);
  const start = (page - 1) * PER_PAGE;
  const slice = report.items.slice(start, start + PER_PAGE);
  return {
    lines: slice.map(presentLine),
    total,
    page,
    pages,
    showing: total ? `Showing ${start + 1} to ${start + slice.length} of ${total}` : '',
    pagination: presentPagination(f, page, pages),
    asOf: ukDateTime(report.asOf),
  };
}
