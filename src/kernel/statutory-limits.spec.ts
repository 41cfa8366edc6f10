import fc from 'fast-check';
import { ACCOMMODATION_CODES } from './accommodation';
import { breachesStatutoryLimit, elapsedText, initials, statutoryBreaches } from './statutory-limits';
import { WorkingCalendar } from './working-days';

const cal = new WorkingCalendar();
const mon = new Date('2026-11-16T10:00:00Z'); // Monday 10:00 GMT

describe('statutory limits', () => {
  const adult = {
    ageYears: 19,
    accommodationCode: 'W',
    pregnantOrParent: false,
    clockStartedAt: mon,
    stayStartedAt: mon,
  };

  it('lets an adult stay in a hotel for two working days, not longer', () => {
    expect(breachesStatutoryLimit(adult, new Date('2026-11-18T10:00:00Z'), cal)).toBe(false);
    expect(breachesStatutoryLimit(adult, new Date('2026-11-18T10:00:01Z'), cal)).toBe(true);
  });

  it('counts working days, so a weekend does not use up the limit', () => {
    const fri = new Date('2026-11-20T10:00:00Z');
    expect(
      breachesStatutoryLimit(
        { ...adult, clockStartedAt: fri, stayStartedAt: fri },
        new Date('2026-11-24T09:59:00Z'),
        cal,
      ),
    ).toBe(false);
    expect(
      breachesStatutoryLimit(
        { ...adult, clockStartedAt: fri, stayStartedAt: fri },
        new Date('2026-11-24T10:01:00Z'),
        cal,
      ),
    ).toBe(true);
  });

  it('treats any hotel, night shelter or foyer stay of a 17-year-old as a breach at once', () => {
    for (const code of ['W', 'V', 'T'])
      expect(breachesStatutoryLimit({ ...adult, ageYears: 17, accommodationCode: code }, mon, cal)).toBe(true);
    expect(breachesStatutoryLimit({ ...adult, ageYears: 17, accommodationCode: 'D' }, mon, cal)).toBe(false);
  });

  it('has no statutory limit for an adult night shelter stay (the ladder still escalates it)', () => {
    expect(breachesStatutoryLimit({ ...adult, accommodationCode: 'V' }, new Date('2026-12-30T10:00:00Z'), cal)).toBe(
      false,
    );
  });

  it('names each breach: an under-18 in a hotel, an adult past two working days, a parent past six weeks', () => {
    const wed = new Date('2026-11-18T10:00:01Z');
    expect(statutoryBreaches({ ...adult, ageYears: 17 }, mon, cal)).toEqual(['under_18_unsuitable']);
    expect(statutoryBreaches({ ...adult, ageYears: 17, accommodationCode: 'D' }, wed, cal)).toEqual([]);
    expect(statutoryBreaches(adult, new Date('2026-11-18T10:00:00Z'), cal)).toEqual([]);
    expect(statutoryBreaches(adult, wed, cal)).toEqual(['adult_two_working_days']);
    const parent = { ...adult, pregnantOrParent: true };
    const sixWeeks = new Date(mon.getTime() + 42 * 86400_000);
    expect(statutoryBreaches(parent, sixWeeks, cal)).toEqual(['adult_two_working_days']);
    expect(statutoryBreaches(parent, new Date(sixWeeks.getTime() + 1), cal)).toEqual([
      'adult_two_working_days',
      'parent_six_weeks',
    ]);
    expect(statutoryBreaches({ ...parent, ageYears: 17 }, new Date(sixWeeks.getTime() + 1), cal)).toEqual([
      'under_18_unsuitable',
      'parent_six_weeks',
    ]);
    expect(statutoryBreaches({ ...parent, accommodationCode: 'V' }, new Date(sixWeeks.getTime() + 1), cal)).toEqual([]);
  });

  it('says a limit is broken exactly when it names a breach', () => {
    fc.assert(
      fc.property(
        fc.record({
          ageYears: fc.integer({ min: 16, max: 25 }),
          accommodationCode: fc.constantFrom(...ACCOMMODATION_CODES),
          pregnantOrParent: fc.boolean(),
          startMs: fc.integer({ min: 0, max: 365 * 86400_000 }),
          elapsedMs: fc.integer({ min: 0, max: 100 * 86400_000 }),
        }),
        (g) => {
          const start = new Date(Date.parse('2026-01-01T00:00:00Z') + g.startMs);
          const now = new Date(start.getTime() + g.elapsedMs);
          const f = { ...g, clockStartedAt: start, stayStartedAt: start };
          const breaches = statutoryBreaches(f, now, cal);
          expect(breachesStatutoryLimit(f, now, cal)).toBe(breaches.length > 0);
          expect(new Set(breaches).size).toBe(breaches.length);
          if (g.ageYears < 18) expect(breaches).not.toContain('adult_two_working_days');
          else expect(breaches).not.toContain('under_18_unsuitable');
        },
      ),
    );
  });

  it('describes elapsed time in hours and working days', () => {
    expect(elapsedText(mon, new Date('2026-11-17T12:00:00Z'), cal)).toBe('26 hours (1 working day)');
  });

  it('reduces a name to initials', () => {
    expect(initials('alex', 'Taylor')).toBe('A.T.');
  });
});
