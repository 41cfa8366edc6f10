import fc from 'fast-check';
import { ACCOMMODATION_CODES } from './accommodation';
import {
  ACTIV_CODES,
  contactWindow,
  IN_TOUCH_CODES,
  nearestContact,
  oc3Errors,
  oc3Values,
  type ContactSpan,
  accomCode,
  birthdayAt,
  birthdayIn,
  collectionYear,
  collectionYearOn,
  csvField,
  ddmmyyyy,
  stayAround,
  toCsv,
  type StaySpan,
} from './ssda903';
import { ageOn } from './dates';

describe('collection year', () => {
  it('runs from 1 April to 31 March', () => {
    expect(collectionYear(2025)).toEqual({ year: 2025, start: '2025-04-01', end: '2026-03-31', label: '2025-26' });
    expect(collectionYear(2099).label).toBe('2099-00');
    expect(collectionYearOn('2026-11-30').label).toBe('2026-27');
    expect(collectionYearOn('2027-03-31').label).toBe('2026-27');
    expect(collectionYearOn('2027-04-01').label).toBe('2027-28');
    expect(collectionYearOn('2027-01-01').year).toBe(2026);
  });
});

describe('birthdays', () => {
  it('falls on 1 March for a 29 February birthday in a non-leap year', () => {
    expect(birthdayAt('2008-02-29', 18)).toBe('2026-03-01');
    expect(birthdayAt('2008-02-29', 20)).toBe('2028-02-29');
    expect(birthdayAt('2008-04-01', 17)).toBe('2025-04-01');
  });

  it('finds the one birthday in the year, edges included', () => {
    const cy = collectionYear(2025);
    expect(birthdayIn('2008-04-01', cy)).toEqual({ age: 17, birthday: '2025-04-01' });
    expect(birthdayIn('2005-03-31', cy)).toEqual({ age: 21, birthday: '2026-03-31' });
    expect(birthdayIn('2008-03-31', cy)).toEqual({ age: 18, birthday: '2026-03-31' });
    expect(birthdayIn('2008-02-29', cy)).toEqual({ age: 18, birthday: '2026-03-01' });
  });

  it('agrees with ageOn: the person is that age on the birthday, and one younger the day before', () => {
    const dob = fc
      .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2015-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(dob, fc.integer({ min: 2005, max: 2040 }), (dateOfBirth, year) => {
        const found = birthdayIn(dateOfBirth, collectionYear(year));
        if (!found) return;
        expect(ageOn(dateOfBirth, found.birthday)).toBe(found.age);
        const before = new Date(Date.parse(`${found.birthday}T00:00:00Z`) - 86400_000).toISOString().slice(0, 10);
        expect(ageOn(dateOfBirth, before)).toBe(found.age - 1);
      }),
    );
  });
});

describe('the stay around a birthday', () => {
  const s = (id: string, startedAt: string, endedAt: string | null, code = 'D'): StaySpan => ({
    id,
    accommodationCode: code,
    suitable: true,
    startedAt: new Date(startedAt),
    endedAt: endedAt ? new Date(endedAt) : null,
  });

  it('takes the stay open on the birthday (Europe/London), the last to start that day', () => {
    expect(stayAround([s('a', '2025-01-01T00:00:00Z', null)], '2025-06-10')).toMatchObject({
      stay: { id: 'a' },
      basis: 'on_birthday',
    });
    const moved = [s('a', '2025-06-01T00:00:00Z', '2025-06-10T12:00:00Z'), s('b', '2025-06-10T12:00:00Z', null)];
    expect(stayAround(moved, '2025-06-10')).toMatchObject({ stay: { id: 'b' }, basis: 'on_birthday' });
    // 23:30 UTC on the 9th is 00:30 BST on the 10th.
    expect(stayAround([s('a', '2025-05-01T00:00:00Z', '2025-06-09T23:30:00Z')], '2025-06-10')).toMatchObject({
      basis: 'on_birthday',
    });
    // Ending at exactly 00:00 BST on the birthday is not being there on it.
    expect(stayAround([s('a', '2025-05-01T00:00:00Z', '2025-06-09T23:00:00Z')], '2025-06-10')).toMatchObject({
      basis: 'nearest_before',
      gapMs: 0,
    });
  });

  it('otherwise the nearest within three months, a tie going to the stay before', () => {
    const before = s('before', '2025-01-01T00:00:00Z', '2025-05-31T23:00:00Z'); // ends 00:00 BST 1 June: 9 days before the 10th
    const after = s('after', '2025-06-20T23:00:00Z', null); // starts 00:00 BST 21 June: 10 days after the 11th begins
    expect(stayAround([before, after], '2025-06-10')).toMatchObject({
      stay: { id: 'before' },
      basis: 'nearest_before',
    });
    const tieAfter = s('after', '2025-06-19T23:00:00Z', null); // 00:00 BST on 20 June: 9 days after the 11th
    expect(stayAround([tieAfter, before], '2025-06-10')).toMatchObject({ stay: { id: 'before' } });
    expect(stayAround([s('x', '2025-01-01T00:00:00Z', '2025-03-09T00:00:00Z')], '2025-06-10')).toBeNull();
    expect(stayAround([s('x', '2025-09-11T00:00:00Z', null)], '2025-06-10')).toBeNull();
    expect(stayAround([], '2025-06-10')).toBeNull();
  });
});

