/**
 * Working-day and calendar arithmetic in Europe/London. Plain code: no framework, no database.
 *
 * Definitions:
 * - A working day is a local date that is not a Saturday or Sunday, not an England and Wales bank
 *   holiday (from `date-holidays`, substitute days included) and not one of the council's closure days.
 * - "N working days after an instant" is the same Europe/London wall-clock time on the N-th working
 *   day after the instant's local date. The start's own date never counts, even when it is a working day,
 *   and a start on a weekend or holiday counts from the days that follow it.
 * - A wall-clock time that does not exist or exists twice on the target date is resolved like
 *   Temporal's `disambiguation: 'compatible'` (and java.time): in the spring-forward gap the time moves
 *   forward by the length of the gap (01:30 becomes 02:30 BST); in the autumn overlap the first
 *   occurrence wins (01:30 BST, not 01:30 GMT). See `londonInstant`. Working days are never
 *   Sundays, so this only matters for calendar durations (P1D) landing on a change-over night.
 *
 * Local dates are `YYYY-MM-DD` strings at the edges and whole "day numbers" (days since 1970-01-01)
 * inside, so that stepping and counting days is integer arithmetic.
 */
import Holidays from 'date-holidays';
import { DateTime, IANAZone } from 'luxon';
import type { Duration, FixedDuration } from './duration';

export const LONDON = 'Europe/London';
const ZONE = IANAZone.create(LONDON);
const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// ---------- local dates as day numbers ----------

/** 'YYYY-MM-DD' → days since 1970-01-01; throws on anything that is not a real calendar date. */
export function dayNumber(localDate: string): number {
  const m = ISO_DATE.exec(localDate);
  const n = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS : NaN;
  if (!Number.isInteger(n) || isoDate(n) !== localDate)
    throw new RangeError(`not a date: ${JSON.stringify(localDate)}`);
  return n;
}

/** Day number → 'YYYY-MM-DD'. */
export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function isWeekend(day: number): boolean {
  const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday, 6 = Saturday
  return weekday === 0 || weekday === 6;
}

/** Mondays-to-Fridays among the day numbers before `day`, counted from a fixed Monday (a running total: only differences mean anything). */
function weekdaysBefore(day: number): number {
  const sinceMonday = day - 4; // day 4 = Monday 1970-01-05
  const weeks = Math.floor(sinceMonday / 7);
  return weeks * 5 + Math.min(sinceMonday - weeks * 7, 5);
}

function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

// ---------- Europe/London wall clock ----------

function assertValid(d: Date, name: string): void {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new RangeError(`${name} is not a valid date`);
}

/**
 * Europe/London's offset from UTC in minutes at an instant. London's clocks change only on the hour
 * (01:00 UTC), so the offset is constant within each UTC hour and is cached per hour: the escalation
 * engine asks this for every step of every clock, and the time-zone database lookup is slow.
 */
const offsetByHour = new Map<number, number>();
function offsetAt(ms: number): number {
  const hour = Math.floor(ms / 3_600_000);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    offset = ZONE.offset(hour * 3_600_000);
    if (offsetByHour.size > 200_000) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  return offset;
}

/** An instant as its Europe/London local day number and milliseconds since local midnight. */
export function londonParts(instant: Date): { day: number; msOfDay: number } {
  return localParts(instant);
}

function localParts(instant: Date): { day: number; msOfDay: number } {
  const local = instant.getTime() + offsetAt(instant.getTime()) * 60_000;
  const day = Math.floor(local / DAY_MS);
  return { day, msOfDay: local - day * DAY_MS };
}

/** The instant at which Europe/London clocks read `msOfDay` on local day `day` (gap and overlap as in the file comment). */
function instantAt(day: number, msOfDay: number): Date {
  const wall = day * DAY_MS + msOfDay;
  const offsetBefore = offsetAt(wall - DAY_MS); // minutes east of UTC; London never changes twice in two days
  const offsetAfter = offsetAt(wall + DAY_MS);
  const at = (offset: number): number => wall - offset * 60_000;
  const fits = [offsetBefore, offsetAfter].filter((offset) => offsetAt(at(offset)) === offset).map(at);
  return new Date(fits.length > 0 ? Math.min(...fits) : at(offsetBefore));
}

/**
 * The instant at which Europe/London clocks read `time` (taken from `clock`) on local date `day`.
 * Gap (clocks go forward): the reading as if the clocks had not changed yet, i.e. one hour later on the
 * wall (01:30 → 02:30 BST). Overlap (clocks go back): the first, BST, occurrence.
 * Luxon's own `fromObject` resolves overlaps with a guess based on the current date, so it is not used here.
 */
export function londonInstant(day: number, clock: DateTime): Date {
  return instantAt(day, ((clock.hour * 60 + clock.minute) * 60 + clock.second) * 1000 + clock.millisecond);
}

