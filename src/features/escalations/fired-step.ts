import { accommodationLabel } from '../../kernel/accommodation';
import { ageOn, londonDate } from '../../kernel/dates';
import { elapsedText, initials } from '../../kernel/statutory-limits';
import type { WorkingCalendar } from '../../kernel/working-days';
import type { AuditEntry } from '../audit/audit.service';
import type { EscalationAlert } from '../notifications/notifications.service';
import type { StepRecipient } from './step-routing.queries';

/** The step that fired, as the message and the audit trail need it. */
export interface FiredStep {
  id: string;
  stayId: string;
  stepIndex: number;
  occurrence: number;
  role: string;
  dueAt: Date;
  recordedLate: boolean;
}

interface PlaceFacts {
  accommodationCode: string;
  startedAt: Date;
}

/** What the alert says about the young person and the clock. */
export interface AlertFacts {
  person: { id: string; reference: string; firstName: string; lastName: string; dateOfBirth: string };
  /** The stay whose start started the clock. */
  clockStay: PlaceFacts;
  /** Where they are now (the clock's current stay), or null when the run of unsuitable stays has ended. */
  current: PlaceFacts | null;
}

/** The notification of a fired step: reference and initials only, where they are, how long the clock has run. */
export function escalationAlert(
  esc: FiredStep,
  facts: AlertFacts,
  now: Date,
  cal: WorkingCalendar,
  recipients: StepRecipient[],
): EscalationAlert {
  const { person, clockStay } = facts;
  const where = facts.current ?? clockStay;
  return {
    escalationId: esc.id,
    youngPersonId: person.id,
    reference: person.reference,
    initials: initials(person.firstName, person.lastName),
    accommodationCode: where.accommodationCode,
    accommodationLabel: accommodationLabel(where.accommodationCode),
    ageYears: ageOn(person.dateOfBirth, londonDate(now)),
    recordedLate: esc.recordedLate,
    clockStartedAt: clockStay.startedAt,
    elapsedText: elapsedText(clockStay.startedAt, now, cal),
    step: esc.stepIndex + 1,
    role: esc.role,
    dueAt: esc.dueAt,
    firedAt: now,
    recipients,
  };
}

/** The `escalation.fired` audit event: when it was due, how late it fired, who was told. */
export function firedAudit(esc: FiredStep, now: Date, recipients: StepRecipient[]): AuditEntry {
  return {
    actorUserId: null,
    action: 'escalation.fired',
    entity: 'Escalation',
    entityId: esc.id,
    changes: {
      stayId: esc.stayId,
      step: esc.stepIndex + 1,
      occurrence: esc.occurrence,
      role: esc.role,
      dueAt: esc.dueAt.toISOString(),
      firedAt: now.toISOString(),
      lateByMs: now.getTime() - esc.dueAt.getTime(),
      notified: recipients.map((r) => ({ userId: r.userId, role: r.role })),
    },
    at: now,
  };
}
