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
import { ageOn, isLeapYear, londonDayStart, parseDate } from './dates';

/** The DfE's OC3 table: exactly these five columns, no others (one more and the file is not read). */
export const OC3_COLUMNS = ['CHILD', 'DOB', 'IN_TOUCH', 'ACTIV', 'ACCOM'] as const;
/** The working file adds these after the DfE's columns: which birthday, how ACCOM was found, the contact IN_TOUCH came from. */
export const WORKING_EXTRA_COLUMNS = ['BIRTHDAY', 'ACCOM_BASIS', 'CONTACTED_ON'] as const;
export const WORKING_COLUMNS = [...OC3_COLUMNS, ...WORKING_EXTRA_COLUMNS] as const;

export const IN_TOUCH_CODES = ['YES', 'NO', 'DIED', 'REFU', 'NREQ', 'RHOM'] as const;
export type InTouchCode = (typeof IN_TOUCH_CODES)[number];
/** ACTIV (rule 132): F full time, P part time; 1 higher education, 2 other education, 4 apprenticeship, 5 training or employment; G4 illness or disability, G5 other, G6 pregnancy or parenting. `0` (none) is not recorded, only reported. */
export const ACTIV_CODES = ['F1', 'P1', 'F2', 'P2', 'F4', 'P4', 'F5', 'P5', 'G4', 'G5', 'G6'] as const;
export type ActivCode = (typeof ACTIV_CODES)[number];
/** ACCOM (rule 133): the letter and 1 suitable / 2 unsuitable. No S1, no X1. `0` is none. */
export const ACCOM_CODES = [
  'B1', 'B2', 'C1', 'C2', 'D1', 'D2', 'E1', 'E2', 'G1', 'G2', 'H1', 'H2', 'K1', 'K2', 'R1', 'R2',
  'S2', 'T1', 'T2', 'U1', 'U2', 'V1', 'V2', 'W1', 'W2', 'X2', 'Y1', 'Y2', 'Z1', 'Z2',
] as const; // prettier-ignore
/** IN_TOUCH codes whose ACTIV and ACCOM are both `0` (rule 344). */
export const NOTHING_TO_REPORT: readonly InTouchCode[] = ['DIED', 'RHOM'];
/**
 * The DfE's contact window: IN_TOUCH says whether the council was in touch with the young person
 * between three months before and one month after the birthday (903 guidance for the care-leaver
 * table). Calendar months, Europe/London days, both ends included.
 */
export const CONTACT_MONTHS_BEFORE = 3;
export const CONTACT_MONTHS_AFTER = 1;
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