// ---------- bank holidays, cached per year for the whole process ----------

let holidaysLib: Holidays | null = null;
const bankHolidayCache = new Map<number, readonly string[]>();

/** England and Wales bank holidays of a year as 'YYYY-MM-DD' (date-holidays, `type === 'public'`, substitute days included). */
export function bankHolidays(year: number): readonly string[] {
  let dates = bankHolidayCache.get(year);
  if (!dates) {
    holidaysLib ??= new Holidays('GB', 'ENG');
    const list = holidaysLib.getHolidays(year) || [];
    dates = list.filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10));
    bankHolidayCache.set(year, dates);
  }
  return dates;
}

// ---------- the calendar ----------

export class WorkingCalendar {
  private readonly closures: ReadonlySet<string>;
  /** Per year: the Monday-to-Friday day numbers that are not working days (bank holidays ∪ closures). */
  private readonly daysOffCache = new Map<number, ReadonlySet<number>>();

  /** @param closureDates extra council closure days, 'YYYY-MM-DD' (throws RangeError on a bad one) */
  constructor(closureDates: Iterable<string> = []) {
    const closures = new Set<string>();
    for (const date of closureDates) {
      dayNumber(date); // validates
      closures.add(date);
    }
    this.closures = closures;
  }

  isWorkingDay(localDate: string): boolean {
    return this.isWorkingDayNumber(dayNumber(localDate));
  }

  /** The instant `n` working days after `start` (see the file comment); n = 0 returns `start`. */
  addWorkingDays(start: Date, n: number): Date {
    assertValid(start, 'start');
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`working days must be a whole number >= 0 (got ${n})`);
    if (n === 0) return new Date(start.getTime());
    const { day: startDay, msOfDay } = localParts(start);
    let day = startDay;
    for (let left = n; left > 0;) {
      day += 1;
      if (this.isWorkingDayNumber(day)) left -= 1;
    }
    return instantAt(day, msOfDay);
  }

  /**
   * Whole working days that have passed: the largest k with addWorkingDays(start, k) <= now (0 if now < start).
   * Counts arithmetically (weekdays minus days off in the range), so it costs the same for a day or a year.
   */
  workingDaysElapsed(start: Date, now: Date): number {
    assertValid(start, 'start');
    assertValid(now, 'now');
    if (now.getTime() < start.getTime()) return 0;
    const { day: startDay, msOfDay } = localParts(start);
    const today = localParts(now).day;
    // Working days in (startDay, today]: the k-th of them is today only if today is a working day,
    // and then it has passed only once today's wall clock has reached the start's time of day.
    let k = this.workingDaysBetween(startDay, today);
    if (k > 0 && this.isWorkingDayNumber(today) && instantAt(today, msOfDay).getTime() > now.getTime()) k -= 1;
    return k;
  }

  /** Number of working days d with afterDay < d <= throughDay. */
  workingDaysBetween(afterDay: number, throughDay: number): number {
    if (throughDay <= afterDay) return 0;
    let count = weekdaysBefore(throughDay + 1) - weekdaysBefore(afterDay + 1);
    for (let year = yearOf(afterDay + 1); year <= yearOf(throughDay); year += 1) {
      for (const day of this.daysOff(year)) if (day > afterDay && day <= throughDay) count -= 1;
    }
    return count;
  }

  /** Whether a local day number (see `dayNumber`) is a working day. */
  isWorkingDayNumber(day: number): boolean {
    return !isWeekend(day) && !this.daysOff(yearOf(day)).has(day);
  }

  private daysOff(year: number): ReadonlySet<number> {
    let days = this.daysOffCache.get(year);
    if (!days) {
      const closures = [...this.closures].filter((d) => d.startsWith(`${year}-`));
      days = new Set([...bankHolidays(year), ...closures].map(dayNumber).filter((d) => !isWeekend(d)));
      this.daysOffCache.set(year, days);
    }
    return days;
  }
}

// ---------- durations ----------

/** `d.days` Europe/London calendar days later at the same wall-clock time, then `d.ms` elapsed milliseconds. */
export function addCalendarDuration(start: Date, d: FixedDuration): Date {
  assertValid(start, 'start');
  if (d.days === 0) return new Date(start.getTime() + d.ms);
  const { day, msOfDay } = localParts(start);
  return new Date(instantAt(day + d.days, msOfDay).getTime() + d.ms);
}

/** When something `d` after `start` is due: working days through the calendar, fixed durations as above. */
export function dueAfter(start: Date, d: Duration, cal: WorkingCalendar): Date {
  return d.kind === 'working_days' ? cal.addWorkingDays(start, d.days) : addCalendarDuration(start, d);
}
