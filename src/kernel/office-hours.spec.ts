import fc from 'fast-check';
import { DateTime } from 'luxon';
import { LONDON } from './dates';
import { openingOnOrAfter, withinOfficeHours } from './office-hours';
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
