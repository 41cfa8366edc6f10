import { accommodationLabel } from '../../kernel/accommodation';
import { ageOn, londonDate } from '../../kernel/dates';
import { elapsedText, initials } from '../../kernel/statutory-limits';
import type { WorkingCalendar } from '../../kernel/working-days';
import type { AuditEntry } from '../audit/audit.service';
import type { EscalationAlert } from '../notifications/notifications.service';
import { roleLabel } from '../notifications/escalation-message';
import type { StepRecipient, StepRoute } from './step-routing.queries';

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

/** The `escalation.fired` audit event: when it was due, how late it fired, who was told and how they were found. */
export function firedAudit(esc: FiredStep, now: Date, route: Pick<StepRoute, 'recipients' | 'unrouted'>): AuditEntry {
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
      recordedLate: esc.recordedLate,
      notified: route.recipients.map((r) => ({ userId: r.userId, role: r.role, via: r.via })),
      unrouted: route.unrouted,
    },
    at: now,
  };
}

/** What administrators are told of a step that reached nobody responsible: the gap to close, no personal detail. */
export function unroutedNotice(
  esc: FiredStep,
  person: { reference: string; firstName: string; lastName: string },
  publicBaseUrl: string,
): { kind: string; subject: string; body: string; link: string } {
  const who = `${person.reference} ${initials(person.firstName, person.lastName)}`;
  const link = `${publicBaseUrl.replace(/\/+$/, '')}/escalations/${esc.id}`;
  const role = roleLabel(esc.role);
  return {
    kind: 'unrouted',
    subject: `Unrouted escalation: step ${esc.stepIndex + 1} (${role}) for ${who} reached nobody`,
    body: [
      `Escalation step ${esc.stepIndex + 1} for ${who} is addressed to the ${role}, but no active ${role} or anyone more senior`,
      `could be found through the PA's line manager, the young person's home area or council-wide.`,
      `Give the young person's PA a manager, or an area a ${role}, and check GET /escalation-coverage.`,
      link,
    ].join('\n'),
    link,
  };
}

/**
 * What everyone alerted on a clock hears when it stops: the young person is no longer in unsuitable
 * or emergency accommodation, and where they went (the kind of place, never the free text).
 */
export function resolvedNotice(
  person: { id: string; reference: string; firstName: string; lastName: string },
  ended: { accommodationCode: string },
  next: { accommodationCode: string; suitable: boolean } | null,
  publicBaseUrl: string,
): { kind: string; subject: string; body: string; link: string } {
  const who = `${person.reference} ${initials(person.firstName, person.lastName)}`;
  const link = `${publicBaseUrl.replace(/\/+$/, '')}/young-people/${person.id}/timeline`;
  const went = next
    ? `now ${accommodationLabel(next.accommodationCode)} (${next.accommodationCode}${next.suitable ? '1, suitable' : '2'})`
    : 'the stay has ended and no new stay is recorded yet';
  return {
    kind: 'resolved',
    subject: `Resolved: ${who} has left ${accommodationLabel(ended.accommodationCode)}`,
    body: [
      `${who} is no longer in unsuitable or emergency accommodation: ${went}.`,
      'The escalation clock has stopped; no further steps will be raised for this stay.',
      link,
    ].join('\n'),
    link,
  };
}
