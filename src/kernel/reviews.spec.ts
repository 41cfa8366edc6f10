import fc from 'fast-check';
import { DateTime } from 'luxon';
import { LONDON, londonDate } from './dates';
import { DEFAULT_OFFICE_HOURS } from './office-hours';
import { latestReviewBy, maxReviewAfterOf, reviewByProblem, reviewDueAt } from './reviews';
import { WorkingCalendar } from './working-days';

const cal = new WorkingCalendar(['2026-12-29']);
const at = (iso: string) => new Date(iso);
const P5WD = maxReviewAfterOf('P5WD');
const local = (d: Date) => DateTime.fromJSDate(d, { zone: LONDON });

describe('the latest review date a policy allows', () => {
  it('is five working days on by default: a Monday acknowledgement may be reviewed by the next Monday', () => {
    expect(latestReviewBy(at('2026-11-30T14:00:00Z'), P5WD, cal)).toBe('2026-12-07');
    expect(latestReviewBy(at('2026-11-30T14:00:00Z'), maxReviewAfterOf('P1WD'), cal)).toBe('2026-12-01');
  });

  it('skips bank holidays and closure days when counted in working days, not when counted in calendar days', () => {
    // Wed 23 Dec: Thu 24, then Christmas, Boxing Day (Mon 28), the closure on 29th; Wed 30th, Thu 31st, Mon 4 Jan.
    expect(latestReviewBy(at('2026-12-23T10:00:00Z'), maxReviewAfterOf('P4WD'), cal)).toBe('2027-01-04');
    expect(latestReviewBy(at('2026-12-23T10:00:00Z'), maxReviewAfterOf('P7D'), cal)).toBe('2026-12-30');
  });

  it('falls back to five working days for an unreadable setting and never reaches past a year', () => {
    expect(maxReviewAfterOf('nonsense')).toMatchObject({ kind: 'working_days', days: 5 });
    expect(maxReviewAfterOf(null)).toMatchObject({ kind: 'working_days', days: 5 });
    expect(maxReviewAfterOf('P3000000WD')).toMatchObject({ kind: 'working_days', days: 260 });
    expect(maxReviewAfterOf('P9999D')).toMatchObject({ kind: 'fixed', days: 366 });
  });
});

describe('whether a review date is allowed', () => {
  const ack = at('2026-11-30T14:00:00Z');

  it('allows today up to the bound, and names the bound when refusing a later date', () => {
    expect(reviewByProblem('2026-11-30', ack, P5WD, cal)).toBeNull();
    expect(reviewByProblem('2026-12-07', ack, P5WD, cal)).toBeNull();
    expect(reviewByProblem('2026-12-08', ack, P5WD, cal)).toContain('2026-12-07');
    expect(reviewByProblem('2027-06-01', ack, P5WD, cal)).toContain('P5WD');
    expect(reviewByProblem('2026-11-29', ack, P5WD, cal)).toBe('must be today or later');
  });

  it('allows exactly the dates from today to the bound, for any acknowledgement time and bound', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2026-01-01'), max: new Date('2028-12-31'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: -3, max: 40 }),
        (acknowledgedAt, wd, offset) => {
          const bound = maxReviewAfterOf(`P${wd}WD`);
          const today = londonDate(acknowledgedAt);
          const reviewBy = DateTime.fromISO(today, { zone: 'utc' }).plus({ days: offset }).toISODate()!;
          const allowed = reviewByProblem(reviewBy, acknowledgedAt, bound, cal) === null;
          expect(allowed).toBe(reviewBy >= today && reviewBy <= latestReviewBy(acknowledgedAt, bound, cal));
        },
      ),
    );
  });
});

describe('when a review falls due', () => {
  it('is the office opening on the review date, or on the next working day when that is not one', () => {
    const ack = at('2026-11-30T14:00:00Z');
    expect(reviewDueAt('2026-12-03', ack, cal, DEFAULT_OFFICE_HOURS)).toEqual(at('2026-12-03T09:00:00Z'));
    expect(reviewDueAt('2026-12-05', ack, cal, DEFAULT_OFFICE_HOURS)).toEqual(at('2026-12-07T09:00:00Z'));
    expect(reviewDueAt('2026-12-03', ack, cal, { opens: '08:30', closes: '16:30' })).toEqual(
      at('2026-12-03T08:30:00Z'),
    );
  });

  it('is in London time across the clock change', () => {
    expect(reviewDueAt('2026-03-30', at('2026-03-27T12:00:00Z'), cal, DEFAULT_OFFICE_HOURS)).toEqual(
      at('2026-03-30T08:00:00Z'),
    );
  });

  it('is the next opening for a review set for today after opening, and today’s opening before it', () => {
    expect(reviewDueAt('2026-11-30', at('2026-11-30T14:00:00Z'), cal, DEFAULT_OFFICE_HOURS)).toEqual(
      at('2026-12-01T09:00:00Z'),
    );
    expect(reviewDueAt('2026-11-30', at('2026-11-30T07:00:00Z'), cal, DEFAULT_OFFICE_HOURS)).toEqual(
      at('2026-11-30T09:00:00Z'),
    );
  });

  it('is always after the acknowledgement, at an opening on a working day, on or after the review date', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2026-01-01'), max: new Date('2028-12-31'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 30 }),
        (acknowledgedAt, offset) => {
          const reviewBy = DateTime.fromISO(londonDate(acknowledgedAt), { zone: 'utc' })
            .plus({ days: offset })
            .toISODate()!;
          const due = reviewDueAt(reviewBy, acknowledgedAt, cal, DEFAULT_OFFICE_HOURS);
          expect(due.getTime()).toBeGreaterThan(acknowledgedAt.getTime());
          expect(local(due).toFormat('HH:mm')).toBe('09:00');
          expect(cal.isWorkingDay(londonDate(due))).toBe(true);
          expect(londonDate(due) >= reviewBy).toBe(true);
          expect(due.getTime() - acknowledgedAt.getTime()).toBeLessThan((offset + 12) * 86_400_000);
        },
      ),
    );
  });
});
