import {
  accomCode,
  birthdayIn,
  CSV_COLUMNS,
  ddmmyyyy,
  stayAround,
  toCsv,
  WINDOW_MONTHS,
  windowDates,
  type CollectionYear,
  type StaySpan,
} from '../../kernel/ssda903';
import { Ssda903Adjustment, Ssda903Exception, Ssda903ExceptionsReport, Ssda903NotRecorded } from './ssda903.dto';

/**
 * The SSDA903 care-leaver extract (OC3) as pure functions of the rows `ssda903.queries.ts` reads:
 * who is in scope, then for each of them a row, or an exception when the row cannot be filled
 * without guessing. The DfE's rules themselves are in `kernel/ssda903.ts`.
 */

export interface PersonRow {
  id: string;
  reference: string;
  date_of_birth: string;
  legal_status: string;
}
export interface StayRow {
  id: string;
  young_person_id: string;
  accommodation_code: string;
  suitable: boolean;
  started_at: Date;
  ended_at: Date | null;
}

export interface Ssda903Row {
  youngPersonId: string;
  CHILD: string;
  DOB: string;
  IN_TOUCH: string;
  ACTIV: string;
  ACCOM: string;
  BIRTHDAY: number;
  ACCOM_BASIS: string;
}

export const NOT_RECORDED: Ssda903NotRecorded[] = [
  {
    column: 'IN_TOUCH',
    detail:
      'This service does not record whether the council is in touch with the young person around the birthday. The DfE codes (YES, NO, DIED, REFU, NREQ, RHOM) have no "not known" value, so IN_TOUCH is left blank in every row: complete it from the case record before submitting.',
  },
  {
    column: 'ACTIV',
    detail:
      'This service does not record education, training or employment activity. ACTIV is left blank in every row (not 0, which the DfE reserves for young people who died or returned home): complete it from the case record before submitting.',
  },
];

export const ACCOM_RULE =
  `The stay open on the birthday (Europe/London calendar day; of several that day, the one in place at the end of it). With none, the nearest stay within ${WINDOW_MONTHS} calendar months before or after the birthday (a tie goes to the stay before). ` +
  'With none either, the row is an exception and is left out of the CSV. The digit is the stay’s recorded suitability (1 suitable, 2 unsuitable), except S and X (always 2) and T, W and V at a 17th birthday (never suitable under 18: 2).';

/** A young person whose 17th–21st birthday falls in the year, and that birthday. */
export interface Candidate {
  p: PersonRow;
  age: number;
  birthday: string;
}

export interface Ssda903Result {
  cy: CollectionYear;
  rows: Ssda903Row[];
  exceptions: Ssda903Exception[];
  adjustments: Ssda903Adjustment[];
  inScope: number;
  stillLookedAfter: number;
}

/** Rule 391 (a 17th–21st birthday in the year) and rule 1016 (not still looked after: legal status eligible is counted, not reported). */
export function careLeaversInScope(
  people: PersonRow[],
  cy: CollectionYear,
): { candidates: Candidate[]; stillLookedAfter: number } {
  const candidates: Candidate[] = [];
  let stillLookedAfter = 0;
  for (const p of people) {
    const b = birthdayIn(p.date_of_birth, cy);
    if (!b || b.age < 17 || b.age > 21) continue;
    if (p.legal_status === 'eligible') {
      stillLookedAfter++;
      continue;
    }
    candidates.push({ p, ...b });
  }
  return { candidates, stillLookedAfter };
}

/** Each young person's stays, as the kernel's spans. */
export function staysByPerson(stays: StayRow[]): Map<string, StaySpan[]> {
  const by = new Map<string, StaySpan[]>();
  for (const s of stays) {
    const list = by.get(s.young_person_id) ?? [];
    list.push({
      id: s.id,
      accommodationCode: s.accommodation_code,
      suitable: s.suitable,
      startedAt: new Date(s.started_at),
      endedAt: s.ended_at ? new Date(s.ended_at) : null,
    });
    by.set(s.young_person_id, list);
  }
  return by;
}

