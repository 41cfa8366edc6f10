import type { CaseloadPerson } from '../../features/reports/caseload.service';
import type { CoverageView } from '../../features/escalations/coverage.dto';
import type { ReviewView } from '../../features/escalations/escalations.dto';
import type { UnsuitableReport, UnsuitableRow } from '../../features/reports/live-list.dto';
import {
  areaItems,
  emptyState,
  liveListCaption,
  liveListTitle,
  presentDueReviews,
  presentOpenAlerts,
  presentOperations,
  presentPaHome,
} from './home.presenter';
import type { LiveListFilters } from './live-list.presenter';

const NONE: LiveListFilters = { area: '', breach: false, unacknowledged: false, everyone: false };
const manager = { reach: true, caseload: false };
const pa = { reach: false, caseload: true };
const housing = { reach: false, caseload: false };

function review(over: Partial<ReviewView>): ReviewView {
  return {
    escalationId: 'esc-1',
    step: 4,
    role: 'director',
    youngPersonId: 'yp-1',
    reference: 'CL-1001',
    initials: 'K.Y.',
    acknowledgedAt: '2026-11-30T11:00:00.000Z',
    reviewBy: '2026-12-01',
    reviewDueAt: '2026-12-01T09:00:00.000Z',
    actionPlan: 'Supported lodgings',
    lapsed: false,
    acknowledgementLapsedAt: null,
    ...over,
  };
}

