import type { CaseloadPerson, WhereNow } from '../../features/reports/caseload.service';
import type { YoungPersonPage } from '../../features/young-people/young-people.dto';
import type { FieldError } from '../../kernel/errors';
import type { Tag } from './live-list.presenter';
import { ukDate } from './format';
import { paginate, type PaginationView } from './pagination';

/** Young people on one page of the search results. */
export const SEARCH_PER_PAGE = 25;
export const SEARCH_PATH = '/young-people';
/** The parameters the page knows; anything else in its address is refused, as the API refuses it. */
export const SEARCH_PARAMETERS = ['q', 'page'] as const;
export const SEARCH_FIELDS = { q: 'Name, reference or date of birth', page: 'Page' };

const one = (v: unknown): string =>
  typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The search's address read: the words searched for, the page, and what is wrong with the address. */
export function readSearchAddress(query: Record<string, unknown>): { q: string; page: number; errors: FieldError[] } {
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (!(SEARCH_PARAMETERS as readonly string[]).includes(key))
      errors.push({ field: key, message: `The address has a parameter this page does not know: ${key}` });
    else if (Array.isArray(value)) errors.push({ field: key, message: `The address gives ${key} more than once` });
  }
  const rawPage = one(query.page);
  const wholePage = /^[1-9]\d{0,5}$/.test(rawPage);
  if (rawPage !== '' && !wholePage) errors.push({ field: 'page', message: 'The page must be a whole number from 1' });
  const q = one(query.q).trim();
  if (q.length > 100) errors.push({ field: 'q', message: 'Enter 100 characters or fewer' });
  return { q, page: wholePage ? Number(rawPage) : 1, errors };
}

/** The young people service's own query (`YoungPersonQuery`) for these words and page. */
export function searchQuery(q: string, page: number): Record<string, string> {
  return {
    ...(q ? { q } : {}),
    limit: String(SEARCH_PER_PAGE),
    offset: String((page - 1) * SEARCH_PER_PAGE),
  };
}

/** The search page's address for these words and page. */
export function searchHref(q: string, page = 1): string {
  const p = new URLSearchParams();
  if (q) p.set('q', q);
  if (page > 1) p.set('page', String(page));
  const s = p.toString();
  return s ? `${SEARCH_PATH}?${s}` : SEARCH_PATH;
}

/** Where someone is now, in words, with its tags (unsuitable, emergency). */
export function presentWhereNow(w: WhereNow | null): { text: string; tags: Tag[] } {
  if (!w) return { text: 'Nowhere recorded', tags: [] };
  const tags: Tag[] = [];
  tags.push(
    w.suitable ? { text: 'Suitable', classes: 'govuk-tag--green' } : { text: 'Unsuitable', classes: 'govuk-tag--red' },
  );
  if (w.emergency) tags.push({ text: 'Emergency', classes: 'govuk-tag--orange' });
  return { text: capital(w.label), tags };
}

export interface SearchLine {
  id: string;
  href: string;
  name: string;
  reference: string;
  dateOfBirth: string;
  age: string;
  pa: string;
  where: string;
  whereTags: Tag[];
}

export interface SearchView {
  lines: SearchLine[];
  total: number;
  showing: string;
  pagination: PaginationView | null;
  /** What the page says when nothing matches ('' when something does, or nothing was asked). */
  empty: string;
}

function pagination(q: string, page: number, pages: number): PaginationView | null {
  return paginate(page, pages, (n) => searchHref(q, n));
}

/**
 * One page of results (the service found and ordered them; `about` adds each one's PA and where
 * they are now). `page` is the page the service answered.
 */
export function presentSearch(
  result: YoungPersonPage,
  about: ReadonlyMap<string, CaseloadPerson>,
  q: string,
  page: number,
): SearchView {
  const pages = Math.max(1, Math.ceil(result.total / SEARCH_PER_PAGE));
  const start = (page - 1) * SEARCH_PER_PAGE;
  const lines = result.items.map((y) => {
    const more = about.get(y.id);
    const where = presentWhereNow(more?.whereNow ?? null);
    return {
      id: y.id,
      href: `/young-people/${encodeURIComponent(y.id)}`,
      name: `${y.firstName} ${y.lastName}`,
      reference: y.reference,
      dateOfBirth: ukDate(y.dateOfBirth),
      age: String(y.age),
      pa: more?.paName ?? 'Not known',
      where: where.text,
      whereTags: where.tags,
    };
  });
  return {
    lines,
    total: result.total,
    showing: lines.length ? `Showing ${start + 1} to ${start + lines.length} of ${result.total}` : '',
    pagination: pagination(q, page, pages),
    empty: lines.length ? '' : q ? 'No young people match your search' : 'No young people are recorded yet',
  };
}
