import fc from 'fast-check';
import { contactDue, contactErrors } from './keeping-in-touch';
import { IN_TOUCH_CODES } from './ssda903';

describe('a keeping-in-touch contact', () => {
  const now = new Date('2026-06-01T12:00:00Z');

  it('is not in the future, not before the date of birth (Europe/London day), and has no activity when DIED or RHOM', () => {
    const ok = { contactedAt: new Date('2026-05-01T10:00:00Z'), inTouch: 'YES' as const, activity: 'F1' };
    expect(contactErrors(ok, '2007-06-15', now)).toEqual([]);
    expect(contactErrors({ ...ok, contactedAt: now }, '2007-06-15', now)).toEqual([]);
    expect(contactErrors({ ...ok, contactedAt: new Date(now.getTime() + 1) }, '2007-06-15', now)).toEqual([
      { field: 'contactedAt', message: 'contactedAt must not be in the future' },
    ]);
    // 23:30 UTC on 14 June 2007 is 00:30 BST on the 15th: the day of birth.
    expect(contactErrors({ ...ok, contactedAt: new Date('2007-06-14T23:30:00Z') }, '2007-06-15', now)).toEqual([]);
    expect(contactErrors({ ...ok, contactedAt: new Date('2007-06-14T22:59:59Z') }, '2007-06-15', now)).toEqual([
      { field: 'contactedAt', message: 'contactedAt must not be before the young person’s date of birth' },
    ]);
    expect(contactErrors({ ...ok, inTouch: 'DIED' }, '2007-06-15', now).map((e) => e.field)).toEqual(['activity']);
    expect(contactErrors({ ...ok, inTouch: 'RHOM', activity: null }, '2007-06-15', now)).toEqual([]);
  });

  it('is refused exactly when it is after now', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2010-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom(...IN_TOUCH_CODES),
        (at, inTouch) => {
          const errors = contactErrors({ contactedAt: at, inTouch, activity: null }, '2007-06-15', now);
          expect(errors.some((e) => e.message.includes('future'))).toBe(at.getTime() > now.getTime());
        },
      ),
    );
  });
});

describe('when a contact is due', () => {
  const WEEK = 7 * 86_400_000;
  const now = new Date('2026-11-27T17:00:00Z');

  it('is due with no contact recorded, or one eight weeks or more ago; not with one more recent', () => {
    expect(contactDue(null, now, 8 * WEEK)).toBe(true);
    expect(contactDue(new Date(now.getTime() - 9 * WEEK), now, 8 * WEEK)).toBe(true);
    expect(contactDue(new Date(now.getTime() - 8 * WEEK), now, 8 * WEEK)).toBe(true);
    expect(contactDue(new Date(now.getTime() - 8 * WEEK + 1), now, 8 * WEEK)).toBe(false);
    expect(contactDue(new Date(now.getTime() - 2 * WEEK), now, 8 * WEEK)).toBe(false);
    expect(contactDue(new Date(now.getTime() + 60_000), now, 8 * WEEK)).toBe(false);
  });

  it('holds exactly when the time since the last contact reaches the period, and a later contact is never more due', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 * 86_400_000 }),
        fc.integer({ min: 0, max: 400 * 86_400_000 }),
        fc.integer({ min: 1, max: 200 * 86_400_000 }),
        (ago, laterBy, period) => {
          const last = new Date(now.getTime() - ago);
          expect(contactDue(last, now, period)).toBe(ago >= period);
          const later = new Date(last.getTime() + laterBy);
          if (contactDue(later, now, period)) expect(contactDue(last, now, period)).toBe(true);
          expect(contactDue(null, now, period)).toBe(true);
        },
      ),
    );
  });
});
