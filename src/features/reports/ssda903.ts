import {
  birthdayIn,
  CONTACT_MONTHS_AFTER,
  CONTACT_MONTHS_BEFORE,
  contactWindowDates,
  ddmmyyyy,
  nearestContact,
  OC3_COLUMNS,
  oc3Values,
  stayAround,
  toCsv,
  WINDOW_MONTHS,
  windowDates,
  WORKING_COLUMNS,
  type CollectionYear,
  type ContactSpan,
  type InTouchCode,
  type Oc3Refusal,
  type StaySpan,
} from '../../kernel/ssda903';
import { londonDate } from '../../kernel/dates';
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

export interface ContactRow {
  id: string;
  young_person_id: string;
  contacted_at: Date;
  in_touch: string;
  activity: string | null;
}

export interface Ssda903Row {
  youngPersonId: string;
  CHILD: string;
  DOB: string;
  IN_TOUCH: string;
  ACTIV: string;
  ACCOM: string;
  BIRTHDAY: number;
  /** How ACCOM was found: on_birthday, nearest_before, nearest_after, or none (ACCOM 0). */
  ACCOM_BASIS: string;
  /** The Europe/London day of the contact IN_TOUCH comes from. */
  CONTACTED_ON: string;
}

/** Every OC3 column is now recorded (contacts give IN_TOUCH and ACTIV, stays ACCOM): nothing is left blank. */
export const NOT_RECORDED: Ssda903NotRecorded[] = [];

export const IN_TOUCH_RULE =
  `IN_TOUCH is the keeping-in-touch contact nearest the birthday between ${CONTACT_MONTHS_BEFORE} months before and ${CONTACT_MONTHS_AFTER} month after it (the DfE's window; on the day counts as nearest, a tie goes to the contact before); ` +
  'ACTIV is the activity of the nearest contact in the same window that records one. DIED and RHOM report ACTIV and ACCOM as 0; YES needs an activity and a stay (never 0); NO, REFU and NREQ report 0 for what is not known. ' +
  'A row that cannot be filled, or would break a DfE rule (a foyer under 18, former foster carers at 17), is an exception and is left out of the CSV.';

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

