import fc from 'fast-check';
import { DateTime } from 'luxon';
import { ageOn, isLeapYear, isValidDate, londonDate, londonDayStart, parseDate } from './dates';

const TODAY = '2026-11-23';

describe('dates', () => {
  it('accepts real dates only', () => {
    expect(parseDate('2008-02-29')).toEqual({ year: 2008, month: 2, day: 29 });
    for (const bad of [
      '2007-02-29',
      '2026-13-01',
      '2026-04-31',
      '2026-00-10',
      '2026-1-01',
      '26-01-01',
      '2026-01-01T00:00:00Z',
      '',
    ]) {
      expect(isValidDate(bad)).toBe(false);
    }
    expect(isValidDate('2000-02-29')).toBe(true); // divisible by 400
    expect(isValidDate('1900-02-29')).toBe(false); // divisible by 100
  });
});

describe('ageOn', () => {
  it('counts whole years, the birthday itself included', () => {
    expect(ageOn('2009-06-15', '2026-06-14')).toBe(16);
    expect(ageOn('2009-06-15', '2026-06-15')).toBe(17);
    expect(ageOn('2009-06-15', '2026-12-31')).toBe(17);
    expect(ageOn('2009-06-15', '2009-06-15')).toBe(0);
    expect(ageOn('2009-06-15', '2009-06-14')).toBe(-1);
  });

  it('gives a 29 February birthday on 1 March in non-leap years', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageOn('2008-02-29', '2028-02-28')).toBe(19);
    expect(ageOn('2008-02-29', '2028-02-29')).toBe(20); // a leap year: the real day
  });

  it('rejects dates that are not real', () => {
    expect(() => ageOn('2009-02-30', TODAY)).toThrow(RangeError);
    expect(() => ageOn('2009-01-01', 'yesterday')).toThrow(RangeError);
  });

  const dateArb = fc
    .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

  it('never decreases over time and goes up by exactly one a year', () => {
    fc.assert(
      fc.property(dateArb, dateArb, dateArb, (dob, a, b) => {
        const [x, y] = a <= b ? [a, b] : [b, a];
        expect(ageOn(dob, x)).toBeLessThanOrEqual(ageOn(dob, y));
        const [year, rest] = [Number(y.slice(0, 4)), y.slice(4)];
        if (rest !== '-02-29') expect(ageOn(dob, `${year + 1}${rest}`)).toBe(ageOn(dob, y) + 1);
      }),
    );
  });

  it('agrees with counting anniversaries (29 February falling on 1 March)', () => {
    fc.assert(
      fc.property(dateArb, dateArb, (dob, on) => {
        fc.pre(dob <= on);
        const [by, bm, bd] = dob.split('-').map(Number);
        let age = -1;
        for (let y = by; ; y++) {
          const leap = new Date(Date.UTC(y, 1, 29)).getUTCMonth() === 1;
          const anniversary = bm === 2 && bd === 29 && !leap ? `${y}-03-01` : `${y}${dob.slice(4)}`;
          if (anniversary > on) break;
          age++;
        }
        expect(ageOn(dob, on)).toBe(age);
      }),
    );
  });
});

describe('isLeapYear', () => {
  it('agrees with the calendar: every fourth year, but not centuries unless divisible by 400', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1600, max: 2800 }), (year) => {
        expect(isLeapYear(year)).toBe(new Date(Date.UTC(year, 1, 29)).getUTCMonth() === 1);
      }),
    );
  });
});

describe('londonDate', () => {
  it('is the Europe/London calendar day: GMT in winter, BST (UTC+1) in summer', () => {
    expect(londonDate(new Date('2026-01-15T23:30:00Z'))).toBe('2026-01-15');
    expect(londonDate(new Date('2026-07-15T23:30:00Z'))).toBe('2026-07-16');
    expect(londonDate(new Date('2026-07-15T22:59:59Z'))).toBe('2026-07-15');
  });

  it('changes day with the clocks: the last Sunday of March and of October at 01:00 UTC', () => {
    expect(londonDate(new Date('2026-03-28T23:59:59.999Z'))).toBe('2026-03-28');
    expect(londonDate(new Date('2026-03-29T00:00:00Z'))).toBe('2026-03-29');
    expect(londonDate(new Date('2026-03-29T23:00:00Z'))).toBe('2026-03-30'); // BST: midnight is 23:00 UTC
    expect(londonDate(new Date('2026-10-24T22:59:59.999Z'))).toBe('2026-10-24');
    expect(londonDate(new Date('2026-10-24T23:00:00Z'))).toBe('2026-10-25');
    expect(londonDate(new Date('2026-10-25T23:30:00Z'))).toBe('2026-10-25'); // GMT again
  });

  it('answers what luxon answers for any instant, near the clock changes included', () => {
    const changes = [
      Date.UTC(2026, 2, 29, 1),
      Date.UTC(2026, 9, 25, 1),
      Date.UTC(1971, 9, 31, 2),
      Date.UTC(2099, 2, 29, 1),
    ];
    const instant = fc.oneof(
      fc.integer({ min: Date.UTC(1890, 0, 1), max: Date.UTC(9100, 0, 1) }),
      fc
        .tuple(fc.constantFrom(...changes), fc.integer({ min: -2 * 86_400_000, max: 2 * 86_400_000 }))
        .map(([c, d]) => c + d),
    );
    fc.assert(
      fc.property(instant, (t) => {
        const at = new Date(t);
        expect(londonDate(at)).toBe(DateTime.fromJSDate(at, { zone: 'Europe/London' }).toISODate());
        expect(londonDate(at)).toBe(londonDate(new Date(t))); // the second answer, from the hour's cached offset
      }),
      { numRuns: 2000 },
    );
  });
});

describe('londonDayStart', () => {
  it('is London midnight, which is 23:00 UTC the day before in summer', () => {
    expect(londonDayStart('2026-01-15').toISOString()).toBe('2026-01-15T00:00:00.000Z');
    expect(londonDayStart('2026-07-15').toISOString()).toBe('2026-07-14T23:00:00.000Z');
  });

  it('adds days and months on the calendar, across the clock change', () => {
    expect(londonDayStart('2026-03-28', 1).toISOString()).toBe('2026-03-29T00:00:00.000Z'); // the clocks go forward at 01:00
    expect(londonDayStart('2026-03-28', 2).toISOString()).toBe('2026-03-29T23:00:00.000Z');
    expect(londonDayStart('2026-01-31', 0, 1).toISOString()).toBe('2026-02-28T00:00:00.000Z');
  });

  it('is the start of the day londonDate names', () => {
    const dateArb = fc
      .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(dateArb, (date) => {
        const start = londonDayStart(date);
        expect(londonDate(start)).toBe(date);
        expect(londonDate(new Date(start.getTime() - 1))).not.toBe(date);
      }),
    );
  });
});
