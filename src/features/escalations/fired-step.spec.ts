import { WorkingCalendar } from '../../kernel/working-days';
import { escalationAlert, firedAudit, type AlertFacts, type FiredStep } from './fired-step';

const cal = new WorkingCalendar();
const esc: FiredStep = {
  id: 'e1',
  stayId: 's1',
  stepIndex: 2,
  occurrence: 0,
  role: 'service_manager',
  dueAt: new Date('2026-11-03T10:00:00Z'),
  recordedLate: false,
};
const facts: AlertFacts = {
  person: { id: 'y1', reference: 'CL-1001', firstName: 'Alex', lastName: 'Taylor', dateOfBirth: '2008-11-04' },
  clockStay: { accommodationCode: 'W', startedAt: new Date('2026-11-02T10:00:00Z') },
  current: { accommodationCode: 'V', startedAt: new Date('2026-11-02T20:00:00Z') },
};
const now = new Date('2026-11-03T10:00:02Z');
const recipients = [
  { userId: 'u1', email: 'sm@test.invalid', role: 'service_manager' as const, via: 'line_manager' as const },
  { userId: 'u2', email: 'pa@test.invalid', role: 'pa' as const, via: 'allocated_pa' as const },
];

describe('escalationAlert', () => {
  it('says where the young person is now, by reference and initials, and how long since the clock started', () => {
    expect(escalationAlert(esc, facts, now, cal, recipients)).toEqual({
      escalationId: 'e1',
      youngPersonId: 'y1',
      reference: 'CL-1001',
      initials: 'A.T.',
      accommodationCode: 'V',
      accommodationLabel: expect.any(String),
      ageYears: 17,
      recordedLate: false,
      clockStartedAt: facts.clockStay.startedAt,
      elapsedText: expect.stringContaining('24 hours'),
      step: 3,
      role: 'service_manager',
      dueAt: esc.dueAt,
      firedAt: now,
      recipients,
    });
  });

  it('falls back to where the clock started once the run of unsuitable stays has ended', () => {
    const alert = escalationAlert(esc, { ...facts, current: null }, now, cal, recipients);
    expect(alert).toMatchObject({ accommodationCode: 'W' });
  });
});

describe('firedAudit', () => {
  it('records the step, how late it fired, who was told and how they were found (no e-mail addresses)', () => {
    expect(firedAudit(esc, now, { recipients, unrouted: false })).toEqual({
      actorUserId: null,
      action: 'escalation.fired',
      entity: 'Escalation',
      entityId: 'e1',
      changes: {
        stayId: 's1',
        step: 3,
        occurrence: 0,
        role: 'service_manager',
        dueAt: '2026-11-03T10:00:00.000Z',
        firedAt: '2026-11-03T10:00:02.000Z',
        lateByMs: 2000,
        recordedLate: false,
        notified: [
          { userId: 'u1', role: 'service_manager', via: 'line_manager' },
          { userId: 'u2', role: 'pa', via: 'allocated_pa' },
        ],
        unrouted: false,
      },
      at: now,
    });
  });
});
