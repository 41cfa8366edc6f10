import fc from 'fast-check';
import type { UnsuitableReport, UnsuitableRow } from '../../features/reports/live-list.dto';
import {
  hrefFor,
  liveListQuery,
  PER_PAGE,
  presentLine,
  presentLiveList,
  presentPagination,
  readFilters,
  readPage,
  truncate,
  type LiveListFilters,
} from './live-list.presenter';

const NONE: LiveListFilters = { area: '', breach: false, unacknowledged: false, everyone: false };

function row(over: Partial<UnsuitableRow> = {}): UnsuitableRow {
  return {
    stayId: 'stay-1',
    youngPersonId: 'yp-1',
    reference: 'CL-1001',
    name: 'Kit Young',
    age: 17,
    homeArea: 'Crewe',
    accommodationCode: 'W',
    description: 'Travelodge Crewe',
    suitable: false,
    emergency: false,
    startedAt: '2026-11-30T10:00:00.000Z',
    clockStartedAt: '2026-11-30T10:00:00.000Z',
    hoursElapsed: 50,
    workingDaysElapsed: 2,
    currentStep: {
      escalationId: 'esc-4',
      step: 4,
      role: 'director',
      status: 'open',
      firedAt: '2026-11-30T10:00:00.000Z',
      policyName: '16-17 in unsuitable accommodation',
    },
    acknowledged: false,
    latestAcknowledgement: {
      escalationId: 'esc-4',
      byUserId: 'u-1',
      byName: 'Dee Director',
      at: '2026-11-30T11:00:00.000Z',
      actionPlan: 'Supported lodgings',
      reviewBy: '2026-12-01',
      lapsed: true,
    },
    nextStep: { role: 'head_of_service', dueAt: '2026-12-03T12:00:00.000Z' },
    nextStepDueAt: '2026-12-03T12:00:00.000Z',
    unrouted: false,
    breaches: ['under_18_unsuitable'],
    breachesStatutoryLimit: true,
    paUserId: 'pa-1',
    paName: 'Pat Adviser',
    openPlacementRequest: { id: 'r-1', status: 'held', neededBy: '2026-12-04', urgency: 'emergency' },
    ...over,
  };
}

const report = (n: number): UnsuitableReport => ({
  items: Array.from({ length: n }, (_, k) => row({ stayId: `s${k}`, reference: `CL-${k}` })),
  total: n,
  asOf: '2026-12-02T12:00:00.000Z',
});