/** 1st, 2nd, 3rd, 4th, … 11th, 12th, 13th, … 21st. */
export function ordinal(n: number): string {
  const suffix =
    n % 10 === 1 && n % 100 !== 11
      ? 'st'
      : n % 10 === 2 && n % 100 !== 12
        ? 'nd'
        : n % 10 === 3 && n % 100 !== 13
          ? 'rd'
          : 'th';
  return `${n}${suffix}`;
}

export type Outcome =
  { row: Ssda903Row; adjustment: Ssda903Adjustment | null } | { exception: Ssda903Exception; row?: undefined };

/** One young person's row from the stay around their birthday, or why there cannot be one yet or at all. */
export function outcomeFor({ p, age, birthday }: Candidate, stays: StaySpan[], today: string): Outcome {
  const base = { youngPersonId: p.id, reference: p.reference, birthday, age };
  if (birthday > today) {
    const detail = `The ${ordinal(age)} birthday on ${birthday} is after today (${today}): nothing can be reported for it yet`;
    return { exception: { ...base, reason: 'birthday_not_reached', detail } };
  }
  const found = stayAround(stays, birthday);
  if (!found) {
    const w = windowDates(birthday);
    const detail = `No stay is recorded between ${w.first} and ${w.last} (${WINDOW_MONTHS} months either side of the ${ordinal(age)} birthday on ${birthday})`;
    return { exception: { ...base, reason: 'no_stay_around_birthday', detail } };
  }
  const { accom, adjusted } = accomCode(found.stay.accommodationCode, found.stay.suitable, age);
  const adjustment = adjusted
    ? {
        youngPersonId: p.id,
        reference: p.reference,
        birthday,
        stayId: found.stay.id,
        recorded: `${found.stay.accommodationCode}${found.stay.suitable ? 1 : 2}`,
        reported: accom,
        reason: adjusted,
      }
    : null;
  const row = {
    youngPersonId: p.id,
    CHILD: p.reference,
    DOB: ddmmyyyy(p.date_of_birth),
    IN_TOUCH: '',
    ACTIV: '',
    ACCOM: accom,
    BIRTHDAY: age,
    ACCOM_BASIS: found.basis,
  };
  return { row, adjustment };
}

/** The extract for the year: rows, exceptions and adjustments in the candidates' order (by reference). */
export function buildExtract(
  cy: CollectionYear,
  scope: { candidates: Candidate[]; stillLookedAfter: number },
  stays: Map<string, StaySpan[]>,
  today: string,
): Ssda903Result {
  const result: Ssda903Result = {
    cy,
    rows: [],
    exceptions: [],
    adjustments: [],
    inScope: scope.candidates.length,
    stillLookedAfter: scope.stillLookedAfter,
  };
  for (const c of scope.candidates) {
    const outcome = outcomeFor(c, stays.get(c.p.id) ?? [], today);
    if (!outcome.row) {
      result.exceptions.push(outcome.exception);
      continue;
    }
    if (outcome.adjustment) result.adjustments.push(outcome.adjustment);
    result.rows.push(outcome.row);
  }
  return result;
}

/** The CSV file: RFC 4180, the DfE's columns then ours. */
export function extractCsv(r: Ssda903Result): { filename: string; body: string } {
  const body = toCsv(
    CSV_COLUMNS,
    r.rows.map((row) => CSV_COLUMNS.map((c) => row[c])),
  );
  return { filename: `ssda903-care-leavers-${r.cy.label}.csv`, body };
}

export function exceptionsReport(r: Ssda903Result, asOf: Date): Ssda903ExceptionsReport {
  return {
    year: r.cy.year,
    collectionStart: r.cy.start,
    collectionEnd: r.cy.end,
    items: r.exceptions,
    total: r.exceptions.length,
    adjustments: r.adjustments,
    notRecorded: NOT_RECORDED,
    scope: {
      inScope: r.inScope,
      rows: r.rows.length,
      exceptions: r.exceptions.length,
      stillLookedAfter: r.stillLookedAfter,
    },
    accomRule: ACCOM_RULE,
    asOf: asOf.toISOString(),
  };
}
