import type { VacanciesView } from '../../features/inventory/inventory.dto';
import {
  presentVacancyBoard,
  readVacancyFilters,
  selectItems,
  vacancyMessage,
  vacancyQuery,
} from './vacancies.presenter';

const counts = (free: number) => ({ free, age16To17: free, age18Plus: free, uasc: 0, fromStaleProviders: 0 });
const row = (group: 'pathway' | 'hotel' | 'emergency', name: string, stale = false) => ({
  serviceLevelId: `sl-${name}`,
  serviceLevelName: name,
  serviceLevelRank: 1,
  area: 'Crewe',
  group,
  providers: [{ id: 'p1', name: 'YMCA Crewe', stale, vacanciesConfirmedAt: null }],
  stale,
  available: 2,
  held: 1,
  occupied: 3,
  outOfService: 0,
  freeOn: counts(2),
});
const view = (over: Partial<VacanciesView> = {}): VacanciesView => ({
  items: [row('pathway', 'Shared house', true), row('hotel', 'Hotel')],
  totals: { pathway: counts(2), hotel: counts(2), emergency: counts(0) },
  staleProviders: [
    { id: 'p1', name: 'YMCA Crewe', area: 'Crewe', vacanciesConfirmedAt: null },
    { id: 'p2', name: 'Dane House', area: 'Congleton', vacanciesConfirmedAt: '2026-11-02T10:00:00Z' },
  ],
  freeOn: '2026-11-23',
  asOf: '2026-11-23T10:00:00Z',
  ...over,
});

describe('the vacancy board page', () => {
  it('reads the filters from the address, the date from its three boxes', () => {
    expect(
      readVacancyFilters({
        area: ' Crewe ',
        ageBand: '16-17',
        uasc: 'true',
        'freeOn-day': '2',
        'freeOn-month': '12',
        'freeOn-year': '2026',
      }),
    ).toEqual({
      area: 'Crewe',
      serviceLevelId: '',
      ageBand: '16-17',
      uasc: true,
      freeOn: { day: '2', month: '12', year: '2026' },
    });
  });

  it('asks the API for exactly the filters given, no date meaning today', () => {
    const f = readVacancyFilters({ area: 'Crewe' });
    expect(vacancyQuery(f)).toEqual({ query: { area: 'Crewe' }, errors: [], faulty: [] });
    const dated = readVacancyFilters({ uasc: 'true', 'freeOn-day': '2', 'freeOn-month': '12', 'freeOn-year': '2026' });
    expect(vacancyQuery(dated).query).toEqual({ uasc: 'true', freeOn: '2026-12-02' });
  });

  it('says what is wrong with the date as GOV.UK does, and marks the boxes at fault', () => {
    const half = vacancyQuery(readVacancyFilters({ 'freeOn-day': '2', 'freeOn-year': '2026' }));
    expect(half.errors).toEqual([{ field: 'freeOn', message: 'Free on date must include a month' }]);
    expect(half.faulty).toEqual(['month']);
    const unreal = vacancyQuery(readVacancyFilters({ 'freeOn-day': '31', 'freeOn-month': '2', 'freeOn-year': '2026' }));
    expect(unreal.errors[0].message).toBe('Free on date must be a real date');
    expect(vacancyMessage({ field: 'freeOn', message: 'must be today (2026-11-23) or later' }).message).toBe(
      'Free on date must be today or in the future',
    );
  });

  it('shows pathway, hotels and emergency beds as separate sections, an empty one included, stale providers tagged', () => {
    const board = presentVacancyBoard(view(), '2026-11-23');
    expect(board.isToday).toBe(true);
    expect(board.freeOnText).toBe('23 November 2026');
    expect(board.sections.map((s) => [s.title, s.totals.free, s.lines.length])).toEqual([
      ['Placements on the pathway', 2, 1],
      ['Hotels and B&B', 2, 1],
      ['Emergency and crash beds', 0, 0],
    ]);
    expect(board.sections[0].lines[0]).toMatchObject({
      level: 'Shared house',
      providers: [{ name: 'YMCA Crewe', stale: true }],
      free: 2,
      held: 1,
      occupied: 3,
    });
    expect(board.staleProviders).toEqual([
      { name: 'YMCA Crewe', area: 'Crewe', confirmed: 'Never confirmed' },
      { name: 'Dane House', area: 'Congleton', confirmed: 'Last confirmed 2 November 2026' },
    ]);
    expect(presentVacancyBoard(view({ freeOn: '2026-11-25' }), '2026-11-23').isToday).toBe(false);
  });

  it('offers "any" first in each select, the chosen option selected', () => {
    expect(selectItems([{ value: 'a', text: 'A' }], 'a', 'Any')).toEqual([
      { value: '', text: 'Any', selected: false },
      { value: 'a', text: 'A', selected: true },
    ]);
  });
});
