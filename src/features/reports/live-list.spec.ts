import { WorkingCalendar } from '../../kernel/working-days';
import { currentStep, liveListItem, type LiveListRow } from './live-list';

const cal = new WorkingCalendar();
// Monday 2 March 2026, 10:00 (GMT).
const NOW = new Date('2026-03-02T10:00:00Z');
const TODAY = '2026-03-02';

function row(over: Partial<LiveListRow> = {}): LiveListRow {
  return {
    stay_id: 's1',
    young_person_id: 'y1',
    reference: 'CL-1001',
    date_of_birth: '2007-06-15',
    pa_user_id: 'u-pa',
    pregnant_or_parent: false,
    accommodation_code: 'W',
    description: 'Travelodge Crewe',
    suitable: false,
    emergency: true,
    started_at: new Date('2026-02-25T20:00:00Z'),
    clock_started_at: new Date('2026-02-24T20:00:00Z'),
    esc_id: null,
    esc_step: null,
    esc_role: null,
    esc_status: null,
    esc_fired_at: null,
    policy_name: null,
    next_due_at: null,
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

  it('shows the step that fired last and whether it was acknowledged', () => {
    const fired = row({
      esc_id: 'e1',
      esc_step: 2,
      esc_role: 'service_manager',
      esc_status: 'acknowledged',
      esc_fired_at: new Date('2026-02-26T09:00:00Z'),
      policy_name: '18+ in a hotel',
      next_due_at: new Date('2026-03-03T09:00:00Z'),
    });
    expect(currentStep(fired)).toEqual({
      escalationId: 'e1',
      step: 2,
      role: 'service_manager',
      status: 'acknowledged',
      firedAt: '2026-02-26T09:00:00.000Z',
      policyName: '18+ in a hotel',
    });
    expect(liveListItem(fired, NOW, TODAY, cal)).toMatchObject({
      acknowledged: true,
      nextStepDueAt: '2026-03-03T09:00:00.000Z',
    });
  });
});
