import fc from 'fast-check';
import { DateTime } from 'luxon';
import { hoursSpoken, ukDate, ukDateTime, words } from './format';

/** What luxon says, the reference: UK time, three-letter months whatever the machine's locale. */
const luxon = (value: Date | string, format: string) =>
  (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? DateTime.fromISO(value, { zone: 'Europe/London', locale: 'en-US' })
    : DateTime.fromJSDate(new Date(value), { zone: 'Europe/London' }).setLocale('en-US')
  ).toFormat(format);

/** Instants from 1890 to 9010 (past both ends of the fast path), many within an hour of a clock change. */
const instants = fc.oneof(
  fc.integer({ min: Date.UTC(1890, 0, 1), max: Date.UTC(9010, 0, 1) }),
  fc
    .tuple(fc.integer({ min: 1970, max: 2100 }), fc.constantFrom(2, 9), fc.integer({ min: 24, max: 31 }))
    .chain(([year, month, day]) =>
      fc.integer({ min: -2 * 3_600_000, max: 3 * 3_600_000 }).map((ms) => Date.UTC(year, month, day, 1) + ms),
    ),
);

/** `YYYY-MM-DD` strings, real days and not (30 February, month 13), from year 0001 to 9999. */
const calendarDates = fc
  .tuple(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 13 }), fc.integer({ min: 1, max: 31 }))
  .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);

describe('how pages write dates and durations', () => {
  it('writes instants in UK time, across the clock change', () => {
    expect(ukDateTime('2026-07-01T15:00:00Z')).toBe('Wed 1 Jul 2026, 16:00');
    expect(ukDateTime('2026-12-01T15:00:00Z')).toBe('Tue 1 Dec 2026, 15:00');
    expect(ukDateTime(null)).toBe('');
  });

  it('writes calendar dates as they are, and instants as their UK day', () => {
    expect(ukDate('2026-12-04')).toBe('4 December 2026');
    expect(ukDate('2026-06-30T23:30:00Z')).toBe('1 July 2026');
    expect(ukDate(undefined)).toBe('');
  });

  it('answers the same for an instant however often, whether given as a Date or a string', () => {
    const at = new Date('2026-03-29T00:30:00Z');
    for (let i = 0; i < 3; i++) {
      expect(ukDateTime(at)).toBe('Sun 29 Mar 2026, 00:30');
      expect(ukDateTime(at.toISOString())).toBe('Sun 29 Mar 2026, 00:30');
      expect(ukDateTime(new Date('2026-03-29T01:30:00Z'))).toBe('Sun 29 Mar 2026, 02:30');
      expect(ukDate('2026-03-29')).toBe('29 March 2026');
      expect(ukDate(at)).toBe('29 March 2026');
    }
  });

  it('writes every instant, as a Date or an ISO string, as luxon does in UK time', () => {
    fc.assert(
      fc.property(instants, (t) => {
        const at = new Date(t);
        const dateTime = luxon(at, 'ccc d LLL yyyy, HH:mm');
        const date = luxon(at, 'd LLLL yyyy');
        expect(ukDateTime(at)).toBe(dateTime);
        expect(ukDateTime(at.toISOString())).toBe(dateTime);
        expect(ukDate(at)).toBe(date);
        expect(ukDate(at.toISOString())).toBe(date);
      }),
      { numRuns: 2000 },
    );
  });

  it('writes every calendar date as luxon does, and one that is not a real day as luxon does too', () => {
    fc.assert(
      fc.property(calendarDates, (d) => {
        expect(ukDate(d)).toBe(luxon(d, 'd LLLL yyyy'));
        expect(ukDateTime(d)).toBe(luxon(d, 'ccc d LLL yyyy, HH:mm'));
      }),
      { numRuns: 2000, examples: [['2026-02-30'], ['2024-02-29'], ['2026-13-01'], ['1899-12-31'], ['1900-01-01']] },
    );
    expect(ukDate('2026-09-04')).toBe('4 September 2026');
    expect(ukDateTime('2026-09-04T10:00:00Z')).toBe('Fri 4 Sep 2026, 11:00');
  });

  it('speaks hours as days and hours', () => {
    expect(hoursSpoken(0.5)).toBe('under an hour');
    expect(hoursSpoken(1)).toBe('1 hour');
    expect(hoursSpoken(23.9)).toBe('23 hours');
    expect(hoursSpoken(24)).toBe('1 day');
    expect(hoursSpoken(77)).toBe('3 days 5 hours');
  });

  it('turns codes into words', () => expect(words('head_of_service')).toBe('head of service'));
});
