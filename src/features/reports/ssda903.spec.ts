import fc from 'fast-check';
import { collectionYear } from '../../kernel/ssda903';
import {
  buildExtract,
  careLeaversInScope,
  exceptionsReport,
  extractCsv,
  ordinal,
  outcomeFor,
  staysByPerson,
  type PersonRow,
  type StayRow,
} from './ssda903';

const cy = collectionYear(2025);
const person = (id: string, dob: string, legal = 'former_relevant'): PersonRow => ({
  id,
  reference: `CL-${id}`,
  date_of_birth: dob,
  legal_status: legal,
});
const stay = (youngPersonId: string, code: string, suitable: boolean, start: string, end: string | null): StayRow => ({
  id: `${youngPersonId}-${start}`,
  young_person_id: youngPersonId,
  accommodation_code: code,
  suitable,
  started_at: new Date(start),
  ended_at: end ? new Date(end) : null,
});

describe('who is in scope of the year', () => {
  it('takes a 17th to 21st birthday in the year, and counts (not reports) those still looked after', () => {
    const scope = careLeaversInScope(
      [
        person('16', '2009-06-15'), // 16 in the year
        person('17', '2008-06-15'),
        person('21', '2004-06-15'),
        person('22', '2003-06-15'),
        person('la', '2007-06-15', 'eligible'),
      ],
      cy,
    );
    expect(scope.candidates.map((c) => [c.p.id, c.age, c.birthday])).toEqual([
      ['17', 17, '2025-06-15'],
      ['21', 21, '2025-06-15'],
    ]);
    expect(scope.stillLookedAfter).toBe(1);
  });
});

describe('a young person’s row', () => {
  const candidate = (dob: string) => careLeaversInScope([person('p1', dob)], cy).candidates[0];

  it('is the stay open on the birthday, with the digit as recorded', () => {
    const stays = staysByPerson([stay('p1', 'D', true, '2025-01-01T12:00:00Z', null)]).get('p1')!;
    expect(outcomeFor(candidate('2007-06-15'), stays, '2026-01-01')).toEqual({
      row: {
        youngPersonId: 'p1',
        CHILD: 'CL-p1',
        DOB: '15/06/2007',
        IN_TOUCH: '',
        ACTIV: '',
        ACCOM: 'D1',
        BIRTHDAY: 18,
        ACCOM_BASIS: 'on_birthday',
      },
      adjustment: null,
    });
  });

  it('reports a hotel at a 17th birthday as unsuitable, and lists the correction', () => {
    const stays = staysByPerson([stay('p1', 'W', true, '2025-06-01T12:00:00Z', null)]).get('p1')!;
    const outcome = outcomeFor(candidate('2008-06-15'), stays, '2026-01-01');
    expect(outcome.row?.ACCOM).toBe('W2');
    expect(outcome).toMatchObject({
      adjustment: { recorded: 'W1', reported: 'W2', reason: 'W is never suitable under 18' },
    });
  });

  it('is an exception, not a guess, when no stay is recorded around the birthday', () => {
    expect(outcomeFor(candidate('2007-06-15'), [], '2026-01-01')).toEqual({
      exception: {
        youngPersonId: 'p1',
        reference: 'CL-p1',
        birthday: '2025-06-15',
        age: 18,
        reason: 'no_stay_around_birthday',
        detail:
          'No stay is recorded between 2025-03-15 and 2025-09-15 (3 months either side of the 18th birthday on 2025-06-15)',
      },
    });
  });

  it('is an exception while the birthday is still to come', () => {
    expect(outcomeFor(candidate('2007-12-01'), [], '2025-11-30')).toMatchObject({
      exception: {
        reason: 'birthday_not_reached',
        detail: 'The 18th birthday on 2025-12-01 is after today (2025-11-30): nothing can be reported for it yet',
      },
    });
  });

  it('names birthdays in English', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 17, 21, 22, 23, 101].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '17th',
      '21st',
      '22nd',
      '23rd',
      '101st',
    ]);
  });
});

describe('the extract', () => {
  it('puts every young person in scope in the CSV or in the exceptions, once, in reference order', () => {
    const dob = fc
      .date({ min: new Date('2003-01-01T00:00:00Z'), max: new Date('2009-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.array(fc.tuple(dob, fc.boolean(), fc.boolean()), { maxLength: 30 }), (g) => {
        const people = g.map(([d, eligible], i) =>
          person(String(i).padStart(3, '0'), d, eligible ? 'eligible' : 'former_relevant'),
        );
        const stays = g.flatMap(([, , housed], i) =>
          housed ? [stay(String(i).padStart(3, '0'), 'B', true, '2020-01-01T00:00:00Z', null)] : [],
        );
        const scope = careLeaversInScope(people, cy);
        const r = buildExtract(cy, scope, staysByPerson(stays), '2026-06-01');
        const reported = [...r.rows.map((x) => x.CHILD), ...r.exceptions.map((x) => x.reference)].sort();
        expect(reported).toEqual(scope.candidates.map((c) => c.p.reference));
        expect(r.rows.map((x) => x.CHILD)).toEqual([...r.rows.map((x) => x.CHILD)].sort());
        expect(r.inScope + r.stillLookedAfter).toBeLessThanOrEqual(people.length);
      }),
    );
  });

  it('writes the CSV with the DfE columns then ours, and the exceptions report with its counts', () => {
    const scope = careLeaversInScope([person('a', '2007-06-15'), person('b', '2007-07-15')], cy);
    const stays = staysByPerson([stay('a', 'W', false, '2025-06-01T12:00:00Z', null)]);
    const r = buildExtract(cy, scope, stays, '2026-06-01');
    expect(extractCsv(r)).toEqual({
      filename: 'ssda903-care-leavers-2025-26.csv',
      body: 'CHILD,DOB,IN_TOUCH,ACTIV,ACCOM,BIRTHDAY,ACCOM_BASIS\r\nCL-a,15/06/2007,,,W2,18,on_birthday\r\n',
    });
    expect(exceptionsReport(r, new Date('2026-06-01T09:00:00Z'))).toMatchObject({
      year: 2025,
      collectionStart: '2025-04-01',
      collectionEnd: '2026-03-31',
      total: 1,
      items: [{ reference: 'CL-b', reason: 'no_stay_around_birthday' }],
      scope: { inScope: 2, rows: 1, exceptions: 1, stillLookedAfter: 0 },
      asOf: '2026-06-01T09:00:00.000Z',
    });
  });
});
