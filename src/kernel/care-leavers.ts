/**
 * Who is in scope, and which combinations of age, legal status and UASC contradict each other.
 * Plain functions over plain data (no framework, no database) so they can be reused by the
 * young-people service, the matcher and tests alike.
 *
 * Dates are calendar dates, `YYYY-MM-DD`, with no time zone: they are compared as strings and
 * never turned into instants, so no clock or zone can shift a birthday by a day.
 */

/** Children (Leaving Care) Act 2000 statuses. */
export const LEGAL_STATUSES = ['eligible', 'relevant', 'former_relevant', 'qualifying'] as const;
export type LegalStatus = (typeof LEGAL_STATUSES)[number];

/** Risk flags: risk *to others* (fire_setting, sexual_harm, violence) and *to* the young person. */
export const RISKS = [
  'fire_setting',
  'sexual_harm',
  'violence',
  'exploitation',
  'self_harm',
  'missing',
  'substances',
] as const;
export type Risk = (typeof RISKS)[number];

/** A young person's gender. (A bed's gender restriction is a different thing: 'any' | 'female' | 'male'.) */
export const GENDERS = ['female', 'male', 'non_binary', 'other'] as const;
export type Gender = (typeof GENDERS)[number];

/** Care leavers are 16 to 25 (up to the day before the 26th birthday). */
export const MIN_AGE = 16;
export const MAX_AGE = 25;
/** UASC status ends at 18. */
export const UASC_MAX_AGE = 17;

/** Inclusive age band each legal status allows. Qualifying is 16-21, or to 25 in education: we accept to 25. */
export const LEGAL_STATUS_AGES: Readonly<Record<LegalStatus, { min: number; max: number; label: string }>> = {
  eligible: { min: 16, max: 17, label: 'eligible (16–17, still looked after)' },
  relevant: { min: 16, max: 17, label: 'relevant (16–17, left care)' },
  former_relevant: { min: 18, max: 25, label: 'former relevant (18–25)' },
  qualifying: { min: 16, max: 25, label: 'qualifying (16–21, or to 25 in education)' },
};

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

export interface EligibilityProblem {
  field: string;
  message: string;
}

/**
 * Contradictions in a young person's record as of `today` (`YYYY-MM-DD`); empty when consistent.
 * Field names match the API body (`dateOfBirth`, `legalStatus`, `uasc`) so they can go straight
 * into a 400 problem's `errors`. When the date of birth is unusable or out of scope, that is the
 * only problem reported: the status checks would just repeat it.
 */
export function checkYoungPerson(
  p: { dateOfBirth: string; legalStatus: LegalStatus; uasc: boolean },
  today: string,
): EligibilityProblem[] {
  if (!isValidDate(today)) throw new RangeError(`today must be a real date (YYYY-MM-DD): ${JSON.stringify(today)}`);
  if (!isValidDate(p.dateOfBirth)) {
    return [
      {
        field: 'dateOfBirth',
        message: `Date of birth ${JSON.stringify(p.dateOfBirth)} is not a real date in the form YYYY-MM-DD`,
      },
    ];
  }
  if (p.dateOfBirth > today) {
    return [{ field: 'dateOfBirth', message: `Date of birth ${p.dateOfBirth} is in the future (today is ${today})` }];
  }
  const age = ageOn(p.dateOfBirth, today);
  if (age < MIN_AGE) {
    return [
      {
        field: 'dateOfBirth',
        message: `Aged ${age} on ${today}: under-16s are out of scope (care leavers are 16 to 25)`,
      },
    ];
  }
  if (age > MAX_AGE) {
    return [
      {
        field: 'dateOfBirth',
        message: `Aged ${age} on ${today}: over-25s are out of scope (care leavers are 16 to 25)`,
      },
    ];
  }

  const problems: EligibilityProblem[] = [];
  const band = (LEGAL_STATUS_AGES as Record<string, (typeof LEGAL_STATUS_AGES)[LegalStatus] | undefined>)[
    p.legalStatus
  ];
  if (!band) {
    problems.push({ field: 'legalStatus', message: `Legal status must be one of ${LEGAL_STATUSES.join(', ')}` });
  } else if (age < band.min || age > band.max) {
    const fits = LEGAL_STATUSES.filter((s) => age >= LEGAL_STATUS_AGES[s].min && age <= LEGAL_STATUS_AGES[s].max);
    problems.push({
      field: 'legalStatus',
      message: `Aged ${age} on ${today}, so cannot be ${band.label}; at ${age} the status is one of: ${fits.join(', ')}`,
    });
  }
  if (p.uasc === true && age > UASC_MAX_AGE) {
    problems.push({ field: 'uasc', message: `UASC status ends at 18; aged ${age} on ${today}, so uasc must be false` });
  }
  return problems;
}
