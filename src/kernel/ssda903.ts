/**
 * The SSDA903 care-leaver table ("OC3") as plain rules over plain data: no framework, no database.
 *
 * Source followed: the DfE SSDA903 return as encoded by the open-source 903 validator the sector
 * uses (Social Finance / DfE-derived "lac_validator" rules): the OC3 table's columns are
 * CHILD, DOB, IN_TOUCH, ACTIV, ACCOM; DOB is written dd/mm/yyyy; IN_TOUCH is one of YES, NO, DIED,
 * REFU, NREQ, RHOM (rule 131); ACTIV one of F1 P1 F2 P2 F4 P4 F5 P5 G4 G5 G6 or 0 (rule 132); ACCOM
 * a letter plus 1 (suitable) or 2 (unsuitable), never S1 or X1, or 0 (rule 133); a young person
 * appears when their 17th, 18th, 19th, 20th or 21st birthday falls in the collection year
 * (rule 391), and not when they were still looked after on the birthday (rule 1016).
 *
 * Collection year Y runs from 1 April Y to 31 March Y+1 (both days included).
 * A 29 February birthday falls on 1 March in a non-leap year (as `ageOn` counts it).
 *
 * "Around the birthday" (the DfE asks for the situation around the birthday): the stay open on the
 * birthday (Europe/London calendar day; of several that day, the one in place at the end of it,
 * i.e. the latest to start). With none, the nearest stay within THREE CALENDAR MONTHS before or
 * after the birthday (nearest by the gap between the stay and the birthday; a tie goes to the stay
 * before). With none either, the row is not guessed: it is an exception.
 */
import { DateTime } from 'luxon';
import { ACCOMMODATION, isAccommodationCode } from './accommodation';
import { isLeapYear, londonDayStart, parseDate } from './dates';

export const OC3_COLUMNS = ['CHILD', 'DOB', 'IN_TOUCH', 'ACTIV', 'ACCOM'] as const;
/** Added after the DfE's columns (drop them before uploading): which birthday, and how ACCOM was found. */
export const EXTRA_COLUMNS = ['BIRTHDAY', 'ACCOM_BASIS'] as const;
export const CSV_COLUMNS = [...OC3_COLUMNS, ...EXTRA_COLUMNS] as const;

export const IN_TOUCH_CODES = ['YES', 'NO', 'DIED', 'REFU', 'NREQ', 'RHOM'] as const;
export const BIRTHDAYS_IN_SCOPE = [17, 18, 19, 20, 21] as const;
export const WINDOW_MONTHS = 3;

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export interface CollectionYear {
  year: number;
  /** `YYYY-04-01` */
  start: string;
  /** `YYYY+1-03-31` */
  end: string;
  /** e.g. `2025-26` */
  label: string;
}

export function collectionYear(year: number): CollectionYear {
  return {
    year,
    start: `${year}-04-01`,
    end: `${year + 1}-03-31`,
    label: `${year}-${String((year + 1) % 100).padStart(2, '0')}`,
  };
}