describe('the live list on a page', () => {
  it('reads the filters from the address, ignoring anything it does not offer', () => {
    expect(
      readFilters({ area: ' Crewe ', breach: 'true', unacknowledged: 'yes', show: 'everyone', name: 'Kit' }),
    ).toEqual({
      area: 'Crewe',
      breach: true,
      unacknowledged: false,
      everyone: true,
    });
    expect(readFilters({ area: ['Crewe', 'Nantwich'] }).area).toBe('Crewe');
    expect(readFilters({})).toEqual(NONE);
    expect(readPage({ page: '3' })).toBe(3);
    for (const page of ['0', '-1', 'two', '1.5', '', '99999999']) expect(readPage({ page })).toBe(1);
  });

  it('asks the service only for the filters chosen', () => {
    expect(liveListQuery(NONE)).toEqual({});
    expect(liveListQuery({ area: 'Crewe', breach: true, unacknowledged: true, everyone: true })).toEqual({
      area: 'Crewe',
      breach: 'true',
      unacknowledged: 'true',
    });
  });

  it('writes addresses with the filters and page, and reads them back the same', () => {
    expect(hrefFor(NONE)).toBe('/');
    expect(hrefFor({ ...NONE, everyone: true, area: 'Nantwich' }, 2)).toBe('/?show=everyone&area=Nantwich&page=2');
    fc.assert(
      fc.property(
        fc.record({ area: fc.string(), breach: fc.boolean(), unacknowledged: fc.boolean(), everyone: fc.boolean() }),
        fc.integer({ min: 1, max: 999 }),
        (f, page) => {
          const q = Object.fromEntries(new URL(hrefFor(f, page), 'https://x.test').searchParams);
          expect(readFilters(q)).toEqual({ ...f, area: f.area.trim() });
          expect(readPage(q)).toBe(page);
        },
      ),
    );
  });

  it('shows a line in words: where, how long, the breach, the step and whether acknowledged, the plan, the request', () => {
    expect(presentLine(row())).toEqual({
      youngPersonId: 'yp-1',
      name: 'Kit Young',
      reference: 'CL-1001',
      timelineHref: '/young-people/yp-1/timeline',
      age: 17,
      under18: true,
      homeArea: 'Crewe',
      where: 'Bed and breakfast / hotel',
      description: 'Travelodge Crewe',
      whereTags: [
        { text: 'Unsuitable', classes: 'govuk-tag--red' },
        { text: 'Emergency', classes: 'govuk-tag--orange' },
      ],
      hours: '50 hours',
      workingDays: '2 working days',
      breaches: ['Under 18 in unsuitable accommodation'],
      step: {
        text: 'Director (step 4)',
        href: '/escalations/esc-4',
        acknowledged: { text: 'Not acknowledged', classes: 'govuk-tag--red' },
      },
      next: { role: 'Head of service', when: 'Thu 3 Dec 2026, 12:00' },
      plan: { text: 'Supported lodgings', reviewBy: '1 December 2026', lapsed: true },
      pa: 'Pat Adviser',
      request: { status: 'Bed held', urgency: 'Emergency', neededBy: '4 December 2026' },
      unrouted: false,
    });
    const suitableEmergency = presentLine(
      row({
        accommodationCode: 'D',
        suitable: true,
        emergency: true,
        age: 20,
        hoursElapsed: 1,
        workingDaysElapsed: 1,
        currentStep: null,
        acknowledged: false,
        latestAcknowledgement: null,
        nextStep: null,
        openPlacementRequest: null,
        paName: null,
        breaches: [],
      }),
    );
    expect(suitableEmergency).toMatchObject({
      under18: false,
      where: 'Semi-independent, transitional accommodation',
      whereTags: [{ text: 'Emergency', classes: 'govuk-tag--orange' }],
      hours: '1 hour',
      workingDays: '1 working day',
      step: null,
      next: null,
      plan: null,
      request: null,
      pa: 'No PA allocated',
    });
    expect(presentLine(row({ acknowledged: true })).step?.acknowledged).toEqual({
      text: 'Acknowledged',
      classes: 'govuk-tag--green',
    });
  });

  it('cuts a long action plan at a word', () => {
    expect(truncate('short plan')).toBe('short plan');
    const long =
      'Supported lodgings with a host family in Crewe from Wednesday; the PA visits the hotel every day until then';
    expect(truncate(long, 60)).toBe('Supported lodgings with a host family in Crewe from…');
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (s) => expect(truncate(s).length).toBeLessThanOrEqual(100)));
  });

  it('pages 25 at a time in the service’s order; a page past the last is the last', () => {
    const thirty = report(30);
    const first = presentLiveList(thirty, NONE, 1);
    expect(first.lines.map((l) => l.reference)).toEqual(thirty.items.slice(0, PER_PAGE).map((i) => i.reference));
    expect(first).toMatchObject({ page: 1, pages: 2, total: 30, showing: 'Showing 1 to 25 of 30' });
    const last = presentLiveList(thirty, NONE, 7);
    expect(last).toMatchObject({ page: 2, showing: 'Showing 26 to 30 of 30' });
    expect(last.lines.map((l) => l.reference)).toEqual(['CL-25', 'CL-26', 'CL-27', 'CL-28', 'CL-29']);
    expect(presentLiveList(report(0), NONE, 1)).toMatchObject({ lines: [], showing: '', pagination: null, pages: 1 });
    expect(presentLiveList(report(25), NONE, 1).pagination).toBeNull();
  });

  it('links the pages with the filters kept, the current one marked, gaps shown as ellipses', () => {
    const f = { ...NONE, everyone: true, breach: true };
    expect(presentPagination(f, 1, 2)).toEqual({
      next: { href: '/?show=everyone&breach=true&page=2' },
      items: [
        { number: 1, href: '/?show=everyone&breach=true', current: true },
        { number: 2, href: '/?show=everyone&breach=true&page=2', current: false },
      ],
    });
    const middle = presentPagination(NONE, 5, 10)!;
    expect(middle.previous).toEqual({ href: '/?page=4' });
    expect(middle.items.map((i) => ('ellipsis' in i ? '…' : i.number))).toEqual([1, '…', 4, 5, 6, '…', 10]);
  });
});
