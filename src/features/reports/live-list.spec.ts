import { WorkingCalendar } from '../../kernel/working-days';
import { liveListItem, type LiveListRow } from './live-list';
import type { ClockStep } from './live-list-steps';

const cal = new WorkingCalendar();
// Monday 2 March 2026, 10:00 (GMT).
const NOW = new Date('2026-03-02T10:00:00Z');
const TODAY = '2026-03-02';

function row(over: Partial<LiveListRow> = {}): LiveListRow {
  return {
    stay_id: 's1',
    young_person_id: 'y1',
    reference: 'CL-1001',
    first_name: 'Alex',
    last_name: 'Taylor',
    date_of_birth: '2007-06-15',
    home_area: 'Crewe',
    pa_user_id: 'u-pa',
    pa_name: 'Pat Adviser',
    pregnant_or_parent: false,
    accommodation_code: 'W',
    description: 'Travelodge Crewe',
    suitable: false,
    emergency: true,
    started_at: new Date('2026-02-25T20:00:00Z'),
    clock_started_at: new Date('2026-02-24T20:00:00Z'),
    request_id: null,
    request_status: null,
    request_needed_by: null,
    request_urgency: null,
    steps: [],
    ...over,
  };
}

function step(over: Partial<ClockStep> = {}): ClockStep {
  return {
    id: 'e1',
    step: 1,
    occurrence: 0,
    role: 'team_manager',
    status: 'open',
    policyName: '18+ in a hotel',
    dueAt: new Date('2026-02-24T20:00:00Z'),
    firedAt: new Date('2026-02-24T20:00:00Z'),
    unrouted: false,
    closedReason: null,
    acknowledgedAt: null,
    acknowledgedByUserId: null,
    acknowledgedByName: null,
    actionPlan: null,
    reviewBy: null,
    acknowledgementLapsedAt: null,
    ...over,
  };
}

describe('a line of the live list', () => {
  it('counts hours and working days from when the clock started, not from this stay', () => {
    const item = liveListItem(row(), NOW, TODAY, cal);
    expect(item).toMatchObject({
      stayId: 's1',
      age: 18,
      startedAt: '2026-02-25T20:00:00.000Z',
      clockStartedAt: '2026-02-24T20:00:00.000Z',
      hoursElapsed: 134,
      workingDaysElapsed: 3, // Wed, Thu, Fri at 20:00; the fourth falls at 20:00 today
      currentStep: null,
      acknowledged: false,
      nextStepDueAt: null,
      paUserId: 'u-pa',
    });
  });

  it('flags an adult in a hotel past two working days, and not before', () => {
    expect(liveListItem(row(), NOW, TODAY, cal).breachesStatutoryLimit).toBe(true);
    const fresh = row({
      clock_started_at: new Date('2026-03-01T20:00:00Z'),
      started_at: new Date('2026-03-01T20:00:00Z'),
    });
    expect(liveListItem(fresh, NOW, TODAY, cal).breachesStatutoryLimit).toBe(false);
  });

  it('flags a 17-year-old in a hotel at once, by their age today', () => {
    const young = row({ date_of_birth: '2008-03-03', clock_started_at: new Date('2026-03-02T09:00:00Z') });
    expect(liveListItem(young, NOW, TODAY, cal)).toMatchObject({ age: 17, breachesStatutoryLimit: true });
  });

  it('names the young person, their home area and PA, and their most urgent open request', () => {
    const item = liveListItem(
      row({ request_id: 'r1', request_status: 'held', request_needed_by: '2026-03-03', request_urgency: 'emergency' }),
      NOW,
      TODAY,
      cal,
    );
    expect(item).toMatchObject({
      name: 'Alex Taylor',
      homeArea: 'Crewe',
      paName: 'Pat Adviser',
      openPlacementRequest: { id: 'r1', status: 'held', neededBy: '2026-03-03', urgency: 'emergency' },
      unrouted: false,
      latestAcknowledgement: null,
      nextStep: null,
    });
    expect(liveListItem(row(), NOW, TODAY, cal).openPlacementRequest).toBeNull();
  });

  it('names the statutory breaches, and flags a breach exactly when it names one', () => {
    const adult = liveListItem(row(), NOW, TODAY, cal);
    expect(adult).toMatchObject({ breaches: ['adult_two_working_days'], breachesStatutoryLimit: true });
    const young = liveListItem(row({ date_of_birth: '2008-03-03' }), NOW, TODAY, cal);
    expect(young).toMatchObject({ age: 17, breaches: ['under_18_unsuitable'], breachesStatutoryLimit: true });
    const shelter = liveListItem(row({ accommodation_code: 'V' }), NOW, TODAY, cal);
    expect(shelter).toMatchObject({ breaches: [], breachesStatutoryLimit: false });
  });

  it('shows the current step, whether it was acknowledged, and the next step due', () => {
    const fired = row({
      steps: [
        step({
          id: 'e2',
          step: 2,
          role: 'service_manager',
          status: 'acknowledged',
          firedAt: new Date('2026-02-26T09:00:00Z'),
          acknowledgedAt: new Date('2026-02-26T10:00:00Z'),
          acknowledgedByUserId: 'u-sm',
        }),
        step({
          id: 'e3',
          step: 3,
          role: 'head_of_service',
          status: 'scheduled',
          firedAt: null,
          dueAt: new Date('2026-03-03T09:00:00Z'),
        }),
        step({
          id: 'e9',
          step: 9,
          role: 'pa',
          status: 'scheduled',
          firedAt: null,
          dueAt: new Date('2026-03-02T12:00:00Z'),
        }),
      ],
    });
    expect(liveListItem(fired, NOW, TODAY, cal)).toMatchObject({
      currentStep: {
        escalationId: 'e2',
        step: 2,
        role: 'service_manager',
        status: 'acknowledged',
        firedAt: '2026-02-26T09:00:00.000Z',
        policyName: '18+ in a hotel',
      },
      acknowledged: true,
      nextStep: { role: 'head_of_service', dueAt: '2026-03-03T09:00:00.000Z' },
      nextStepDueAt: '2026-03-02T12:00:00.000Z',
    });
  });
});