/** Each young person's keeping-in-touch contacts, as the kernel's spans. */
export function contactsByPerson(contacts: ContactRow[]): Map<string, ContactSpan[]> {
  const by = new Map<string, ContactSpan[]>();
  for (const c of contacts) {
    const list = by.get(c.young_person_id) ?? [];
    list.push({
      id: c.id,
      contactedAt: new Date(c.contacted_at),
      inTouch: c.in_touch as InTouchCode,
      activity: c.activity,
    });
    by.set(c.young_person_id, list);
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

const REFUSAL_DETAIL: Record<Exclude<Oc3Refusal, 'no_stay_around_birthday'>, string> = {
  no_contact_around_birthday:
    'No keeping-in-touch contact is recorded between {first} and {last} (the DfE’s window around the {nth} birthday on {birthday}): record one',
  no_activity_recorded:
    'The young person was in touch (YES) but no contact between {first} and {last} records their activity (ACTIV cannot be 0 when in touch): record it',
  foyer_under_18:
    'The accommodation around the {nth} birthday is a foyer (T) and the young person was under 18 at the start of the year: the DfE refuses a foyer under 18 (rule 347); check the stay',
  former_foster_carers_at_17:
    'The accommodation around the 17th birthday is with former foster carers (Z), which cannot be so at 17 (rule 3001): check the stay and the legal status',
  breaks_dfe_rule: 'The row would break the DfE’s rule(s) {rules}: check the record',
};

/** Why a row was refused, in words, with the dates of the window concerned. */
function refusalDetail(refused: Oc3Refusal, rules: string[], age: number, birthday: string): string {
  if (refused === 'no_stay_around_birthday') {
    const w = windowDates(birthday);
    return `No stay is recorded between ${w.first} and ${w.last} (${WINDOW_MONTHS} months either side of the ${ordinal(age)} birthday on ${birthday})`;
  }
  const w = contactWindowDates(birthday);
  return REFUSAL_DETAIL[refused]
    .replace('{first}', w.first)
    .replace('{last}', w.last)
    .replace('{nth}', ordinal(age))
    .replace('{birthday}', birthday)
    .replace('{rules}', rules.join(', '));
}

/** One young person's row from the contacts and the stay around their birthday, or why there cannot be one yet or at all. */
export function outcomeFor(
  { p, age, birthday }: Candidate,
  stays: StaySpan[],
  today: string,
  cy: CollectionYear,
  contacts: ContactSpan[] = [],
): Outcome {
  const base = { youngPersonId: p.id, reference: p.reference, birthday, age };
  if (birthday > today) {
    const detail = `The ${ordinal(age)} birthday on ${birthday} is after today (${today}): nothing can be reported for it yet`;
    return { exception: { ...base, reason: 'birthday_not_reached', detail } };
  }
  const found = stayAround(stays, birthday);
  const contact = nearestContact(contacts, birthday);
  const activity = nearestContact(contacts, birthday, (c) => !!c.activity)?.activity ?? null;
  const decided = oc3Values({ dateOfBirth: p.date_of_birth, cy, contact, activity, stay: found?.stay ?? null });
  if (decided.refused) {
    const detail = refusalDetail(decided.refused, decided.rules ?? [], age, birthday);
    return {
      exception: { ...base, reason: decided.refused, detail, ...(decided.rules ? { rules: decided.rules } : {}) },
    };
  }
  const { values, adjusted } = decided;
  const adjustment =
    adjusted && found
      ? {
          youngPersonId: p.id,
          reference: p.reference,
          birthday,
          stayId: found.stay.id,
          recorded: `${found.stay.accommodationCode}${found.stay.suitable ? 1 : 2}`,
          reported: values.ACCOM,
          reason: adjusted,
        }
      : null;
  const row: Ssda903Row = {
    youngPersonId: p.id,
    CHILD: p.reference,
    DOB: ddmmyyyy(p.date_of_birth),
    ...values,
    BIRTHDAY: age,
    ACCOM_BASIS: values.ACCOM === '0' ? 'none' : found!.basis,
    CONTACTED_ON: londonDate(contact!.contactedAt),
  };
  return { row, adjustment };
}

/** The extract for the year: rows, exceptions and adjustments in the candidates' order (by reference). */
export function buildExtract(
  cy: CollectionYear,
  scope: { candidates: Candidate[]; stillLookedAfter: number },
  stays: Map<string, StaySpan[]>,
  today: string,
  contacts: Map<string, ContactSpan[]> = new Map(),
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
    const outcome = outcomeFor(c, stays.get(c.p.id) ?? [], today, cy, contacts.get(c.p.id) ?? []);
    if (!outcome.row) {
      result.exceptions.push(outcome.exception);
      continue;
    }
    if (outcome.adjustment) result.adjustments.push(outcome.adjustment);
    result.rows.push(outcome.row);
  }
  return result;
}

/** What the return for a collection year says about one young person: not in it (and why), or their row or exception. */
export type PersonReturn = { cy: CollectionYear } & (
  | { inScope: false; why: 'no_birthday_in_scope' | 'still_looked_after' }
  | ({ inScope: true; age: number; birthday: string } & Outcome)
);

/** One young person's part of the extract, by the same scope and row rules as `buildExtract`. */
export function personReturn(
  p: PersonRow,
  cy: CollectionYear,
  stays: StaySpan[],
  today: string,
  contacts: ContactSpan[],
): PersonReturn {
  const scope = careLeaversInScope([p], cy);
  const c = scope.candidates[0];
  if (!c) return { cy, inScope: false, why: scope.stillLookedAfter ? 'still_looked_after' : 'no_birthday_in_scope' };
  return { cy, inScope: true, age: c.age, birthday: c.birthday, ...outcomeFor(c, stays, today, cy, contacts) };
}

/** The OC3 file to upload: RFC 4180, exactly the DfE's five columns, nothing else. */
export function extractCsv(r: Ssda903Result): { filename: string; body: string } {
  const body = toCsv(
    OC3_COLUMNS,
    r.rows.map((row) => OC3_COLUMNS.map((c) => row[c])),
  );
  return { filename: `ssda903-care-leavers-${r.cy.label}.csv`, body };
}

/** The working file (not for upload): the same rows, the DfE's columns then which birthday, how ACCOM was found and the contact's day. */
export function workingCsv(r: Ssda903Result): { filename: string; body: string } {
  const body = toCsv(
    WORKING_COLUMNS,
    r.rows.map((row) => WORKING_COLUMNS.map((c) => row[c])),
  );
  return { filename: `ssda903-care-leavers-working-${r.cy.label}.csv`, body };
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
    inTouchRule: IN_TOUCH_RULE,
    asOf: asOf.toISOString(),
  };
}
