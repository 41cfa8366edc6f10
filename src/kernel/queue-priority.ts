/**
 * The housing officers' queue of open placement requests: which comes first, and why. Plain
 * functions. Most urgent first:
 *  1. an under-18 now in unsuitable accommodation (any urgency), longest there first;
 *  2. an emergency whose young person is already in unsuitable accommodation, longest there first;
 *  3. every other emergency, by needed-by date;
 *  4. planned requests, by needed-by date.
 * Ties: needed-by, then the oldest request, then the id (so the order is total and stable).
 * "Unsuitable" is the kernel's own rule (`accommodation.ts`): the stay was recorded unsuitable, or
 * its code is always unsuitable, or never suitable for an under-18.
 */
import {
  ACCOMMODATION,
  ALWAYS_UNSUITABLE,
  isAccommodationCode,
  NEVER_SUITABLE_UNDER_18,
  type AccommodationCode,
} from './accommodation';
import type { Urgency } from './placements';
import { hoursElapsed } from './statutory-limits';

export interface QueueStay {
  accommodationCode: string;
  suitable: boolean;
  /** Since when the young person has been there (the start of the unbroken run of unsuitable or emergency stays). */
  since: Date;
}

export interface QueueCandidate {
  id: string;
  urgency: Urgency;
  /** YYYY-MM-DD */
  neededBy: string;
  createdAt: Date;
  ageYears: number;
  /** The young person's open stay, if any. */
  stay: QueueStay | null;
}

/** 1 (most urgent) to 4; see the file's comment. */
export type QueueRank = 1 | 2 | 3 | 4;

export interface QueuePriority {
  rank: QueueRank;
  reasons: string[];
}

/**
 * Whether a stay is unsuitable for someone of `ageYears` now: recorded unsuitable, always
 * unsuitable (no fixed abode, custody), or never suitable under 18 (B&B / hotel, night shelter, foyer).
 */
export function inUnsuitableAccommodation(stay: Pick<QueueStay, 'accommodationCode' | 'suitable'>, ageYears: number) {
  if (!stay.suitable) return true;
  const code = stay.accommodationCode;
  if (!isAccommodationCode(code)) return false;
  return ALWAYS_UNSUITABLE.includes(code) || (ageYears < 18 && NEVER_SUITABLE_UNDER_18.includes(code));
}

/**
 * The codes where an open stay may be unsuitable whatever its recorded flag says (for a query to
 * narrow by before `inUnsuitableAccommodation` decides).
 */
export const MAYBE_UNSUITABLE_CODES: readonly AccommodationCode[] = [
  ...new Set([...ALWAYS_UNSUITABLE, ...NEVER_SUITABLE_UNDER_18]),
];

const unsuitable = (c: Pick<QueueCandidate, 'stay' | 'ageYears'>) =>
  c.stay !== null && inUnsuitableAccommodation(c.stay, c.ageYears);

export function queueRank(c: Pick<QueueCandidate, 'stay' | 'ageYears' | 'urgency'>): QueueRank {
  const inUnsuitable = unsuitable(c);
  if (inUnsuitable && c.ageYears < 18) return 1;
  if (c.urgency === 'emergency') return inUnsuitable ? 2 : 3;
  return 4;
}

const where = (code: string) => (isAccommodationCode(code) ? ACCOMMODATION[code].short : code);
const hours = (n: number) => `${n} hour${n === 1 ? '' : 's'}`;

/** The rank and, in words, why: what the housing officer reads beside the request. `today` is YYYY-MM-DD (London). */
export function queuePriority(c: QueueCandidate, now: Date, today: string): QueuePriority {
  const rank = queueRank(c);
  const reasons: string[] = [];
  const there = c.stay ? `${where(c.stay.accommodationCode)} for ${hours(hoursElapsed(c.stay.since, now))}` : '';
  if (rank === 1) reasons.push(`Under 18 in unsuitable accommodation: ${there}`);
  if (rank === 2) reasons.push(`In unsuitable accommodation: ${there}`);
  reasons.push(c.urgency === 'emergency' ? 'Emergency request' : 'Planned request');
  if (c.neededBy < today) reasons.push(`Past its needed-by date (${c.neededBy})`);
  else if (c.neededBy === today) reasons.push('Needed today');
  return { rank, reasons };
}

const sinceOf = (c: QueueCandidate) => c.stay?.since.getTime() ?? Number.POSITIVE_INFINITY;

/** The queue's order (negative: `a` first). */
export function compareQueue(a: QueueCandidate, b: QueueCandidate): number {
  const ra = queueRank(a);
  const rb = queueRank(b);
  if (ra !== rb) return ra - rb;
  if (ra <= 2 && sinceOf(a) !== sinceOf(b)) return sinceOf(a) - sinceOf(b);
  if (a.neededBy !== b.neededBy) return a.neededBy < b.neededBy ? -1 : 1;
  if (a.createdAt.getTime() !== b.createdAt.getTime()) return a.createdAt.getTime() - b.createdAt.getTime();
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A sorted copy, most urgent first. */
export function orderQueue<T extends QueueCandidate>(items: readonly T[]): T[] {
  return [...items].sort(compareQueue);
}
