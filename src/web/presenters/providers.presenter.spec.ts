import type { BedView, ProviderView } from '../../features/inventory/inventory.dto';
import { presentProvider, presentProviderLines, providerFilterMessage, staleItems } from './providers.presenter';

const provider = (over: Partial<ProviderView> = {}): ProviderView => ({
  id: 'p1',
  name: 'Crewe Foyer Trust',
  area: 'Crewe',
  ofstedUrn: 'SC123456',
  ofstedCategory: 'shared_housing',
  email: 'beds@foyer.example',
  phone: null,
  vacanciesConfirmedAt: '2026-12-04T16:00:00.000Z',
  stale: false,
  version: 1,
  ...over,
});

describe('the providers list', () => {
  it('shows each provider with its beds counted and when its vacancies were last confirmed', () => {
    const lines = presentProviderLines([provider(), provider({ id: 'p2', vacanciesConfirmedAt: null, stale: true })], {
      p1: 3,
    });
    expect(lines[0]).toEqual({
      href: '/providers/p1',
      name: 'Crewe Foyer Trust',
      area: 'Crewe',
      beds: 3,
      confirmed: 'Fri 4 Dec 2026, 16:00',
      stale: false,
    });
    expect(lines[1]).toMatchObject({ beds: 0, confirmed: 'Never confirmed', stale: true });
  });

  it('offers the stale filter with the chosen value selected, and explains a bad one', () => {
    expect(
      staleItems('true')
        .filter((i) => i.selected)
        .map((i) => i.value),
    ).toEqual(['true']);
    expect(providerFilterMessage({ field: 'stale', message: 'stale must be one of' }).message).toBe(
      'Choose whether to show stale providers from the list',
    );
  });
});

describe("a provider's page", () => {
  it('shows contacts and registration, its beds with their levels and its confirmations by name', () => {
    const bed = { id: 'b1', label: 'Room 1', serviceLevelId: 'l1', status: 'out_of_service' } as BedView;
    const view = presentProvider(
      provider({ phone: null }),
      [bed],
      { l1: 'Shared house' },
      [
        {
          id: 'c1',
          providerId: 'p1',
          confirmedAt: '2026-12-04T16:00:00.000Z',
          note: 'Spoke to Jo',
          confirmedByUserId: 'u1',
          confirmedByName: 'Sam Lee',
        },
      ],
      1,
    );
    expect(view.details.map((r) => [r.key.text, r.value.text])).toEqual([
      ['Area', 'Crewe'],
      ['Email', 'beds@foyer.example'],
      ['Phone', 'Not recorded'],
      ['Ofsted URN', 'SC123456'],
      ['Ofsted category', 'Shared housing'],
      ['Vacancies last confirmed', 'Fri 4 Dec 2026, 16:00'],
    ]);
    expect(view.beds).toEqual([
      {
        href: '/beds/b1',
        label: 'Room 1',
        level: 'Shared house',
        status: { text: 'Out of service', classes: 'govuk-tag--grey' },
      },
    ]);
    expect(view.confirmations).toEqual([{ when: 'Fri 4 Dec 2026, 16:00', by: 'Sam Lee', note: 'Spoke to Jo' }]);
  });

  it('says a provider without a registration is not registered', () => {
    const view = presentProvider(provider({ ofstedUrn: null, ofstedCategory: null }), [], {}, [], 0);
    expect(view.details.find((r) => r.key.text === 'Ofsted category')!.value.text).toBe('Not registered');
  });
});