describe('ACCOM', () => {
  it('is the letter and the suitability digit, never S1 or X1, and T, W, V never suitable at 17', () => {
    expect(accomCode('D', true, 18)).toEqual({ accom: 'D1', adjusted: null });
    expect(accomCode('W', false, 19)).toEqual({ accom: 'W2', adjusted: null });
    expect(accomCode('W', true, 19)).toEqual({ accom: 'W1', adjusted: null });
    expect(accomCode('S', true, 19)).toEqual({ accom: 'S2', adjusted: 'S is always unsuitable' });
    expect(accomCode('X', true, 21)).toEqual({ accom: 'X2', adjusted: 'X is always unsuitable' });
    for (const code of ['T', 'W', 'V'])
      expect(accomCode(code, true, 17)).toEqual({ accom: `${code}2`, adjusted: `${code} is never suitable under 18` });
    expect(accomCode('T', true, 18).accom).toBe('T1');
  });
});

describe('CSV', () => {
  it('quotes only what RFC 4180 needs and ends every record with CRLF', () => {
    expect(csvField('CL-1001')).toBe('CL-1001');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(
      toCsv(
        ['A', 'B'],
        [
          ['1', null],
          ['x,y', 2],
        ],
      ),
    ).toBe('A,B\r\n1,\r\n"x,y",2\r\n');
    expect(ddmmyyyy('2008-02-29')).toBe('29/02/2008');
  });
});

describe('the contact around a birthday (the DfE window: three months before to one month after)', () => {
  const c = (id: string, at: string, inTouch: ContactSpan['inTouch'] = 'YES', activity: string | null = null) => ({
    id,
    contactedAt: new Date(at),
    inTouch,
    activity,
  });

  it('takes the contact on the day (the latest that day), else the nearest, a tie going to the one before', () => {
    expect(
      nearestContact(
        [c('a', '2025-06-10T08:00:00Z'), c('b', '2025-06-10T18:00:00Z'), c('x', '2025-06-01T08:00:00Z')],
        '2025-06-10',
      )?.id,
    ).toBe('b');
    // 9 days before the day begins vs 9 days after it ends: the one before.
    expect(
      nearestContact([c('after', '2025-06-19T23:00:00Z'), c('before', '2025-05-31T23:00:00Z')], '2025-06-10')?.id,
    ).toBe('before');
    expect(nearestContact([c('a', '2025-07-10T22:59:59Z')], '2025-06-10')?.id).toBe('a'); // 23:59:59 BST on 10 July
    expect(nearestContact([c('a', '2025-07-10T23:00:00Z')], '2025-06-10')).toBeNull(); // 11 July
    expect(nearestContact([c('a', '2025-03-09T23:59:59Z')], '2025-06-10')).toBeNull();
    expect(nearestContact([c('a', '2025-03-10T00:00:00Z')], '2025-06-10')?.id).toBe('a');
    expect(
      nearestContact(
        [c('a', '2025-06-10T08:00:00Z'), c('b', '2025-06-01T08:00:00Z', 'YES', 'F1')],
        '2025-06-10',
        (x) => !!x.activity,
      )?.id,
    ).toBe('b');
  });

  it('never picks a contact outside the window, and picks one whenever one is inside', () => {
    const at = fc.date({
      min: new Date('2024-12-01T00:00:00Z'),
      max: new Date('2025-10-01T00:00:00Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(fc.array(at, { maxLength: 8 }), (dates) => {
        const contacts = dates.map((d, i) => ({
          id: String(i),
          contactedAt: d,
          inTouch: 'YES' as const,
          activity: null,
        }));
        const w = contactWindow('2025-06-10');
        const inside = contacts.filter((x) => x.contactedAt >= w.from && x.contactedAt < w.until);
        const found = nearestContact(contacts, '2025-06-10');
        expect(found === null).toBe(inside.length === 0);
        if (found) expect(inside).toContain(found);
      }),
    );
  });
});

