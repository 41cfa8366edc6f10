import { WorkingCalendar } from '../../kernel/working-days';
import type { AlertNotificationRow, AlertPlaceRow, AlertStepRow } from './alert.queries';
import { alertPageView, type AcknowledgeDecision } from './alert-view';
import { roleRefusal, stateRefusal } from './escalations.service';

const cal = new WorkingCalendar();
// Monday 30 November 2026, 10:00 (GMT) the clock started; a week and an hour later is now.
const START = new Date('2026-11-30T10:00:00Z');
const NOW = new Date('2026-12-07T11:00:00Z');
const ALLOWED: AcknowledgeDecision = { allowed: true, refusal: null, reason: null };

function place(over: Partial<AlertPlaceRow> = {}): AlertPlaceRow {
  return {
    young_person_id: 'y1',
    reference: 'CL-1001',
    first_name: 'Alex',
    last_name: 'Taylor',
    date_of_birth: '2005-12-08',
    home_area: 'Crewe',
    pa_user_id: 'pa1',
    pa_name: 'Pat Adviser',
    pregnant_or_parent: false,
    clock_started_at: START,
    stay_id: 's1',
    accommodation_code: 'W',
    suitable: false,
    emergency: false,
    description: null,
    started_at: START,
    ended_at: null,
    ...over,
  };
}

function step(id: string, over: Partial<AlertStepRow> = {}): AlertStepRow {
  return {
    id,
    step: 1,
    occurrence: 0,
    role: 'team_manager',
    status: 'open',
    policy_name: '18+ in hotel / B&B / emergency accommodation',
    max_review_after: 'P5WD',
    due_at: START,
    fired_at: START,
    closed_at: null,
    closed_reason: null,
    unrouted: false,
    recorded_late: false,
    acknowledged_at: null,
    acknowledged_by_user_id: null,
    acknowledged_by_name: null,
    action_plan: null,
    review_by: null,
    acknowledgement_lapsed_at: null,
    recipients: [],
    ...over,
  };
}

function note(escalationId: string, over: Partial<AlertNotificationRow> = {}): AlertNotificationRow {
  return {
    escalation_id: escalationId,
    kind: 'escalation',
    channel: 'in_app',
    status: 'sent',
    recipient_user_id: 'tm1',
    recipient_name: 'Terry Manager',
    recipient_role: 'team_manager',
    created_at: START,
    sent_at: START,
    read_at: null,
    ...over,
  };
}

const view = (over: Partial<Parameters<typeof alertPageView>[0]> = {}) =>
  alertPageView({
    escalationId: 'e1',
    place: place(),
    ladder: [step('e1')],
    notifications: [],
    now: NOW,
    cal,
    decision: ALLOWED,
    ...over,
  });

