/**
 * Who is in scope, and which combinations of age, legal status and UASC contradict each other.
 * Plain functions over plain data (no framework, no database) so they can be reused by the
 * young-people service, the matcher and tests alike.
 *
 * Dates are calendar dates, `YYYY-MM-DD` (see `dates.ts`).
 */
import { ageOn, isValidDate } from './dates';
import type { FieldError } from './errors';

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

/** Why a date of birth is unusable or out of scope on `today`, or null when it is fine. */
function dateOfBirthProblem(dateOfBirth: string, today: string): FieldError | null {
  const problem = (message: string): FieldError => ({ field: 'dateOfBirth', message });
  if (!isValidDate(dateOfBirth)) {
    return problem(`Date of birth ${JSON.stringify(dateOfBirth)} is not a real date in the form YYYY-MM-DD`);
  }
  if (dateOfBirth > today) return problem(`Date of birth ${dateOfBirth} is in the future (today is ${today})`);
  const age = ageOn(dateOfBirth, today);
  if (age < MIN_AGE) return problem(`Aged ${age} on ${today}: under-16s are out of scope (care leavers are 16 to 25)`);
  if (age > MAX_AGE) return problem(`Aged ${age} on ${today}: over-25s are out of scope (care leavers are 16 to 25)`);
  return null;
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
): FieldError[] {
  if (!isValidDate(today)) throw new RangeError(`today must be a real date (YYYY-MM-DD): ${JSON.stringify(today)}`);
  const birth = dateOfBirthProblem(p.dateOfBirth, today);
  if (birth) return [birth];
  const age = ageOn(p.dateOfBirth, today);

  const problems: FieldError[] = [];
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

/** The age bands a co-resident is shown in (never their age or date of birth). */
export const AGE_BANDS = ['16-17', '18-21', '22+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** A person's age band: under 18 is '16-17' (the youngest a placement takes), 18 to 21 '18-21', older '22+'. */
export function ageBand(age: number): AgeBand {
  if (age < 18) return '16-17';
  return age <= 21 ? '18-21' : '22+';
}