/** The collection year (1 April – 31 March) a Europe/London calendar day `YYYY-MM-DD` falls in: the next return to be made. */
export function collectionYearOn(day: string): CollectionYear {
  const year = Number(day.slice(0, 4));
  return collectionYear(day.slice(5) < '04-01' ? year - 1 : year);
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

/** A keeping-in-touch contact as the OC3 rules see it. */
export interface ContactSpan {
  id: string;
  contactedAt: Date;
  inTouch: InTouchCode;
  activity: string | null;
}

/** The instants bounding the DfE's contact window for a birthday: [from, until). */
export function contactWindow(birthday: string): { from: Date; until: Date; dayStart: Date; dayEnd: Date } {
  return {
    from: londonDayStart(birthday, 0, -CONTACT_MONTHS_BEFORE),
    until: londonDayStart(birthday, 1, CONTACT_MONTHS_AFTER),
    dayStart: londonDayStart(birthday),
    dayEnd: londonDayStart(birthday, 1),
  };
}

/** The calendar days of the contact window, for messages. */
export function contactWindowDates(birthday: string): { first: string; last: string } {
  const d = DateTime.fromISO(birthday, { zone: 'utc' });
  return {
    first: d.minus({ months: CONTACT_MONTHS_BEFORE }).toISODate()!,
    last: d.plus({ months: CONTACT_MONTHS_AFTER }).toISODate()!,
  };
}

/** How far a contact is from the birthday (0 on the day, Europe/London), and whether it came before. */
function gapToBirthday(c: ContactSpan, w: { dayStart: Date; dayEnd: Date }): { gap: number; before: boolean } {
  const t = c.contactedAt.getTime();
  if (t < w.dayStart.getTime()) return { gap: w.dayStart.getTime() - t, before: true };
  if (t >= w.dayEnd.getTime()) return { gap: t - w.dayEnd.getTime() + 1, before: false };
  return { gap: 0, before: false };
}

/**
 * The contact nearest the birthday within the DfE's window, among those `accept` takes: on the day
 * counts as nearest (of several that day, the latest); otherwise the smallest gap, a tie going to
 * the contact before the birthday. Null when there is none.
 */
export function nearestContact(
  contacts: ContactSpan[],
  birthday: string,
  accept: (c: ContactSpan) => boolean = () => true,
): ContactSpan | null {
  const w = contactWindow(birthday);
  let best: { c: ContactSpan; gap: number; before: boolean } | null = null;
  for (const c of contacts) {
    const t = c.contactedAt.getTime();
    if (t < w.from.getTime() || t >= w.until.getTime() || !accept(c)) continue;
    const g = gapToBirthday(c, w);
    const bt = best?.c.contactedAt.getTime();
    const better =
      !best ||
      g.gap < best.gap ||
      (g.gap === best.gap && g.before && !best.before) ||
      (g.gap === best.gap && g.before === best.before && (t > bt! || (t === bt && c.id > best.c.id)));
    if (better) best = { c, ...g };
  }
  return best?.c ?? null;
}

export type Oc3Refusal =
  | 'no_contact_around_birthday'
  | 'no_activity_recorded'
  | 'no_stay_around_birthday'
  | 'foyer_under_18'
  | 'former_foster_carers_at_17'
  | 'breaks_dfe_rule';

export interface Oc3Input {
  dateOfBirth: string;
  cy: CollectionYear;
  /** The contact nearest the birthday in the window (null: none). */
  contact: ContactSpan | null;
  /** The activity from the nearest contact in the window that records one (null: none). */
  activity: string | null;
  /** The stay around the birthday (null: none in its window). */
  stay: { accommodationCode: string; suitable: boolean } | null;
}

export interface Oc3Values {
  IN_TOUCH: string;
  ACTIV: string;
  ACCOM: string;
}

/**
 * IN_TOUCH, ACTIV and ACCOM for one young person, all three filled (rule 153), or why they cannot
 * be without guessing. DIED and RHOM report `0` and `0` (rule 344); YES needs an activity and a
 * stay (rule 345: never `0`); NO, REFU and NREQ report `0` for what is not known. The digit follows
 * `accomCode` (never S1 or X1; T, W and V never suitable under 18); a foyer for someone under 18 at
 * the start of the year (rule 347) and former foster carers at a 17th birthday (rule 3001) are
 * refused, since no digit can mend them. Whatever comes out is checked against `oc3Errors`.
 */
export function oc3Values(
  input: Oc3Input,
): { values: Oc3Values; adjusted: string | null; refused?: undefined } | { refused: Oc3Refusal; rules?: string[] } {
  const found = birthdayIn(input.dateOfBirth, input.cy);
  if (!found) return { refused: 'breaks_dfe_rule', rules: ['391'] };
  if (!input.contact) return { refused: 'no_contact_around_birthday' };
  const inTouch = input.contact.inTouch;
  let values: Oc3Values;
  let adjusted: string | null = null;
  if (NOTHING_TO_REPORT.includes(inTouch)) {
    values = { IN_TOUCH: inTouch, ACTIV: '0', ACCOM: '0' };
  } else {
    if (inTouch === 'YES' && !input.activity) return { refused: 'no_activity_recorded' };
    if (inTouch === 'YES' && !input.stay) return { refused: 'no_stay_around_birthday' };
    let accom = '0';
    if (input.stay) {
      const letter = input.stay.accommodationCode;
      if (letter === 'T' && ageOn(input.dateOfBirth, input.cy.start) < 18) return { refused: 'foyer_under_18' };
      if (letter === 'Z' && found.age === 17) return { refused: 'former_foster_carers_at_17' };
      ({ accom, adjusted } = accomCode(letter, input.stay.suitable, found.age));
    }
    values = { IN_TOUCH: inTouch, ACTIV: input.activity ?? '0', ACCOM: accom };
  }
  const rules = oc3Errors({ DOB: ddmmyyyy(input.dateOfBirth), ...values }, input.cy);
  if (rules.length) return { refused: 'breaks_dfe_rule', rules };
  return { values, adjusted };
}

const DDMMYYYY = /^(\d{2})\/(\d{2})\/(\d{4})$/;

/**
 * The DfE's checks on one OC3 row (with the header's date of birth), by rule number; empty when the
 * row passes. Written from the DfE's rules, independently of how `oc3Values` builds a row.
 */
export function oc3Errors(row: { DOB: string } & Oc3Values, cy: CollectionYear): string[] {
  const errors: string[] = [];
  const filled = [row.IN_TOUCH, row.ACTIV, row.ACCOM].filter((v) => v !== '').length;
  if (!(IN_TOUCH_CODES as readonly string[]).includes(row.IN_TOUCH)) errors.push('131');
  if (row.ACTIV !== '0' && !(ACTIV_CODES as readonly string[]).includes(row.ACTIV)) errors.push('132');
  if (row.ACCOM !== '0' && !(ACCOM_CODES as readonly string[]).includes(row.ACCOM)) errors.push('133');
  if (filled !== 0 && filled !== 3) errors.push('153');
  if (NOTHING_TO_REPORT.includes(row.IN_TOUCH as InTouchCode) && (row.ACTIV !== '0' || row.ACCOM !== '0'))
    errors.push('344');
  if (row.IN_TOUCH === 'YES' && (row.ACTIV === '0' || row.ACCOM === '0')) errors.push('345');
  const m = DDMMYYYY.exec(row.DOB);
  const dob = m ? `${m[3]}-${m[2]}-${m[1]}` : null;
  if (!dob || !parseDate(dob) || dob > cy.end || ageOn(dob, cy.start) > 25) {
    errors.push('header'); // the header table: a real dd/mm/YYYY date of birth, not after the year, not over 25 at its start
    return errors;
  }
  if (row.ACCOM.startsWith('T') && ageOn(dob, cy.start) < 18) errors.push('347');
  const b = birthdayIn(dob, cy);
  if (!b || b.age < 17 || b.age > 21) errors.push('391');
  if (b?.age === 17 && (row.ACCOM === 'Z1' || row.ACCOM === 'Z2')) errors.push('3001');
  return errors;
}
