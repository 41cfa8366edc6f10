import { breachesStatutoryLimit, elapsedText, initials } from './statutory-limits';
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

  it('describes elapsed time in hours and working days', () => {
    expect(elapsedText(mon, new Date('2026-11-17T12:00:00Z'), cal)).toBe('26 hours (1 working day)');
  });

  it('reduces a name to initials', () => {
    expect(initials('alex', 'Taylor')).toBe('A.T.');
  });
});
