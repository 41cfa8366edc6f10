import fc from 'fast-check';
import {
  accomCode,
  birthdayAt,
  birthdayIn,
  collectionYear,
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
