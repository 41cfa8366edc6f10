import fc from 'fast-check';
import { DateTime } from 'luxon';
import { parseDuration, type FixedDuration } from './duration';
import {
  addCalendarDuration,
  bankHolidays,
  dayNumber,
  dueAfter,
  LONDON,
  londonInstant,
  WorkingCalendar,
} from './working-days';

const cal = new WorkingCalendar();
const at = (iso: string): Date => new Date(iso);
/** Europe/London wall clock of an instant, e.g. "Mon 2026-03-30 10:00 +01:00". */
const local = (d: Date): string => DateTime.fromJSDate(d, { zone: LONDON }).toFormat('ccc yyyy-MM-dd HH:mm ZZ');
const fixed = (text: string): FixedDuration => parseDuration(text) as FixedDuration;

describe('WorkingCalendar.isWorkingDay', () => {
  it('treats Saturdays and Sundays as non-working days', () => {
    expect(['2026-01-09', '2026-01-10', '2026-01-11', '2026-01-12'].map((d) => cal.isWorkingDay(d))).toEqual([
      true,
      false,
      false,
      true,
    ]);
  });

  it('skips Good Friday and Easter Monday 2026 (3 and 6 April)', () => {
    expect(['2026-04-02', '2026-04-03', '2026-04-06', '2026-04-07'].map((d) => cal.isWorkingDay(d))).toEqual([
      true,
      false,
      false,
      true,
    ]);
  });

  it('skips Christmas Day and Boxing Day, and the substitute days when they fall on a weekend (27-28 Dec 2027)', () => {
    expect(cal.isWorkingDay('2026-12-25')).toBe(false);
    expect(cal.isWorkingDay('2026-12-28')).toBe(false); // Boxing Day 2026 is a Saturday
    expect(['2027-12-24', '2027-12-27', '2027-12-28', '2027-12-29'].map((d) => cal.isWorkingDay(d))).toEqual([
      true,
      false,
      false,
      true,
    ]);
  });

  it('takes bank holidays from date-holidays (public ones only), not a hand-typed list', () => {
    expect(bankHolidays(2026)).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
      '2026-12-25',
      '2026-12-26',
      '2026-12-28',
    ]);
  });

  it('skips a council closure day', () => {
    const council = new WorkingCalendar(['2026-01-12']);
    expect(council.isWorkingDay('2026-01-12')).toBe(false);
    expect(council.isWorkingDay('2026-01-13')).toBe(true);
    expect(cal.isWorkingDay('2026-01-12')).toBe(true);
  });

  it('refuses dates that are not YYYY-MM-DD calendar dates', () => {
    expect(() => cal.isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => cal.isWorkingDay('12/01/2026')).toThrow(RangeError);
    expect(() => new WorkingCalendar(['2026-13-01'])).toThrow(RangeError);
  });
});

