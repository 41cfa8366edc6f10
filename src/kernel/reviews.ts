/**
 * Review dates of acknowledgements (api.md, "Acknowledgements that lead somewhere"). Plain
 * functions: the service loads the policy version's `maxReviewAfter` and the calendar.
 *
 * - An acknowledgement's `reviewBy` is a date from today up to the London date of
 *   `acknowledgedAt + maxReviewAfter` (an ISO-8601 duration or working days, `P5WD` by default).
 * - The review falls due at the office opening on `reviewBy` (the next working day's if it is not
 *   one). When that opening has already passed as the acknowledgement is made (a review set for
 *   today, after 09:00), it falls due at the next opening: a review never falls due the moment it
 *   is set.
 */
import { londonDate } from './dates';
import { parseDuration, type Duration } from './duration';
import { londonTimeOn, nextWorkingDay, openingOnOrAfter, type OfficeHours } from './office-hours';
import { dueAfter, type WorkingCalendar } from './working-days';

export const DEFAULT_MAX_REVIEW_AFTER = 'P5WD';

/** Bounds on a stored `maxReviewAfter`, so no stored value can make the arithmetic run long. */
const MAX_WORKING_DAYS = 260;
const MAX_CALENDAR_DAYS = 366;

/** A policy version's `maxReviewAfter`, parsed; the default when unreadable; never beyond a year. */
export function maxReviewAfterOf(text: string | null | undefined): Duration {
  const d: Duration = parseDuration(text ?? '') ?? { kind: 'working_days', days: 5, text: DEFAULT_MAX_REVIEW_AFTER };
  if (d.kind === 'working_days') return d.days > MAX_WORKING_DAYS ? { ...d, days: MAX_WORKING_DAYS } : d;
  return d.days > MAX_CALENDAR_DAYS
    ? { ...d, days: MAX_CALENDAR_DAYS, ms: 0, totalMs: MAX_CALENDAR_DAYS * 86_400_000 }
    : d;
}

/** The latest `reviewBy` an acknowledgement made at `acknowledgedAt` may set. */
export function latestReviewBy(acknowledgedAt: Date, maxReviewAfter: Duration, cal: WorkingCalendar): string {
  return londonDate(dueAfter(acknowledgedAt, maxReviewAfter, cal));
}

/** Why `reviewBy` is refused (a message naming the allowed range), or null when it is allowed. */
export function reviewByProblem(
  reviewBy: string,
  acknowledgedAt: Date,
  maxReviewAfter: Duration,
  cal: WorkingCalendar,
): string | null {
  const today = londonDate(acknowledgedAt);
  if (reviewBy < today) return 'must be today or later';
  const latest = latestReviewBy(acknowledgedAt, maxReviewAfter, cal);
  if (reviewBy > latest) return `must be no later than ${latest} (the policy allows ${maxReviewAfter.text} at most)`;
  return null;
}

/** When the review of an acknowledgement made at `acknowledgedAt` falls due (see the file comment). */
export function reviewDueAt(reviewBy: string, acknowledgedAt: Date, cal: WorkingCalendar, hours: OfficeHours): Date {
  const opening = openingOnOrAfter(reviewBy, cal, hours);
  if (opening.getTime() > acknowledgedAt.getTime()) return opening;
  return londonTimeOn(nextWorkingDay(londonDate(acknowledgedAt), cal), hours.opens);
}