describe('the home pages', () => {
  it('titles the page by whose young people it lists, and captions the table by the toggle', () => {
    expect(liveListTitle(false)).toBe('Young people in unsuitable or emergency accommodation');
    expect(liveListTitle(true)).toBe('Your young people');
    expect(liveListCaption(NONE, manager)).toBe('Young people whose alerts reach you');
    expect(liveListCaption({ ...NONE, everyone: true }, manager)).toBe(
      'Everyone in unsuitable or emergency accommodation',
    );
    expect(liveListCaption(NONE, pa)).toBe('In unsuitable or emergency accommodation');
    expect(liveListCaption(NONE, housing)).toBe('Everyone in unsuitable or emergency accommodation');
  });

  it('says what is true when nobody is listed, and where to look next', () => {
    expect(emptyState(NONE, manager)).toEqual({
      text: 'Nobody is in unsuitable or emergency accommodation whose alerts reach you.',
      link: { href: '/?show=everyone', text: 'Show everyone in unsuitable or emergency accommodation' },
    });
    expect(emptyState({ ...NONE, area: 'Crewe' }, manager)).toEqual({
      text: 'Nobody whose alerts reach you matches these filters.',
      link: { href: '/?show=everyone&area=Crewe', text: 'Show everyone who matches these filters' },
    });
    expect(emptyState({ ...NONE, everyone: true, breach: true }, manager)).toEqual({
      text: 'Nobody in unsuitable or emergency accommodation matches these filters.',
      link: { href: '/?show=everyone', text: 'Clear the filters' },
    });
    expect(emptyState({ ...NONE, everyone: true }, manager)).toEqual({
      text: 'Nobody is in unsuitable or emergency accommodation.',
      link: null,
    });
    expect(emptyState(NONE, pa).text).toBe('None of your young people is in unsuitable or emergency accommodation.');
    expect(emptyState({ ...NONE, unacknowledged: true }, pa).text).toBe(
      'None of your young people matches these filters.',
    );
    expect(emptyState(NONE, housing).text).toBe('Nobody is in unsuitable or emergency accommodation.');
  });

  it('offers every area on the list, the chosen one selected whatever its case', () => {
    const items = areaItems([{ name: 'Crewe' }, { name: 'Nantwich' }], 'nantwich');
    expect(items).toEqual([
      { value: '', text: 'All areas', selected: false },
      { value: 'Crewe', text: 'Crewe', selected: false },
      { value: 'Nantwich', text: 'Nantwich', selected: true },
    ]);
    expect(areaItems([{ name: 'Crewe' }], '')[0].selected).toBe(true);
  });

  it('names open alerts by reference and initials, with the step, its role, when it fired and a lapse', () => {
    const panel = presentOpenAlerts({
      items: [
        {
          escalationId: 'esc-2',
          youngPersonId: 'yp-1',
          reference: 'CL-1001',
          initials: 'K.Y.',
          step: 3,
          occurrence: 1,
          role: 'head_of_service',
          firedAt: '2026-12-02T12:00:00.000Z',
          lapsed: false,
        },
        {
          escalationId: 'esc-1',
          youngPersonId: 'yp-1',
          reference: 'CL-1001',
          initials: 'K.Y.',
          step: 4,
          occurrence: 0,
          role: 'director',
          firedAt: '2026-11-30T10:00:00.000Z',
          lapsed: true,
        },
      ],
      total: 12,
    });
    expect(panel).toEqual({
      items: [
        {
          href: '/escalations/esc-2',
          who: 'CL-1001 K.Y.',
          step: 'Step 3, repeat 1',
          role: 'Head of service',
          fired: 'Wed 2 Dec 2026, 12:00',
          lapsed: false,
        },
        {
          href: '/escalations/esc-1',
          who: 'CL-1001 K.Y.',
          step: 'Step 4',
          role: 'Director',
          fired: 'Mon 30 Nov 2026, 10:00',
          lapsed: true,
        },
      ],
      total: 12,
      more: 'Showing the 2 newest of 12',
    });
    expect(presentOpenAlerts({ items: [], total: 0 }).more).toBe('');
  });

  it('lists the reviews due today or before, and the lapsed ones, not those still ahead', () => {
    const lines = presentDueReviews(
      {
        items: [
          review({ escalationId: 'lapsed', reviewBy: '2026-12-01', lapsed: true }),
          review({ escalationId: 'today', reviewBy: '2026-12-02' }),
          review({ escalationId: 'later', reviewBy: '2026-12-03' }),
        ],
        total: 3,
      },
      '2026-12-02',
    );
    expect(lines.map((l) => l.href)).toEqual(['/escalations/lapsed', '/escalations/today']);
    expect(lines[0]).toEqual({
      href: '/escalations/lapsed',
      who: 'CL-1001 K.Y.',
      step: 'Step 4, Director',
      reviewBy: '1 December 2026',
      lapsed: true,
      actionPlan: 'Supported lodgings',
    });
  });

  it('shows an administrator who a step reached nobody for, the coverage gaps and the last check', () => {
    const line = (over: Partial<UnsuitableRow>): UnsuitableRow => ({
      stayId: 's',
      youngPersonId: 'yp',
      reference: 'CL-1',
      name: 'Vic Nobody',
      age: 22,
      homeArea: null,
      accommodationCode: 'W',
      description: null,
      suitable: false,
      emergency: false,
      startedAt: '2026-12-02T12:00:00.000Z',
      clockStartedAt: '2026-12-02T12:00:00.000Z',
      hoursElapsed: 0,
      workingDaysElapsed: 0,
      currentStep: null,
      acknowledged: false,
      latestAcknowledgement: null,
      nextStep: null,
      nextStepDueAt: null,
      unrouted: false,
      breaches: [],
      breachesStatutoryLimit: false,
      paUserId: 'pa',
      paName: 'Pat',
      openPlacementRequest: null,
      ...over,
    });
    const report: UnsuitableReport = {
      items: [line({ reference: 'CL-1', unrouted: true }), line({ reference: 'CL-2' })],
      total: 2,
      asOf: '2026-12-02T12:00:00.000Z',
    };
    const coverage: CoverageView = {
      areas: [
        { area: 'Crewe', role: 'director', recipients: [], gap: true, unrouted: true },
        { area: null, role: 'team_manager', recipients: [], gap: true, unrouted: false },
      ],
      gaps: [
        { area: 'Crewe', role: 'director' },
        { area: null, role: 'team_manager' },
      ],
      pasWithIncompleteChains: [
        { paUserId: 'pa', name: 'Pat', managerId: null, missingInChain: ['team_manager', 'director'] },
      ],
    };
    const view = presentOperations(report, coverage, {
      ranAt: '2026-12-02T12:00:00.000Z',
      violations: { missing_wake_up: 2, stale_step: 0 },
      lastCleanAt: null,
    });
    expect(view.unrouted.map((l) => l.reference)).toEqual(['CL-1']);
    expect(view.coverage).toEqual({
      gaps: [
        { area: 'Crewe', role: 'Director', reachesNobody: true },
        { area: 'No home area', role: 'Team manager', reachesNobody: false },
      ],
      summary: '2 gaps in who escalations would reach, 1 reaching nobody.',
      incompleteChains: [{ name: 'Pat', missing: 'team manager, director' }],
    });
    expect(view.auditor).toEqual({
      ranAt: 'Wed 2 Dec 2026, 12:00',
      clean: false,
      problems: ['Missing wake up: 2'],
      lastCleanAt: '',
    });
    const clean = presentOperations(
      { ...report, items: [] },
      { areas: [], gaps: [], pasWithIncompleteChains: [] },
      { ranAt: '2026-12-02T12:00:00.000Z', violations: {}, lastCleanAt: '2026-12-02T12:00:00.000Z' },
    );
    expect(clean.coverage.summary).toBe('Every area and role would reach someone in that role.');
    expect(clean.auditor?.clean).toBe(true);
    expect(presentOperations(report, coverage, null).auditor).toBeNull();
  });
});

