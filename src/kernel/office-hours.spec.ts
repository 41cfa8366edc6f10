import fc from 'fast-check';
import { DateTime } from 'luxon';
import { LONDON } from './dates';
import { londonTimeOn, nextWorkingDay, openingOnOrAfter, withinOfficeHours } from './office-hours';
import { WorkingCalendar } from './working-days';

const cal = new WorkingCalendar(['2026-12-29']);
const at = (iso: string) => new Date(iso);

describe('withinOfficeHours', () => {
  it('keeps a time within office hours on a working day', () => {
    expect(withinOfficeHours(at('2026-11-30T10:15:00Z'), cal)).toEqual(at('2026-11-30T10:15:00Z'));
  });

  it('moves an evening to the next opening, a weekend to Monday, a bank holiday and a closure day past them', () => {
    expect(withinOfficeHours(at('2026-11-30T18:00:00Z'), cal)).toEqual(at('2026-12-01T09:00:00Z'));
    expect(withinOfficeHours(at('2026-12-05T12:00:00Z'), cal)).toEqual(at('2026-12-07T09:00:00Z'));
    // Christmas Day (Friday), Boxing Day substitute (Monday 28th) and the council's closure on the 29th.
    expect(withinOfficeHours(at('2026-12-24T17:30:00Z'), cal)).toEqual(at('2026-12-30T09:00:00Z'));
  });

  it('moves an early morning to that day’s opening, in London time across the clock change', () => {
    expect(withinOfficeHours(at('2026-03-30T06:00:00Z'), cal)).toEqual(at('2026-03-30T08:00:00Z')); // 09:00 BST
    expect(withinOfficeHours(at('2026-11-30T08:59:00Z'), cal)).toEqual(at('2026-11-30T09:00:00Z'));
  });

  it('reads the London wall clock to the minute: 16:59:59 is still open, 17:00 is closed, 08:59:59 waits for 09:00', () => {
    expect(withinOfficeHours(at('2026-11-30T16:59:59.999Z'), cal)).toEqual(at('2026-11-30T16:59:59.999Z'));
    expect(withinOfficeHours(at('2026-11-30T17:00:00Z'), cal)).toEqual(at('2026-12-01T09:00:00Z'));
    expect(withinOfficeHours(at('2026-11-30T08:59:59.999Z'), cal)).toEqual(at('2026-11-30T09:00:00Z'));
    expect(withinOfficeHours(at('2026-06-30T15:59:59Z'), cal)).toEqual(at('2026-06-30T15:59:59Z')); // 16:59:59 BST
    expect(withinOfficeHours(at('2026-06-30T16:00:00Z'), cal)).toEqual(at('2026-07-01T08:00:00Z')); // 17:00 BST
  });

  it('leaves a time unchanged exactly when London clocks show it within office hours on a working day', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2026-01-01'), max: new Date('2028-12-31'), noInvalidDate: true }), (d) => {
        const local = DateTime.fromJSDate(d, { zone: LONDON });
        const open =
          cal.isWorkingDay(local.toISODate()!) &&
          local.toFormat('HH:mm') >= '09:00' &&
          local.toFormat('HH:mm') < '17:00';
        expect(withinOfficeHours(d, cal).getTime() === d.getTime()).toBe(open);
      }),
    );
  });

  it('always answers a time within office hours on a working day, never earlier than asked', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2026-01-01'), max: new Date('2028-12-31'), noInvalidDate: true }), (d) => {
        const due = withinOfficeHours(d, cal);
        expect(due.getTime()).toBeGreaterThanOrEqual(d.getTime());
        const local = DateTime.fromJSDate(due, { zone: LONDON });
        expect(cal.isWorkingDay(local.toISODate()!)).toBe(true);
        expect(local.toFormat('HH:mm') >= '09:00' && local.toFormat('HH:mm') < '17:00').toBe(true);
        expect(due.getTime() - d.getTime()).toBeLessThan(12 * 86400_000);
      }),
    );
  });
});

describe('openingOnOrAfter', () => {
  it('is the opening of that day when it is a working day, else of the next one', () => {
    expect(openingOnOrAfter('2026-12-01', cal)).toEqual(at('2026-12-01T09:00:00Z'));
    expect(openingOnOrAfter('2026-12-26', cal)).toEqual(at('2026-12-30T09:00:00Z'));
    expect(openingOnOrAfter('2026-12-01', cal, { opens: '08:30', closes: '16:30' })).toEqual(
      at('2026-12-01T08:30:00Z'),
    );
  });
});

describe('londonTimeOn and nextWorkingDay', () => {
  it('answers the London wall-clock instant, the same on every call, as a fresh Date the caller may change', () => {
    const first = londonTimeOn('2026-06-30', '09:00');
    expect(first).toEqual(at('2026-06-30T08:00:00Z'));
    first.setTime(0);
    expect(londonTimeOn('2026-06-30', '09:00')).toEqual(at('2026-06-30T08:00:00Z'));
    expect(londonTimeOn('2026-12-01', '09:00')).toEqual(at('2026-12-01T09:00:00Z'));
    expect(Number.isNaN(londonTimeOn('2026-02-30', '09:00').getTime())).toBe(true);
  });

  it('agrees with luxon on every date and opening time (remembered answers included)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2026-01-01'), max: new Date('2028-12-31'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 23 }),
        fc.constantFrom(0, 30),
        (d, h, m) => {
          const date = d.toISOString().slice(0, 10);
          const time = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
          const luxon = DateTime.fromISO(`${date}T${time}`, { zone: LONDON }).toMillis();
          expect(londonTimeOn(date, time).getTime()).toBe(luxon);
          expect(londonTimeOn(date, time).getTime()).toBe(luxon);
        },
      ),
    );
  });

  it('answers the first working day after a date: past weekends, bank holidays and closure days', () => {
    expect(nextWorkingDay('2026-11-30', cal)).toBe('2026-12-01');
    expect(nextWorkingDay('2026-12-04', cal)).toBe('2026-12-07');
    expect(nextWorkingDay('2026-12-24', cal)).toBe('2026-12-30');
    expect(() => nextWorkingDay('2026-13-01', cal)).toThrow(RangeError);
    fc.assert(
      fc.property(fc.date({ min: new Date('2026-01-01'), max: new Date('2028-12-31'), noInvalidDate: true }), (d) => {
        const date = d.toISOString().slice(0, 10);
        const next = nextWorkingDay(date, cal);
        expect(next > date && cal.isWorkingDay(next)).toBe(true);
        for (let day = DateTime.fromISO(date).plus({ days: 1 }); day.toISODate()! < next; day = day.plus({ days: 1 }))
          expect(cal.isWorkingDay(day.toISODate()!)).toBe(false);
      }),
    );
  });
});
