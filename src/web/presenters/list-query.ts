/**
 * The address of a filtered, paged list page (providers, beds): the filters it knows, the page
 * number, and anything else refused as the API refuses an unknown query parameter. Reading only:
 * the filters' values are checked afterwards by the API's own DTO.
 */
import type { FieldError } from '../../kernel/errors';
import { paginate, type PaginationView } from './pagination';

/** Rows a list page shows. */
export const PER_PAGE = 25;

export interface ListAddress {
  /** The filters given (blank ones dropped), as the API's query would take them. */
  filters: Record<string, string>;
  /** The page asked for (1 when none). */
  page: number;
  /** An unknown parameter, or a page that is not a whole number from 1. */
  errors: FieldError[];
}

/** The query string of a list page read against the filters the page knows. */
export function readListAddress(query: Record<string, unknown>, known: readonly string[]): ListAddress {
  const filters: Record<string, string> = {};
  const errors: FieldError[] = [];
  let page = 1;
  for (const [name, raw] of Object.entries(query)) {
    const value = typeof raw === 'string' ? raw.trim() : null;
    if (name === 'page') {
      if (value && /^[1-9]\d{0,5}$/.test(value)) page = Number(value);
      else if (value !== '') errors.push({ field: 'page', message: 'The page number must be a whole number from 1' });
      continue;
    }
    if (!known.includes(name)) {
      errors.push({ field: name, message: `This page has no filter called "${name.slice(0, 40)}"` });
      continue;
    }
    if (value === null) errors.push({ field: name, message: `Choose one ${name} only` });
    else if (value) filters[name] = value;
  }
  return { filters, page, errors };
}

/** The API's limit and offset for a page. */
export const pageWindow = (page: number) => ({ limit: PER_PAGE, offset: (page - 1) * PER_PAGE });

/** The address of page `n` of a list with these filters. */
export function listHref(path: string, filters: Record<string, string>, n: number): string {
  const q = new URLSearchParams(filters);
  if (n > 1) q.set('page', String(n));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** GOV.UK pagination: the first, the last, and the current page with its neighbours; null for one page. */
export function listPagination(
  path: string,
  filters: Record<string, string>,
  page: number,
  total: number,
): PaginationView | null {
  const pages = Math.max(1, Math.ceil(total / PER_PAGE));
  const href = (n: number) => listHref(path, filters, n);
  return paginate(page, pages, href);
}

/** "Showing 26 to 50 of 60 providers", or that there are none. */
export function showing(page: number, count: number, total: number, noun: string): string {
  if (!total) return `No ${noun} match these filters.`;
  const from = (page - 1) * PER_PAGE + 1;
  return count ? `Showing ${from} to ${from + count - 1} of ${total} ${noun}` : `No ${noun} on this page.`;
}