describe('a PA’s home', () => {
  const someone = (id: string, over: Partial<CaseloadPerson>): CaseloadPerson => ({
    id,
    reference: `CL-${id}`,
    firstName: id,
    lastName: 'Page',
    dateOfBirth: '2009-04-17',
    age: 17,
    homeArea: 'Crewe',
    paUserId: 'pa',
    paName: 'Pat',
    whereNow: null,
    lastContactAt: null,
    contactDue: false,
    requests: [],
    ...over,
  });

  it('lists those due a contact first, with the last contact or none, then the rest in the service’s order', () => {
    const home = presentPaHome({
      asOf: '2026-11-27T17:00:00Z',
      people: [
        someone('Ann', { lastContactAt: '2026-11-13T10:00:00Z' }),
        someone('Bea', { contactDue: true, lastContactAt: '2026-09-25T10:00:00Z' }),
        someone('Cy', { contactDue: true }),
      ],
    });
    expect(home.caseload.map((l) => [l.name, l.contactDue, l.lastContact])).toEqual([
      ['Bea Page', true, 'Last contact 25 September 2026'],
      ['Cy Page', true, 'No contact recorded'],
      ['Ann Page', false, 'Last contact 13 November 2026'],
    ]);
    expect(home.caseload[0]).toMatchObject({ href: '/young-people/Bea', reference: 'CL-Bea', age: 'Age 17, Crewe' });
    expect(home.dueSummary).toBe('2 young people are due a contact.');
    expect(presentPaHome({ asOf: '', people: [someone('Ann', {})] }).dueSummary).toBe('');
  });

  it('says what is happening to each open request: waiting, or a bed held or confirmed', () => {
    const home = presentPaHome({
      asOf: '2026-11-27T17:00:00Z',
      people: [
        someone('Ann', {
          requests: [
            { id: 'r1', status: 'open', urgency: 'planned', neededBy: '2026-12-10', holds: [] },
            {
              id: 'r2',
              status: 'held',
              urgency: 'emergency',
              neededBy: '2026-11-27',
              holds: [
                {
                  status: 'held',
                  bedLabel: 'Room 1',
                  providerName: 'Foyer',
                  expiresAt: '2026-11-27T21:00:00Z',
                  moveInAt: null,
                },
              ],
            },
          ],
        }),
      ],
    });
    expect(home.requests).toEqual([
      {
        href: '/young-people/Ann',
        name: 'Ann Page',
        reference: 'CL-Ann',
        request: 'Planned, needed by 10 December 2026',
        state: 'Waiting for a bed',
        holds: [],
      },
      {
        href: '/young-people/Ann',
        name: 'Ann Page',
        reference: 'CL-Ann',
        request: 'Emergency, needed by 27 November 2026',
        state: 'Bed held',
        holds: ['Room 1, Foyer: held until Fri 27 Nov 2026, 21:00'],
      },
    ]);
  });
});
