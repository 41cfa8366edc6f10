/**
 * Calendar dates and the council's clock face. Dates are `YYYY-MM-DD` with no time zone: they are
 * compared as strings and never turned into instants, so no clock or zone can shift a birthday by
 * a day. Where a date meets an instant ("today", "the start of that day") it is Europe/London's.
 */
import { DateTime } from 'luxon';

export const LONDON = 'Europe/London';

const HOUR = 3_600_000;
/** Instants this fast path covers (years 1900 to 8999); others, and invalid ones, go to luxon. */
const FAST_FROM = Date.UTC(1900, 0, 1);
const FAST_TO = Date.UTC(9000, 0, 1);
/**
 * London's offset from UTC (minutes) through each UTC hour, or null for an hour in which it
 * changes. London's offsets are whole hours and change on the hour, so an hour has one offset.
 */
const hourOffsets = new Map<number, number | null>();

/**
 * London's offset from UTC (minutes) at the instant `t` (ms), or null when the fast path does not
 * cover it (an hour in which the clocks change, an instant before 1900 or after 8999, NaN): luxon
 * (Intl) gives the offset of each UTC hour once. The callers' answers are checked against luxon's
 * own by property specs.
 */
export function londonOffsetMinutes(t: number): number | null {
  if (!(t >= FAST_FROM && t < FAST_TO)) return null;
  const hour = Math.floor(t / HOUR);
  let offset = hourOffsets.get(hour);
  if (offset === undefined) {
    const first = DateTime.fromMillis(hour * HOUR, { zone: LONDON }).offset;
    const last = DateTime.fromMillis(hour * HOUR + HOUR - 1, { zone: LONDON }).offset;
    offset = first === last ? first : null;
    if (hourOffsets.size >= 50_000) hourOffsets.clear();
    hourOffsets.set(hour, offset);
  }
  return offset;
}

/**
 * The Europe/London calendar date of an instant, `YYYY-MM-DD` (what "today" means to a council).
 * Asked several times by every page: the instant moved by London's offset (`londonOffsetMinutes`).
 */
export function londonDate(at: Date): string {
  const t = at.getTime();
  const offset = londonOffsetMinutes(t);
  if (offset === null) return DateTime.fromJSDate(at, { zone: LONDON }).toISODate() as string;
  return new Date(t + offset * 60_000).toISOString().slice(0, 10);
}

export interface CalendarDate {
  year: number;
  month: number; // 1-12
  day: number; // 1-31
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** The date as numbers, or null unless it is `YYYY-MM-DD` and a real calendar day (no 2023-02-29). */
export function parseDate(text: string): CalendarDate | null {
  if (typeof text !== 'string') return null;
  const m = DATE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isValidDate(text: string): boolean {
  return parseDate(text) !== null;
}

/**
 * Age in whole years on the date `on`.
 *
 * Someone born on 29 February has their birthday on **1 March** in non-leap years (the usual
 * reading of English law, Family Law Reform Act 1969 s.9: a person attains an age at the start of
 * the relevant anniversary, and a 29 February anniversary falls on 1 March when there is no
 * 29 February). So born 2008-02-29: 17 on 2026-02-28, 18 on 2026-03-01.
 *
 * Negative when `on` is before the date of birth. Throws RangeError for a date that is not real.
 */
export function ageOn(dateOfBirth: string, on: string): number {
  const born = parseDate(dateOfBirth);
  const at = parseDate(on);
  if (!born) throw new RangeError(`Not a real date (YYYY-MM-DD): ${JSON.stringify(dateOfBirth)}`);
  if (!at) throw new RangeError(`Not a real date (YYYY-MM-DD): ${JSON.stringify(on)}`);
  let month = born.month;
  let day = born.day;
  if (month === 2 && day === 29 && !isLeapYear(at.year)) {
    month = 3;
    day = 1;
  }
  const beforeBirthday = at.month < month || (at.month === month && at.day < day);
  return at.year - born.year - (beforeBirthday ? 1 : 0);
}

/** Instants at which London calendar days start, cached: reports ask for the same few days many times. */
const dayStarts = new Map<string, number>();

/** The instant the London calendar day `date` (plus days and months) starts. */
export function londonDayStart(date: string, plusDays = 0, plusMonths = 0): Date {
  const key = `${date}|${plusDays}|${plusMonths}`;
  let ms = dayStarts.get(key);
  if (ms === undefined) {
    ms = DateTime.fromISO(date, { zone: LONDON })
      .plus({ months: plusMonths, days: plusDays })
      .startOf('day')
      .toMillis();
    if (dayStarts.size >= 50_000) dayStarts.clear();
    dayStarts.set(key, ms);
  }
  return new Date(ms);
}
