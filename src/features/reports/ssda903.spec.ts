import fc from 'fast-check';
import { birthdayIn, collectionYear } from '../../kernel/ssda903';
import {
  buildExtract,
  careLeaversInScope,
  contactsByPerson,
  exceptionsReport,
  extractCsv,
  ordinal,
  outcomeFor,
  staysByPerson,
  workingCsv,
  type ContactRow,
  type PersonRow,
  type StayRow,
} from './ssda903';

const cy = collectionYear(2025);
const birthdayOf = (dob: string) => birthdayIn(dob, cy)?.birthday ?? '2025-04-01';
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

const contact = (youngPersonId: string, at: string, inTouch = 'YES', activity: string | null = 'F5'): ContactRow => ({
  id: `${youngPersonId}-c-${at}`,
  young_person_id: youngPersonId,
  contacted_at: new Date(at),
  in_touch: inTouch,
  activity,
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
  const touch = (at: string, inTouch = 'YES', activity: string | null = 'F5') =>
    contactsByPerson([contact('p1', at, inTouch, activity)]).get('p1')!;

  it('is the contact nearest the birthday and the stay open on it, with the digit as recorded', () => {
    const stays = staysByPerson([stay('p1', 'D', true, '2025-01-01T12:00:00Z', null)]).get('p1')!;
    const contacts = contactsByPerson([
      contact('p1', '2025-05-01T10:00:00Z', 'NO', null),
      contact('p1', '2025-06-10T10:00:00Z', 'YES', 'P2'),
    ]).get('p1')!;
    expect(outcomeFor(candidate('2007-06-15'), stays, '2026-01-01', cy, contacts)).toEqual({
      row: {
        youngPersonId: 'p1',
        CHILD: 'CL-p1',
        DOB: '15/06/2007',
        IN_TOUCH: 'YES',
        ACTIV: 'P2',
        ACCOM: 'D1',
        BIRTHDAY: 18,
        ACCOM_BASIS: 'on_birthday',
        CONTACTED_ON: '2025-06-10',
      },
      adjustment: null,
    });
  });

  it('reports 0 and 0 for a young person who died or returned home, and 0 for what is not known when not in touch', () => {
    const stays = staysByPerson([stay('p1', 'D', true, '2025-01-01T12:00:00Z', null)]).get('p1')!;
    for (const code of ['DIED', 'RHOM'])
      expect(
        outcomeFor(candidate('2007-06-15'), stays, '2026-01-01', cy, touch('2025-06-15T10:00:00Z', code, null)).row,
      ).toMatchObject({ IN_TOUCH: code, ACTIV: '0', ACCOM: '0', ACCOM_BASIS: 'none' });
    expect(
      outcomeFor(candidate('2007-06-15'), [], '2026-01-01', cy, touch('2025-06-15T10:00:00Z', 'NO', null)).row,
    ).toMatchObject({ IN_TOUCH: 'NO', ACTIV: '0', ACCOM: '0' });
    expect(
      outcomeFor(candidate('2007-06-15'), stays, '2026-01-01', cy, touch('2025-06-15T10:00:00Z', 'REFU', null)).row,
    ).toMatchObject({ IN_TOUCH: 'REFU', ACTIV: '0', ACCOM: 'D1' });
  });

  it('is an exception when no contact falls in the DfE window (three months before to one month after)', () => {
    const stays = staysByPerson([stay('p1', 'D', true, '2025-01-01T12:00:00Z', null)]).get('p1')!;
    expect(outcomeFor(candidate('2007-06-15'), stays, '2026-01-01', cy, touch('2025-07-16T10:00:00Z'))).toMatchObject({
      exception: {
        reason: 'no_contact_around_birthday',
        detail: expect.stringContaining('between 2025-03-15 and 2025-07-15'),
      },
    });
    expect(
      outcomeFor(candidate('2007-06-15'), stays, '2026-01-01', cy, touch('2025-07-15T10:00:00Z')).row,
    ).toMatchObject({ IN_TOUCH: 'YES' });
    expect(
      outcomeFor(candidate('2007-06-15'), stays, '2026-01-01', cy, touch('2025-03-15T00:00:00Z')).row,
    ).toMatchObject({ IN_TOUCH: 'YES' }); // midnight GMT, the window's first instant
    expect(outcomeFor(candidate('2007-06-15'), stays, '2026-01-01', cy, touch('2025-03-14T23:59:59Z'))).toMatchObject({
      exception: { reason: 'no_contact_around_birthday' },
    });
  });

  it('is an exception when in touch but no activity is recorded', () => {
    const stays = staysByPerson([stay('p1', 'D', true, '2025-01-01T12:00:00Z', null)]).get('p1')!;
    expect(
      outcomeFor(candidate('2007-06-15'), stays, '2026-01-01', cy, touch('2025-06-15T10:00:00Z', 'YES', null)),
    ).toMatchObject({ exception: { reason: 'no_activity_recorded' } });
  });

  it('reports a hotel at a 17th birthday as unsuitable, and lists the correction', () => {
    const stays = staysByPerson([stay('p1', 'W', true, '2025-06-01T12:00:00Z', null)]).get('p1')!;
    const outcome = outcomeFor(candidate('2008-06-15'), stays, '2026-01-01', cy, touch('2025-06-15T10:00:00Z'));
    expect(outcome.row?.ACCOM).toBe('W2');
    expect(outcome).toMatchObject({
      adjustment: { recorded: 'W1', reported: 'W2', reason: 'W is never suitable under 18' },
    });
  });

  it('is an exception, not a guess, when no stay is recorded around the birthday', () => {
    expect(outcomeFor(candidate('2007-06-15'), [], '2026-01-01', cy, touch('2025-06-15T10:00:00Z'))).toEqual({
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
    expect(outcomeFor(candidate('2007-12-01'), [], '2025-11-30', cy)).toMatchObject({
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
        const contacts = g.map(([d], i) => contact(String(i).padStart(3, '0'), `${birthdayOf(d)}T12:00:00Z`));
        const r = buildExtract(cy, scope, staysByPerson(stays), '2026-06-01', contactsByPerson(contacts));
        const reported = [...r.rows.map((x) => x.CHILD), ...r.exceptions.map((x) => x.reference)].sort();
        expect(reported).toEqual(scope.candidates.map((c) => c.p.reference));
        expect(r.rows.map((x) => x.CHILD)).toEqual([...r.rows.map((x) => x.CHILD)].sort());
        expect(r.inScope + r.stillLookedAfter).toBeLessThanOrEqual(people.length);
      }),
    );
  });

  it('writes the OC3 CSV with exactly the DfE columns, the working CSV with ours after them, and the exceptions report with its counts', () => {
    const scope = careLeaversInScope([person('a', '2007-06-15'), person('b', '2007-07-15')], cy);
    const stays = staysByPerson([stay('a', 'W', false, '2025-06-01T12:00:00Z', null)]);
    const contacts = contactsByPerson([
      contact('a', '2025-06-14T12:00:00Z', 'YES', 'G5'),
      contact('b', '2025-07-15T12:00:00Z'),
    ]);
    const r = buildExtract(cy, scope, stays, '2026-06-01', contacts);
    expect(extractCsv(r)).toEqual({
      filename: 'ssda903-care-leavers-2025-26.csv',
      body: 'CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\r\nCL-a,15/06/2007,YES,G5,W2\r\n',
    });
    expect(workingCsv(r)).toEqual({
      filename: 'ssda903-care-leavers-working-2025-26.csv',
      body: 'CHILD,DOB,IN_TOUCH,ACTIV,ACCOM,BIRTHDAY,ACCOM_BASIS,CONTACTED_ON\r\nCL-a,15/06/2007,YES,G5,W2,18,on_birthday,2025-06-14\r\n',
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
