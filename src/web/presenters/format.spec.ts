import { hoursSpoken, ukDate, ukDateTime, words } from './format';

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

  it('answers the same for an instant however often, and whether given as a Date or a string', () => {
    const at = new Date('2026-03-29T00:30:00Z');
    for (let i = 0; i < 3; i++) {
      expect(ukDateTime(at)).toBe('Sun 29 Mar 2026, 00:30');
      expect(ukDateTime(at.toISOString())).toBe('Sun 29 Mar 2026, 00:30');
      expect(ukDateTime(new Date('2026-03-29T01:30:00Z'))).toBe('Sun 29 Mar 2026, 02:30');
      expect(ukDate('2026-03-29')).toBe('29 March 2026');
      expect(ukDate(at)).toBe('29 March 2026');
    }
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