describe('the OC3 values', () => {
  const cy = collectionYear(2025);
  const contact = (inTouch: ContactSpan['inTouch']): ContactSpan => ({
    id: 'c',
    contactedAt: new Date('2025-06-15T10:00:00Z'),
    inTouch,
    activity: null,
  });

  it('fills all three from the DfE lists, or refuses with the reason, whatever is recorded', () => {
    const dob = fc
      .date({ min: new Date('2003-01-01T00:00:00Z'), max: new Date('2010-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    const stay = fc.option(
      fc.record({ accommodationCode: fc.constantFrom(...ACCOMMODATION_CODES), suitable: fc.boolean() }),
    );
    fc.assert(
      fc.property(
        dob,
        fc.option(fc.constantFrom(...IN_TOUCH_CODES)),
        fc.option(fc.constantFrom(...ACTIV_CODES)),
        stay,
        (dateOfBirth, inTouch, activity, s) => {
          const r = oc3Values({ dateOfBirth, cy, contact: inTouch ? contact(inTouch) : null, activity, stay: s });
          if (r.refused) return;
          const row = { DOB: ddmmyyyy(dateOfBirth), ...r.values };
          expect(oc3Errors(row, cy)).toEqual([]);
          expect(r.values.IN_TOUCH).toBe(inTouch);
          expect(['S1', 'X1']).not.toContain(r.values.ACCOM);
          if (inTouch === 'DIED' || inTouch === 'RHOM') expect([r.values.ACTIV, r.values.ACCOM]).toEqual(['0', '0']);
          if (inTouch === 'YES') expect([r.values.ACTIV, r.values.ACCOM]).not.toContain('0');
        },
      ),
    );
  });

  it('refuses what no digit can mend: a foyer under 18 at the start of the year, former foster carers at 17', () => {
    const input = (dateOfBirth: string, accommodationCode: string) => ({
      dateOfBirth,
      cy,
      contact: contact('YES'),
      activity: 'F1',
      stay: { accommodationCode, suitable: false },
    });
    expect(oc3Values(input('2008-06-15', 'T'))).toEqual({ refused: 'foyer_under_18' }); // 17th birthday
    expect(oc3Values(input('2007-06-15', 'T'))).toEqual({ refused: 'foyer_under_18' }); // 18th, but 17 on 1 April
    expect(oc3Values(input('2007-04-01', 'T'))).toMatchObject({ values: { ACCOM: 'T2' } }); // 18 on 1 April
    expect(oc3Values(input('2008-06-15', 'Z'))).toEqual({ refused: 'former_foster_carers_at_17' });
    expect(oc3Values(input('2007-06-15', 'Z'))).toMatchObject({ values: { ACCOM: 'Z2' } });
    expect(oc3Values({ ...input('2007-06-15', 'D'), activity: null })).toEqual({ refused: 'no_activity_recorded' });
    expect(oc3Values({ ...input('2007-06-15', 'D'), stay: null })).toEqual({ refused: 'no_stay_around_birthday' });
    expect(oc3Values({ ...input('2007-06-15', 'D'), contact: null })).toEqual({
      refused: 'no_contact_around_birthday',
    });
  });

  it('names each DfE rule a row breaks', () => {
    const ok = { DOB: '15/06/2007', IN_TOUCH: 'YES', ACTIV: 'F1', ACCOM: 'D1' };
    expect(oc3Errors(ok, cy)).toEqual([]);
    expect(oc3Errors({ ...ok, IN_TOUCH: 'yes' }, cy)).toEqual(['131']);
    expect(oc3Errors({ ...ok, ACTIV: 'F3' }, cy)).toEqual(['132']);
    expect(oc3Errors({ ...ok, ACCOM: 'S1' }, cy)).toEqual(['133']);
    expect(oc3Errors({ ...ok, ACCOM: 'X1' }, cy)).toEqual(['133']);
    expect(oc3Errors({ ...ok, ACTIV: '' }, cy)).toEqual(['132', '153']);
    expect(oc3Errors({ ...ok, IN_TOUCH: 'DIED' }, cy)).toEqual(['344']);
    expect(oc3Errors({ ...ok, IN_TOUCH: 'RHOM', ACTIV: '0' }, cy)).toEqual(['344']);
    expect(oc3Errors({ ...ok, IN_TOUCH: 'DIED', ACTIV: '0', ACCOM: '0' }, cy)).toEqual([]);
    expect(oc3Errors({ ...ok, ACCOM: '0' }, cy)).toEqual(['345']);
    expect(oc3Errors({ ...ok, IN_TOUCH: 'NO', ACTIV: '0', ACCOM: '0' }, cy)).toEqual([]);
    expect(oc3Errors({ ...ok, ACCOM: 'T1' }, cy)).toEqual(['347']);
    expect(oc3Errors({ ...ok, DOB: '15/06/2009' }, cy)).toEqual(['391']);
    expect(oc3Errors({ ...ok, DOB: '15/06/2003' }, cy)).toEqual(['391']);
    expect(oc3Errors({ ...ok, DOB: '15/06/2008', ACCOM: 'Z1' }, cy)).toEqual(['3001']);
    expect(oc3Errors({ ...ok, DOB: '2007-06-15' }, cy)).toEqual(['header']);
    expect(oc3Errors({ ...ok, DOB: '31/02/2007' }, cy)).toEqual(['header']);
  });
});
