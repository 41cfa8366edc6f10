import type { QueueItemView, QueuePage } from '../../features/placements/queue.dto';
import {
  presentQueue,
  presentQueueLine,
  queueHref,
  queueQuery,
  readQueueAddress,
  urgencyItems,
} from './queue.presenter';

const item = (over: Partial<QueueItemView> = {}): QueueItemView => ({
  id: 'r1',
  status: 'open',
  urgency: 'emergency',
  neededBy: '2026-11-30',
  createdAt: '2026-11-30T09:00:00.000Z',
  overdue: false,
  youngPerson: {
    id: 'y1',
    reference: 'CL-0001',
    name: 'Kit Lowe',
    age: 17,
    homeArea: 'Crewe',
    currentAccommodation: {
      code: 'W',
      label: 'bed and breakfast / hotel',
      suitable: false,
      since: '2026-11-30T11:00:00.000Z',
      hours: 1,
      workingDays: 0,
    },
  },
  pa: { id: 'p1', name: 'Pat Adviser' },
  holds: [],
  breaches: ['under_18_unsuitable'],
  priority: { rank: 1, reasons: ['Under 18 in unsuitable accommodation: bed and breakfast / hotel for 1 hour'] },
  ...over,
});

const page = (items: QueueItemView[], total = items.length): QueuePage => ({
  items,
  total,
  warnings: [],
  asOf: '2026-11-30T12:00:00.000Z',
});

describe('the queue page presenter', () => {
  it('reads filters and page from the address and refuses parameters it does not know', () => {
    expect(readQueueAddress({ area: ' Crewe ', urgency: 'emergency', page: '3' })).toEqual({
      filters: { area: 'Crewe', urgency: 'emergency' },
      page: 3,
      errors: [],
    });
    const bad = readQueueAddress({ sort: 'name', page: 'x', area: ['a', 'b'] });
    expect(bad.errors.map((e) => e.field)).toEqual(['sort', 'area', 'page']);
    expect(bad.page).toBe(1);
  });

  it("asks the service for the page's slice, and writes addresses without defaults", () => {
    expect(queueQuery({ area: '', urgency: 'planned' }, 2)).toEqual({ urgency: 'planned', limit: '25', offset: '25' });
    expect(queueHref({ area: '', urgency: '' })).toBe('/placement-requests/queue');
    expect(queueHref({ area: 'Crewe', urgency: 'emergency' }, 2)).toBe(
      '/placement-requests/queue?area=Crewe&urgency=emergency&page=2',
    );
    expect(
      urgencyItems('planned')
        .filter((i) => i.selected)
        .map((i) => i.value),
    ).toEqual(['planned']);
  });

  it('shows a line with its rank, breach and overdue tags, where the young person is and the holds', () => {
    const line = presentQueueLine(
      item({
        overdue: true,
        status: 'held',
        holds: [
          {
            id: 'h1',
            bedId: 'b1',
            bedLabel: 'Room 4',
            providerName: 'Hope House',
            until: '2026-11-30T13:00:00.000Z',
            heldByUserId: 'u1',
            heldByName: 'Hana Officer',
          },
        ],
      }),
      1,
    );
    expect(line.rankTag).toEqual({ text: 'Under 18, unsuitable accommodation', classes: 'govuk-tag--red' });
    expect(line.tags.map((t) => t.text)).toEqual(['Past needed-by date', 'Under 18 in unsuitable accommodation']);
    expect(line.where).toBe('Bed and breakfast / hotel');
    expect(line.whereDetail).toBe('Since Mon 30 Nov 2026, 11:00: 1 hour, 0 working days');
    expect(line.whereTags.map((t) => t.text)).toEqual(['Unsuitable']);
    expect(line.status).toBe('Bed held');
    expect(line.holds).toEqual(['Room 4, Hope House, until Mon 30 Nov 2026, 13:00 by Hana Officer']);
    expect(
      presentQueueLine(item({ youngPerson: { ...item().youngPerson, currentAccommodation: null } }), 1).where,
    ).toBe('Nowhere recorded');
  });

  it('pages 25 at a time in the order given, with GOV.UK pagination keeping the filters', () => {
    const items = Array.from({ length: 25 }, (_, k) => item({ id: `r${k}` }));
    const view = presentQueue(page(items, 60), { area: 'Crewe', urgency: '' }, 2);
    expect(view.showing).toBe('Showing 26 to 50 of 60');
    expect(view.lines[0].position).toBe(26);
    expect(view.pages).toBe(3);
    expect(view.pagination?.previous?.href).toBe('/placement-requests/queue?area=Crewe');
    expect(view.pagination?.next?.href).toBe('/placement-requests/queue?area=Crewe&page=3');
    expect(presentQueue(page([item()]), { area: '', urgency: '' }, 1).pagination).toBeNull();
  });

  it('warns of young people in unsuitable accommodation with no request', () => {
    const view = presentQueue(
      {
        ...page([]),
        warnings: [
          {
            id: 'y2',
            reference: 'CL-0002',
            name: 'Fay Moss',
            age: 19,
            where: 'V',
            whereLabel: 'emergency accommodation (night shelter / emergency hostel)',
            since: '2026-11-30T11:00:00.000Z',
          },
        ],
      },
      { area: '', urgency: '' },
      1,
    );
    expect(view.warnings).toEqual({
      heading: '1 young person in unsuitable accommodation has no placement request',
      lines: [
        {
          text: 'CL-0002 Fay Moss, age 19: emergency accommodation (night shelter / emergency hostel) since Mon 30 Nov 2026, 11:00',
          href: '/young-people/y2/timeline',
        },
      ],
    });
    expect(presentQueue(page([]), { area: '', urgency: '' }, 1).warnings).toBeNull();
  });
});
