import { coResidentsText, moveInInstant, points, staleText, endOfDay } from './match.presenter';

describe('match presenter', () => {
  it('summarises co-residents by age band, gender letter and risks, never more', () => {
    expect(coResidentsText([])).toBe('No one else lives there now');
    expect(
      coResidentsText([
        { ageBand: '16-17', gender: 'female', risks: [] },
        { ageBand: '18-21', gender: 'male', risks: ['fire_setting'] },
      ]),
    ).toBe('2 others: 16-17 F, 18-21 M; risk: fire setting');
    expect(
      coResidentsText([{ ageBand: '22+', gender: 'non_binary', risks: ['violence', 'fire_setting', 'violence'] }]),
    ).toBe('1 other: 22+ NB; risks: fire setting, violence');
  });

  it('shows score contributions as signed points', () => {
    expect([points(40), points(-60), points(0), points('excluded')]).toEqual(['+40', '−60', '0', 'Excluded']);
  });

  it('tags a stale provider with when its vacancies were last confirmed, or never', () => {
    expect(staleText('2026-11-10T09:00:00Z')).toBe('Vacancies not confirmed since 10 November 2026');
    expect(staleText(null)).toBe('Vacancies never confirmed');
  });

  it('reads a move-in day as now when it is today, else 10:00 London that day; an extension as the end of the day', () => {
    const now = new Date('2026-07-01T08:15:00Z');
    expect(moveInInstant('2026-07-01', now)).toBe('2026-07-01T08:15:00.000Z');
    expect(moveInInstant('2026-07-03', now)).toBe('2026-07-03T09:00:00.000Z'); // BST
    expect(moveInInstant('2026-12-03', now)).toBe('2026-12-03T10:00:00.000Z'); // GMT
    expect(endOfDay('2026-12-03')).toBe('2026-12-03T23:59:00.000Z');
  });
});