describe('WorkingCalendar.addWorkingDays', () => {
  it('returns the start unchanged for 0 working days, even on a weekend', () => {
    expect(cal.addWorkingDays(at('2026-01-10T14:00:00Z'), 0)).toEqual(at('2026-01-10T14:00:00Z'));
  });

  it('skips the weekend: Friday 10:00 + 1 = Monday 10:00, + 5 = next Friday', () => {
    expect(cal.addWorkingDays(at('2026-01-09T10:00:00Z'), 1)).toEqual(at('2026-01-12T10:00:00Z'));
    expect(cal.addWorkingDays(at('2026-01-09T10:00:00Z'), 5)).toEqual(at('2026-01-16T10:00:00Z'));
  });

  it('counts from the following days when the start is on a weekend or holiday', () => {
    expect(cal.addWorkingDays(at('2026-01-10T14:00:00Z'), 1)).toEqual(at('2026-01-12T14:00:00Z')); // Saturday → Monday
    expect(cal.addWorkingDays(at('2026-04-03T09:00:00Z'), 1)).toEqual(at('2026-04-07T09:00:00Z')); // Good Friday → Tuesday
  });

  it('skips Good Friday, the weekend and Easter Monday: Thursday 2 April 2026 + 1 = Tuesday 7 April', () => {
    expect(local(cal.addWorkingDays(at('2026-04-02T08:00:00Z'), 1))).toBe('Tue 2026-04-07 09:00 +01:00');
  });

  it('skips Christmas and the substitute days: Friday 24 Dec 2027 + 1 = Wednesday 29 Dec 2027', () => {
    expect(local(cal.addWorkingDays(at('2027-12-24T15:00:00Z'), 1))).toBe('Wed 2027-12-29 15:00 +00:00');
    expect(local(cal.addWorkingDays(at('2026-12-24T15:00:00Z'), 1))).toBe('Tue 2026-12-29 15:00 +00:00');
  });

  it('skips a council closure day', () => {
    const council = new WorkingCalendar(['2026-01-12']);
    expect(council.addWorkingDays(at('2026-01-09T10:00:00Z'), 1)).toEqual(at('2026-01-13T10:00:00Z'));
  });

  it('keeps the wall-clock time across spring forward: Friday 27 Mar 2026 10:00 GMT + 1 = Monday 30 Mar 10:00 BST', () => {
    const due = cal.addWorkingDays(at('2026-03-27T10:00:00Z'), 1);
    expect(local(due)).toBe('Mon 2026-03-30 10:00 +01:00');
    expect(due).toEqual(at('2026-03-30T09:00:00Z')); // 71 elapsed hours
  });

  it('keeps the wall-clock time across spring forward and Easter 2027: Thursday 25 Mar 10:00 GMT + 1 = Tuesday 30 Mar 10:00 BST', () => {
    // 26 Mar is Good Friday, clocks go forward on 28 Mar, 29 Mar is Easter Monday.
    expect(local(cal.addWorkingDays(at('2027-03-25T10:00:00Z'), 1))).toBe('Tue 2027-03-30 10:00 +01:00');
  });

  it('keeps the wall-clock time across fall back: Friday 29 Oct 2027 10:00 BST + 1 = Monday 1 Nov 10:00 GMT', () => {
    const due = cal.addWorkingDays(at('2027-10-29T09:00:00Z'), 1);
    expect(local(due)).toBe('Mon 2027-11-01 10:00 +00:00');
    expect(due).toEqual(at('2027-11-01T10:00:00Z')); // 73 elapsed hours
  });

  it('refuses negative or fractional counts', () => {
    expect(() => cal.addWorkingDays(at('2026-01-09T10:00:00Z'), -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays(at('2026-01-09T10:00:00Z'), 1.5)).toThrow(RangeError);
  });
});

describe('WorkingCalendar.workingDaysElapsed', () => {
  it('is 0 before the start and until the first working day reaches the start time', () => {
    const start = at('2026-01-09T16:00:00Z'); // Friday 16:00
    expect(cal.workingDaysElapsed(start, at('2026-01-08T16:00:00Z'))).toBe(0);
    expect(cal.workingDaysElapsed(start, at('2026-01-12T15:59:59.999Z'))).toBe(0);
    expect(cal.workingDaysElapsed(start, at('2026-01-12T16:00:00Z'))).toBe(1);
    expect(cal.workingDaysElapsed(start, at('2026-01-17T12:00:00Z'))).toBe(5); // Saturday after
  });

  it('follows the wall clock across spring forward', () => {
    const start = at('2026-03-27T10:00:00Z'); // Friday 10:00 GMT
    expect(cal.workingDaysElapsed(start, at('2026-03-30T08:59:59Z'))).toBe(0);
    expect(cal.workingDaysElapsed(start, at('2026-03-30T09:00:00Z'))).toBe(1); // Monday 10:00 BST
  });

  it('counts a long stay across holidays and closures', () => {
    const council = new WorkingCalendar(['2026-06-01', '2026-06-06']); // a Monday and a Saturday
    // (Fri 2 Jan 2026, Sat 2 Jan 2027]: 260 weekdays, less 8 weekday bank holidays (7 left in 2026, as
    // 26 Dec is a Saturday, plus 1 Jan 2027), less the Monday closure (the Saturday one changes nothing).
    expect(council.workingDaysElapsed(at('2026-01-02T09:00:00Z'), at('2027-01-02T09:00:00Z'))).toBe(260 - 8 - 1);
  });

  it('is fast enough for a report over thousands of long stays', () => {
    const t0 = performance.now();
    for (let i = 0; i < 5000; i += 1) {
      cal.workingDaysElapsed(new Date(Date.UTC(2025, 0, 1) + i * 3_600_000), at('2026-11-23T12:00:00Z'));
    }
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe('addCalendarDuration and dueAfter', () => {
  it('adds calendar days at the same wall-clock time: P3D across spring forward is 71 hours', () => {
    expect(addCalendarDuration(at('2026-03-27T10:00:00Z'), fixed('P3D'))).toEqual(at('2026-03-30T09:00:00Z'));
  });

  it('adds hours as elapsed time: PT72H across spring forward reads 11:00 BST', () => {
    expect(local(addCalendarDuration(at('2026-03-27T10:00:00Z'), fixed('PT72H')))).toBe('Mon 2026-03-30 11:00 +01:00');
  });

  it('adds the days part, then the time part: P1DT2H from Saturday 28 Mar 2026 23:00 GMT', () => {
    // Sunday 29 Mar 23:00 BST (22:00Z), then 2 elapsed hours.
    expect(addCalendarDuration(at('2026-03-28T23:00:00Z'), fixed('P1DT2H'))).toEqual(at('2026-03-30T00:00:00Z'));
  });

  it('moves a time in the spring-forward gap forward by an hour: 01:30 + P1D on 29 Mar 2026 is 02:30 BST', () => {
    expect(local(addCalendarDuration(at('2026-03-28T01:30:00Z'), fixed('P1D')))).toBe('Sun 2026-03-29 02:30 +01:00');
  });

  it('takes the first (BST) occurrence of a time repeated at fall back: 01:30 + P1D on 25 Oct 2026', () => {
    expect(addCalendarDuration(at('2026-10-24T00:30:00Z'), fixed('P1D'))).toEqual(at('2026-10-25T00:30:00Z'));
    expect(londonInstant(dayNumber('2027-10-31'), DateTime.fromObject({ hour: 1, minute: 30 }))).toEqual(
      at('2027-10-31T00:30:00Z'),
    );
  });

  it('dispatches on the kind of duration', () => {
    const friday = at('2026-01-09T16:00:00Z');
    expect(dueAfter(friday, parseDuration('P1WD')!, cal)).toEqual(at('2026-01-12T16:00:00Z'));
    expect(dueAfter(friday, parseDuration('P1D')!, cal)).toEqual(at('2026-01-10T16:00:00Z'));
    expect(dueAfter(friday, parseDuration('PT0S')!, cal)).toEqual(friday);
    expect(dueAfter(friday, parseDuration('P0WD')!, cal)).toEqual(friday);
  });
});

describe('working-day properties', () => {
  // Instants from 2025 to 2030 at whole-minute resolution, plus random closure days in that range.
  const instant = fc
    .integer({ min: Date.UTC(2025, 0, 1) / 60_000, max: Date.UTC(2030, 11, 31) / 60_000 })
    .map((m) => new Date(m * 60_000));
  const closures = fc
    .uniqueArray(fc.integer({ min: dayNumber('2025-01-01'), max: dayNumber('2031-06-30') }), { maxLength: 20 })
    .map((days) => new WorkingCalendar(days.map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10))));
  const n = fc.integer({ min: 0, max: 300 });
  const wall = (d: Date) => DateTime.fromJSDate(d, { zone: LONDON });

  it('addWorkingDays is strictly increasing in n', () => {
    fc.assert(
      fc.property(
        closures,
        instant,
        n,
        (c, start, k) => c.addWorkingDays(start, k + 1).getTime() > c.addWorkingDays(start, k).getTime(),
      ),
    );
  });

  it('lands on a working day at the start’s local time of day', () => {
    fc.assert(
      fc.property(closures, instant, fc.integer({ min: 1, max: 300 }), (c, start, k) => {
        const due = wall(c.addWorkingDays(start, k));
        // Working days are never Sundays, the only days whose wall-clock times can be missing or repeated.
        return (
          c.isWorkingDay(due.toISODate()!) && due.toFormat('HH:mm:ss.SSS') === wall(start).toFormat('HH:mm:ss.SSS')
        );
      }),
    );
  });

  it('workingDaysElapsed(start, addWorkingDays(start, n)) === n, and n - 1 a millisecond earlier', () => {
    fc.assert(
      fc.property(closures, instant, n, (c, start, k) => {
        const due = c.addWorkingDays(start, k);
        return (
          c.workingDaysElapsed(start, due) === k &&
          (k === 0 || c.workingDaysElapsed(start, new Date(due.getTime() - 1)) === k - 1)
        );
      }),
    );
  });

  it('workingDaysElapsed is the largest k with addWorkingDays(start, k) <= now', () => {
    fc.assert(
      fc.property(closures, instant, fc.integer({ min: -86_400_000, max: 90 * 86_400_000 }), (c, start, offset) => {
        const now = new Date(start.getTime() + offset);
        let k = 0;
        while (c.addWorkingDays(start, k + 1).getTime() <= now.getTime()) k += 1;
        return c.workingDaysElapsed(start, now) === k;
      }),
    );
  });

  it('workingDaysElapsed is monotonic in now', () => {
    fc.assert(
      fc.property(closures, instant, instant, instant, (c, start, a, b) => {
        const [early, late] = a.getTime() <= b.getTime() ? [a, b] : [b, a];
        return c.workingDaysElapsed(start, early) <= c.workingDaysElapsed(start, late);
      }),
    );
  });
});
