import type { BedHistoryEntry, BedView } from '../../features/inventory/inventory.dto';
import {
  bedDetails,
  bedFilterMessage,
  bedUse,
  outOfServiceInput,
  outOfServiceMessage,
  outOfServiceValues,
  presentBedHistory,
  presentBedLines,
  statusItems,
} from './beds.presenter';

const bed = (over: Partial<BedView> = {}): BedView => ({
  id: 'b1',
  providerId: 'p1',
  serviceLevelId: 'l1',
  label: 'Room 1',
  status: 'available',
  minAge: 16,
  maxAge: 25,
  gender: 'any',
  stepFree: true,
  petsAllowed: false,
  acceptsFireRisk: false,
  acceptsSexualHarmRisk: false,
  uascSpecialist: false,
  under18Only: false,
  over18Only: false,
  outOfServiceReason: null,
  availableFrom: null,
  version: 1,
  ...over,
});

const event = (over: Partial<BedHistoryEntry>): BedHistoryEntry => ({
  id: 'e',
  at: '2026-12-04T16:00:00.000Z',
  action: 'bed.updated',
  byUserId: 'u1',
  byName: 'Sam Lee',
  statusFrom: null,
  statusTo: null,
  reason: null,
  availableFrom: null,
  ...over,
});

describe('the beds list', () => {
  it('shows each bed with its provider, level, status tag and expected return', () => {
    const [line] = presentBedLines(
      [bed({ status: 'out_of_service', availableFrom: '2026-12-10' })],
      { p1: { name: 'Foyer' } },
      { l1: 'Shared house' },
    );
    expect(line).toEqual({
      href: '/beds/b1',
      label: 'Room 1',
      provider: { href: '/providers/p1', name: 'Foyer' },
      level: 'Shared house',
      status: { text: 'Out of service', classes: 'govuk-tag--grey' },
      back: 'Expected back 10 December 2026',
    });
  });

  it('offers every status in the filter and explains a bad one', () => {
    expect(statusItems('held').map((i) => [i.value, i.selected])).toEqual([
      ['', false],
      ['available', false],
      ['held', true],
      ['occupied', false],
      ['out_of_service', false],
    ]);
    expect(bedFilterMessage({ field: 'status', message: 'status must be one of' }).message).toBe(
      'Choose a status from the list',
    );
    const unknown = { field: 'status', message: 'This page has no filter called "status"' };
    expect(bedFilterMessage(unknown)).toBe(unknown);
  });
});

describe("a bed's page", () => {
  it('never names who holds or occupies the bed', () => {
    expect(bedUse(bed({ status: 'occupied' }))).toBe(
      'A young person is staying here. Their record says who; this page does not.',
    );
    expect(bedUse(bed({ status: 'out_of_service', availableFrom: '2026-12-10' }))).toBe(
      'Out of service, expected back on 10 December 2026.',
    );
  });

  it('lists the details, with the reason when out of service', () => {
    const rows = bedDetails(
      bed({ status: 'out_of_service', outOfServiceReason: 'Leak', over18Only: true }),
      'Foyer',
      'Shared',
    );
    const map = Object.fromEntries(rows.map((r) => [r.key.text, r.value.text]));
    expect(map).toMatchObject({ Provider: 'Foyer', Ages: '16 to 25', 'Step-free': 'Yes', 'Only for': '18 and over' });
    expect(map['Why out of service']).toBe('Leak');
  });

  it('shows the history: what happened, the move, who by name (or the service), why and until when', () => {
    const lines = presentBedHistory([
      event({
        action: 'bed.taken_out_of_service',
        statusFrom: 'available',
        statusTo: 'out_of_service',
        reason: 'Leak',
        availableFrom: '2026-12-10',
      }),
      event({ action: 'bed.hold_expired', statusFrom: 'held', statusTo: 'available', byUserId: null, byName: null }),
      event({ action: 'bed.created', statusTo: 'available' }),
    ]);
    expect(lines[0]).toEqual({
      when: 'Fri 4 Dec 2026, 16:00',
      what: 'Taken out of service',
      status: 'Available to out of service',
      by: 'Sam Lee',
      why: 'Leak. Expected back 10 December 2026',
    });
    expect(lines[1]).toMatchObject({ what: 'Hold expired', status: 'Held to available', by: 'The service' });
    expect(lines[2]).toMatchObject({ what: 'Added', status: 'Available' });
  });
});

describe('the take-out-of-service form', () => {
  const posted = (over: Record<string, string>) =>
    outOfServiceValues({ outOfServiceReason: 'Leak', version: '3', _csrf: 't', ...over });

  it('becomes the API body: the reason, the date from three boxes, the version read', () => {
    const input = outOfServiceInput(
      posted({ 'availableFrom-day': '10', 'availableFrom-month': '12', 'availableFrom-year': '2026' }),
    );
    expect(input.body).toEqual({
      status: 'out_of_service',
      outOfServiceReason: 'Leak',
      availableFrom: '2026-12-10',
      version: 3,
    });
    expect(outOfServiceInput(posted({})).body).toMatchObject({ availableFrom: null });
  });

  it('asks for a reason, and for a real date when one is started', () => {
    const input = outOfServiceInput(
      posted({
        outOfServiceReason: ' ',
        'availableFrom-day': '31',
        'availableFrom-month': '2',
        'availableFrom-year': '2027',
      }),
    );
    expect(input.errors).toEqual([
      { field: 'outOfServiceReason', message: 'Enter why the bed is out of service' },
      { field: 'availableFrom', message: 'Expected return date must be a real date' },
    ]);
  });

  it("says the service's refusal of a past date as the form does", () => {
    expect(
      outOfServiceMessage({
        field: 'availableFrom',
        message: 'the expected return date must be today (2026-12-04) or later',
      }).message,
    ).toBe('Expected return date must be today or in the future');
  });
});
