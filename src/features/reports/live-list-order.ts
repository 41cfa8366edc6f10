/**
 * The live list's order and filters: plain functions over its lines.
 */
import type { UnsuitableRow } from './live-list.dto';

/** The fields the order reads. */
export type Ordered = Pick<UnsuitableRow, 'age' | 'breaches' | 'clockStartedAt' | 'stayId'>;

/**
 * Under-18s first, then anyone breaking a statutory limit, then longest first (the earliest clock
 * start), then by stay id: a total order, so the list reads the same however the rows arrived.
 */
export function compareLiveList(a: Ordered, b: Ordered): number {
  const under18 = Number(b.age < 18) - Number(a.age < 18);
  const breach = Number(b.breaches.length > 0) - Number(a.breaches.length > 0);
  const longest = Date.parse(a.clockStartedAt) - Date.parse(b.clockStartedAt);
  return under18 || breach || longest || (a.stayId < b.stayId ? -1 : a.stayId > b.stayId ? 1 : 0);
}

export function orderLiveList<T extends Ordered>(items: readonly T[]): T[] {
  return [...items].sort(compareLiveList);
}

/** The filters applied after the rules (the area is the query's): each absent one lets everything through. */
export interface LiveListFilter {
  /** true: only lines breaking a statutory limit; false: only those that do not. */
  breach?: boolean;
  /** true: only lines whose current step is not acknowledged; false: only acknowledged ones. */
  unacknowledged?: boolean;
}

export function matchesLiveListFilter(
  item: Pick<UnsuitableRow, 'breaches' | 'acknowledged'>,
  f: LiveListFilter,
): boolean {
  if (f.breach !== undefined && item.breaches.length > 0 !== f.breach) return false;
  if (f.unacknowledged !== undefined && !item.acknowledged !== f.unacknowledged) return false;
  return true;
}