/** The date someone turns `age` (a 29 February birthday is 1 March in a non-leap year). */
export function birthdayAt(dateOfBirth: string, age: number): string {
  const d = parseDate(dateOfBirth);
  if (!d) throw new RangeError(`Not a real date (YYYY-MM-DD): ${JSON.stringify(dateOfBirth)}`);
  const year = d.year + age;
  const [month, day] = d.month === 2 && d.day === 29 && !isLeapYear(year) ? [3, 1] : [d.month, d.day];
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Which birthday (age and date) falls in the collection year, if any (at most one can). */
export function birthdayIn(dateOfBirth: string, cy: CollectionYear): { age: number; birthday: string } | null {
  const born = parseDate(dateOfBirth);
  if (!born) return null;
  for (const age of [cy.year - born.year, cy.year + 1 - born.year]) {
    if (age < 0) continue;
    const birthday = birthdayAt(dateOfBirth, age);
    if (birthday >= cy.start && birthday <= cy.end) return { age, birthday };
  }
  return null;
}

export interface StaySpan {
  id: string;
  accommodationCode: string;
  suitable: boolean;
  startedAt: Date;
  endedAt: Date | null;
}

export type AccomBasis = 'on_birthday' | 'nearest_before' | 'nearest_after';

const windowDays = new Map<string, { first: string; last: string }>();

/**
 * The calendar days the search covers: three months before the birthday to three months after it,
 * both included. Memoised: the extract asks for the same few hundred days thousands of times.
 */
export function windowDates(birthday: string): { first: string; last: string } {
  let w = windowDays.get(birthday);
  if (!w) {
    const d = DateTime.fromISO(birthday, { zone: 'utc' });
    w = {
      first: d.minus({ months: WINDOW_MONTHS }).toISODate()!,
      last: d.plus({ months: WINDOW_MONTHS }).toISODate()!,
    };
    if (windowDays.size >= 50_000) windowDays.clear();
    windowDays.set(birthday, w);
  }
  return w;
}

/** The instants bounding the search for a birthday: the day itself and the window either side. */
export function birthdayWindow(birthday: string): { dayStart: Date; dayEnd: Date; from: Date; until: Date } {
  return {
    dayStart: londonDayStart(birthday),
    dayEnd: londonDayStart(birthday, 1),
    from: londonDayStart(birthday, 0, -WINDOW_MONTHS),
    until: londonDayStart(birthday, 1, WINDOW_MONTHS),
  };
}

/** The stay that describes where someone lived around a birthday, and how it was chosen; null when none is recorded. */
export function stayAround(
  stays: StaySpan[],
  birthday: string,
): { stay: StaySpan; basis: AccomBasis; gapMs: number } | null {
  const w = birthdayWindow(birthday);
  const end = (s: StaySpan) => (s.endedAt ? s.endedAt.getTime() : Number.POSITIVE_INFINITY);
  const byStart = [...stays].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime() || a.id.localeCompare(b.id));
  const onDay = byStart.filter((s) => s.startedAt.getTime() < w.dayEnd.getTime() && end(s) > w.dayStart.getTime());
  if (onDay.length) return { stay: onDay[onDay.length - 1], basis: 'on_birthday', gapMs: 0 };
  let best: { stay: StaySpan; basis: AccomBasis; gapMs: number } | null = null;
  for (const s of byStart) {
    if (s.startedAt.getTime() >= w.until.getTime() || end(s) <= w.from.getTime()) continue;
    const before = end(s) <= w.dayStart.getTime();
    const gapMs = before ? w.dayStart.getTime() - end(s) : s.startedAt.getTime() - w.dayEnd.getTime();
    const candidate = { stay: s, basis: (before ? 'nearest_before' : 'nearest_after') as AccomBasis, gapMs };
    if (!best || gapMs < best.gapMs || (gapMs === best.gapMs && before && best.basis === 'nearest_after'))
      best = candidate;
  }
  return best;
}

/**
 * ACCOM: the letter and a suitability digit. S and X are always 2; T (foyer), W (B&B / hotel) and
 * V (night shelter / emergency) are never suitable under 18, so at a 17th birthday they are 2
 * whatever was recorded. `adjusted` explains a digit that differs from the recorded suitability.
 */
export function accomCode(
  code: string,
  suitable: boolean,
  ageAtBirthday: number,
): { accom: string; adjusted: string | null } {
  let digit = suitable ? 1 : 2;
  let adjusted: string | null = null;
  const kind = isAccommodationCode(code) ? ACCOMMODATION[code] : null;
  if (digit === 1 && kind?.alwaysUnsuitable) {
    digit = 2;
    adjusted = `${code} is always unsuitable`;
  } else if (digit === 1 && ageAtBirthday < 18 && kind?.neverSuitableUnder18) {
    digit = 2;
    adjusted = `${code} is never suitable under 18`;
  }
  return { accom: `${code}${digit}`, adjusted };
}

/** `YYYY-MM-DD` as the 903's dd/mm/yyyy. */
export function ddmmyyyy(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/** One RFC 4180 field: quoted when it holds a comma, a double quote, CR or LF (quotes doubled). */
export function csvField(value: string | number | null | undefined): string {
  const s = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 text: a header row, CRLF line breaks (the last record ends with one too). */
export function toCsv(columns: readonly string[], rows: (string | number | null)[][]): string {
  return [columns, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
