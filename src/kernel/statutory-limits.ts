/**
 * What senior managers need to know about one young person in unsuitable or emergency
 * accommodation: how long, and whether the statutory limit is broken. Plain functions.
 *
 * Statutory limits (DfE statutory guidance; Homelessness (Suitability of Accommodation) Order):
 *  - 16-17: B&B / hotels (W), night shelters and emergency hostels (V) and foyers (T) are never
 *    suitable, so being there at all is a breach.
 *  - 18+: B&B / hotel (W) only in an exceptional emergency for at most two working days.
 *  - Pregnant or with a dependent child: B&B (W) beyond six weeks is unlawful.
 */
import { isAccommodationCode, NEVER_SUITABLE_UNDER_18 } from './accommodation';
import type { WorkingCalendar } from './working-days';

export const ADULT_BNB_LIMIT_WORKING_DAYS = 2;
export const FAMILY_BNB_LIMIT_MS = 6 * 7 * 86400_000;

export interface OversightFacts {
  ageYears: number;
  accommodationCode: string;
  pregnantOrParent: boolean;
  /** When the clock started: the start of the unbroken run of unsuitable or emergency stays. */
  clockStartedAt: Date;
  /** When the current stay started (a breach is about the place they are in now). */
  stayStartedAt: Date;
}

/** The statutory limits a stay can break, each decided once, in `statutoryBreaches`. */
export const STATUTORY_BREACHES = ['under_18_unsuitable', 'adult_two_working_days', 'parent_six_weeks'] as const;
export type StatutoryBreach = (typeof STATUTORY_BREACHES)[number];

/**
 * Every statutory limit the stay breaks as of `now`, in the order of `STATUTORY_BREACHES`:
 *  - `under_18_unsuitable`: under 18 in B&B / hotel (W), a night shelter (V) or a foyer (T), at once;
 *  - `adult_two_working_days`: 18 or over in B&B / hotel (W) for more than two working days;
 *  - `parent_six_weeks`: pregnant or a parent in B&B / hotel (W) for more than six weeks (any age).
 * Both time limits run from when the clock started.
 */
export function statutoryBreaches(f: OversightFacts, now: Date, cal: WorkingCalendar): StatutoryBreach[] {
  const code = f.accommodationCode;
  const out: StatutoryBreach[] = [];
  if (f.ageYears < 18 && isAccommodationCode(code) && NEVER_SUITABLE_UNDER_18.includes(code))
    out.push('under_18_unsuitable');
  if (code !== 'W') return out;
  const elapsedMs = now.getTime() - f.clockStartedAt.getTime();
  if (f.ageYears >= 18 && now.getTime() > cal.addWorkingDays(f.clockStartedAt, ADULT_BNB_LIMIT_WORKING_DAYS).getTime())
    out.push('adult_two_working_days');
  if (f.pregnantOrParent && elapsedMs > FAMILY_BNB_LIMIT_MS) out.push('parent_six_weeks');
  return out;
}

/** Whether the stay breaks any statutory limit (`statutoryBreaches` is not empty). */
export function breachesStatutoryLimit(f: OversightFacts, now: Date, cal: WorkingCalendar): boolean {
  return statutoryBreaches(f, now, cal).length > 0;
}

export function hoursElapsed(from: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - from.getTime()) / 3600_000));
}

/** "26 hours (1 working day)" */
export function elapsedText(from: Date, now: Date, cal: WorkingCalendar): string {
  const h = hoursElapsed(from, now);
  const wd = cal.workingDaysElapsed(from, now);
  const hours = h < 48 ? `${h} hour${h === 1 ? '' : 's'}` : `${Math.floor(h / 24)} days`;
  return `${hours} (${wd} working day${wd === 1 ? '' : 's'})`;
}

export function initials(firstName: string, lastName: string): string {
  const i = (s: string) => (s.trim()[0] ?? '').toUpperCase();
  return `${i(firstName)}.${i(lastName)}.`;
}
