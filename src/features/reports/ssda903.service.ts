import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { CLOCK, Clock } from '../../platform/clock';
import { londonDate } from '../../kernel/dates';
import { Ssda903Adjustment, Ssda903Exception, Ssda903ExceptionsReport, Ssda903NotRecorded } from './ssda903.dto';
import {
  accomCode,
  birthdayIn,
  birthdayWindow,
  collectionYear,
  CSV_COLUMNS,
  ddmmyyyy,
  StaySpan,
  stayAround,
  toCsv,
  WINDOW_MONTHS,
  windowDates,
  type CollectionYear,
} from '../../kernel/ssda903';

interface PersonRow {
  id: string;
  reference: string;
  date_of_birth: string;
  legal_status: string;
}
interface StayRow {
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

export interface Ssda903Result {
  cy: CollectionYear;
  rows: Ssda903Row[];
  exceptions: Ssda903Exception[];
  adjustments: Ssda903Adjustment[];
  inScope: number;
  stillLookedAfter: number;
}

/**
 * The SSDA903 care-leaver extract (OC3) for a collection year, read from the young_person and stay
 * tables the rest of the service writes. Rows that cannot be filled are not guessed: they are
 * exceptions, reported separately.
 */
@Injectable()
export class Ssda903Service {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async build(year: number): Promise<Ssda903Result> {
    const cy = collectionYear(year);
    const em = this.em.fork();
    const today = londonDate(this.clock.now());
    // A superset by date of birth (the index on young_person.date_of_birth), narrowed exactly below.
    const people = await em.execute<PersonRow[]>(
      `select id, reference, to_char(date_of_birth, 'YYYY-MM-DD') as date_of_birth, legal_status
         from young_person where date_of_birth between ? and ? order by reference, id`,
      [`${year - 22}-01-01`, `${year + 1 - 17}-12-31`],
    );
    const candidates: { p: PersonRow; age: number; birthday: string }[] = [];
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

    const staysBy = new Map<string, StaySpan[]>();
    if (candidates.length) {
      const from = birthdayWindow(cy.start).from;
      const until = birthdayWindow(cy.end).until;
      for (let i = 0; i < candidates.length; i += 1000) {
        const ids = candidates.slice(i, i + 1000).map((c) => c.p.id);
        const stays = await em.execute<StayRow[]>(
          `select id, young_person_id, accommodation_code, suitable, started_at, ended_at from stay
            where young_person_id in (${ids.map(() => '?').join(', ')}) and started_at < ? and (ended_at is null or ended_at > ?)`,
          [...ids, until, from],
        );
        for (const s of stays) {
          const list = staysBy.get(s.young_person_id) ?? [];
          list.push({
            id: s.id,
            accommodationCode: s.accommodation_code,
            suitable: s.suitable,
            startedAt: new Date(s.started_at),
            endedAt: s.ended_at ? new Date(s.ended_at) : null,
          });
          staysBy.set(s.young_person_id, list);
        }
      }
    }

    const rows: Ssda903Row[] = [];
    const exceptions: Ssda903Exception[] = [];
    const adjustments: Ssda903Adjustment[] = [];
    const nth = (n: number) =>
      `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;
    for (const { p, age, birthday } of candidates) {
      const base = { youngPersonId: p.id, reference: p.reference, birthday, age };
      if (birthday > today) {
        exceptions.push({
          ...base,
          reason: 'birthday_not_reached',
          detail: `The ${nth(age)} birthday on ${birthday} is after today (${today}): nothing can be reported for it yet`,
        });
        continue;
      }
      const found = stayAround(staysBy.get(p.id) ?? [], birthday);
      if (!found) {
        const w = windowDates(birthday);
        exceptions.push({
          ...base,
          reason: 'no_stay_around_birthday',
          detail: `No stay is recorded between ${w.first} and ${w.last} (${WINDOW_MONTHS} months either side of the ${nth(age)} birthday on ${birthday})`,
        });
        continue;
      }
      const { accom, adjusted } = accomCode(found.stay.accommodationCode, found.stay.suitable, age);
      if (adjusted) {
        adjustments.push({
          youngPersonId: p.id,
          reference: p.reference,
          birthday,
          stayId: found.stay.id,
          recorded: `${found.stay.accommodationCode}${found.stay.suitable ? 1 : 2}`,
          reported: accom,
          reason: adjusted,
        });
      }
      rows.push({
        youngPersonId: p.id,
        CHILD: p.reference,
        DOB: ddmmyyyy(p.date_of_birth),
        IN_TOUCH: '',
        ACTIV: '',
        ACCOM: accom,
        BIRTHDAY: age,
        ACCOM_BASIS: found.basis,
      });
    }
    return { cy, rows, exceptions, adjustments, inScope: candidates.length, stillLookedAfter };
  }

  async csv(year: number): Promise<{ filename: string; body: string }> {
    const r = await this.build(year);
    const body = toCsv(
      CSV_COLUMNS,
      r.rows.map((row) => CSV_COLUMNS.map((c) => row[c])),
    );
    return { filename: `ssda903-care-leavers-${r.cy.label}.csv`, body };
  }

  async exceptions(year: number): Promise<Ssda903ExceptionsReport> {
    const r = await this.build(year);
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
      asOf: this.clock.now().toISOString(),
    };
  }
}