describe('the alert page’s view of a step', () => {
  it('gives the age on the UK date: a birthday that starts at midnight in London, not in UTC', () => {
    // In winter London keeps UTC; in summer BST is an hour ahead: 23:30Z on 30 June is already 1 July in London.
    expect(view({ now: new Date('2026-12-07T23:59:00Z') }).youngPerson.age).toBe(20);
    expect(view({ now: new Date('2026-12-08T00:00:00Z') }).youngPerson.age).toBe(21);
    const summer = place({ date_of_birth: '2005-07-01' });
    expect(view({ place: summer, now: new Date('2026-06-30T23:30:00Z') }).youngPerson.age).toBe(21);
  });

  it('counts hours and working days as the live list does, and names the statutory limit broken now', () => {
    const v = view();
    expect(v.clock).toEqual({
      startedAt: START.toISOString(),
      running: true,
      hoursElapsed: 169,
      workingDaysElapsed: 5,
      breaches: ['adult_two_working_days'],
    });
    expect(v.place).toMatchObject({
      accommodationLabel: 'bed and breakfast / hotel',
      unsuitable: true,
      emergency: true,
    });
  });

  it('counts to the end of the run once the clock has stopped, and breaks no limit then', () => {
    const ended = place({ ended_at: new Date('2026-12-01T10:00:00Z') });
    expect(view({ place: ended }).clock).toMatchObject({ running: false, hoursElapsed: 24, breaches: [] });
  });

  it('puts each recipient with their channels, then webhooks by role, and the administrators of an unrouted step apart', () => {
    const ladder = [
      step('e1', {
        unrouted: true,
        recipients: [{ userId: 'pa1', role: 'pa', via: 'allocated_pa', name: 'Pat Adviser' }],
      }),
    ];
    const notifications = [
      note('e1', { recipient_user_id: 'pa1', recipient_name: 'Pat Adviser', channel: 'email' }),
      note('e1', { recipient_user_id: 'pa1', recipient_name: 'Pat Adviser', read_at: NOW }),
      note('e1', { recipient_user_id: null, recipient_name: null, recipient_role: 'director', channel: 'webhook' }),
      note('e1', { kind: 'unrouted', recipient_user_id: 'ad1', recipient_name: 'Ada Admin', channel: 'email' }),
      note('e1', { kind: 'unrouted', recipient_user_id: 'ad1', recipient_name: 'Ada Admin' }),
      note('e2', { recipient_user_id: 'pa1' }),
    ];
    const s = view({ ladder, notifications }).step;
    expect(s.told.map((t) => [t.name, t.via, t.deliveries.map((d) => d.channel)])).toEqual([
      ['Pat Adviser', 'allocated_pa', ['email', 'in_app']],
      [null, null, ['webhook']],
    ]);
    expect(s.told[0].deliveries[1].readAt).toBe(NOW.toISOString());
    expect(s.adminsTold.map((t) => [t.name, t.deliveries.length])).toEqual([['Ada Admin', 2]]);
  });

  it('marks the page’s step, shows a lapsed acknowledgement, and gives the latest review date only to whoever may acknowledge', () => {
    const ladder = [
      step('e0'),
      step('e1', {
        step: 5,
        role: 'director',
        acknowledged_at: START,
        acknowledged_by_user_id: 'd1',
        acknowledged_by_name: 'Dee Director',
        action_plan: 'Panel',
        review_by: '2026-12-04',
        acknowledgement_lapsed_at: new Date('2026-12-04T09:00:00Z'),
      }),
    ];
    const v = view({ ladder });
    expect(v.ladder.map((s) => s.current)).toEqual([false, true]);
    expect(v.step.acknowledgement).toMatchObject({ byName: 'Dee Director', lapsedAt: '2026-12-04T09:00:00.000Z' });
    expect(v.acknowledge.latestReviewBy).toBe('2026-12-14');
    const refused = view({ ladder, decision: { allowed: false, refusal: 'role', reason: 'No' } });
    expect(refused.acknowledge).toEqual({ allowed: false, refusal: 'role', reason: 'No', latestReviewBy: null });
  });
});

describe('who may acknowledge, in words', () => {
  const as = (role: 'pa' | 'team_manager' | 'service_manager' | 'director' | 'admin', id = 'u1') => ({ id, role });

  it('says why a role may not, naming the step’s role, and says nothing to whoever may', () => {
    expect(roleRefusal(as('team_manager'), 'director', 'pa1')).toBe(
      'This step is addressed to the director. Only the director can acknowledge it.',
    );
    expect(roleRefusal(as('team_manager'), 'service_manager', 'pa1')).toBe(
      'This step is addressed to the service manager. Only the service manager or someone more senior can acknowledge it.',
    );
    expect(roleRefusal(as('pa', 'pa2'), 'pa', 'pa1')).toMatch(/Only their personal adviser or a manager/);
    expect(roleRefusal(as('admin'), 'team_manager', 'pa1')).toMatch(/Only the team manager or someone more senior/);
    expect(roleRefusal(as('director'), 'director', 'pa1')).toBeNull();
    expect(roleRefusal(as('service_manager'), 'team_manager', 'pa1')).toBeNull();
    expect(roleRefusal(as('pa', 'pa1'), 'pa', 'pa1')).toBeNull();
  });

  it('only an open step can be acknowledged', () => {
    expect(stateRefusal('open')).toBeNull();
    expect(stateRefusal('scheduled')).toBe('This step has not fired yet');
    expect(stateRefusal('acknowledged')).toBe('This step is already acknowledged');
  });
});
