/**
 * What the alert page (where every escalation e-mail's link lands) shows about one step: the young
 * person and where they are, how long the clock has run and any statutory breach, the step, every
 * step of its clock with who was told through which channel and whether it was delivered and read,
 * and whether the reader may acknowledge it. Plain functions over the rows of `AlertQueries`; the
 * rules come from the kernel (ages, working days, breaches, review bounds) and the service
 * (who may acknowledge).
 */
import { accommodationLabel, ACCOMMODATION, isAccommodationCode } from '../../kernel/accommodation';
import { ageOn, londonDate } from '../../kernel/dates';
import { maxReviewAfterOf, latestReviewBy } from '../../kernel/reviews';
import type { Via } from '../../kernel/routing';
import { hoursElapsed, statutoryBreaches, type StatutoryBreach } from '../../kernel/statutory-limits';
import type { WorkingCalendar } from '../../kernel/working-days';
import type { AlertNotificationRow, AlertPlaceRow, AlertStepRow } from './alert.queries';
import type { EscalationStatus } from '../../kernel/ladder';

/** Whether the reader may acknowledge the step now; if not, which rule says no (`role`: 403, `state`: 409) and why. */
export type AcknowledgeDecision =
  { allowed: true; refusal: null; reason: null } | { allowed: false; refusal: 'role' | 'state'; reason: string };

export interface AlertDelivery {
  channel: AlertNotificationRow['channel'];
  status: AlertNotificationRow['status'];
  sentAt: string | null;
  /** In-app only: when the recipient read it. */
  readAt: string | null;
}

/** Someone told of a step (a webhook: the role's channel, no user), how they were found, and each channel's delivery. */
export interface AlertTold {
  userId: string | null;
  name: string | null;
  role: string | null;
  /** How routing found them; null for a webhook or an administrator told of an unrouted step. */
  via: Via | null;
  deliveries: AlertDelivery[];
}

export interface AlertAcknowledgement {
  byUserId: string | null;
  byName: string | null;
  at: string;
  actionPlan: string | null;
  reviewBy: string | null;
  /** Its review passed unrenewed: the step opened again. */
  lapsedAt: string | null;
}

export interface AlertStep {
  id: string;
  step: number;
  occurrence: number;
  role: string;
  policyName: string;
  status: EscalationStatus;
  dueAt: string;
  firedAt: string | null;
  closedAt: string | null;
  closedReason: string | null;
  unrouted: boolean;
  recordedLate: boolean;
  /** The step this page is about. */
  current: boolean;
  /** Who the step reached (routing's recipients first), by channel. */
  told: AlertTold[];
  /** The administrators told because the step reached nobody responsible. */
  adminsTold: AlertTold[];
  acknowledgement: AlertAcknowledgement | null;
}

export interface AlertPageView {
  asOf: string;
  youngPerson: {
    id: string;
    reference: string;
    name: string;
    age: number;
    homeArea: string | null;
    paUserId: string;
    paName: string | null;
  };
  /** Where the clock's run of stays is now (or ended). */
  place: {
    stayId: string;
    accommodationCode: string;
    accommodationLabel: string;
    unsuitable: boolean;
    emergency: boolean;
    description: string | null;
    startedAt: string;
    endedAt: string | null;
  };
  clock: {
    startedAt: string;
    /** The run of unsuitable or emergency stays goes on. */
    running: boolean;
    hoursElapsed: number;
    workingDaysElapsed: number;
    breaches: StatutoryBreach[];
  };
  step: AlertStep;
  ladder: AlertStep[];
  acknowledge: AcknowledgeDecision & {
    /** The latest review date the step's policy allows an acknowledgement made now (when the reader may make one). */
    latestReviewBy: string | null;
  };
}

export interface AlertInput {
  escalationId: string;
  place: AlertPlaceRow;
  ladder: AlertStepRow[];
  notifications: AlertNotificationRow[];
  now: Date;
  cal: WorkingCalendar;
  decision: AcknowledgeDecision;
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

const delivery = (n: AlertNotificationRow): AlertDelivery => ({
  channel: n.channel,
  status: n.status,
  sentAt: iso(n.sent_at),
  readAt: iso(n.read_at),
});

/** Routing's recipients with their deliveries, then anyone else the alert reached (a webhook: by role). */
function toldOf(row: AlertStepRow, notes: readonly AlertNotificationRow[]): AlertTold[] {
  const alerts = notes.filter((n) => n.kind === 'escalation');
  const told: AlertTold[] = row.recipients.map((r) => ({
    userId: r.userId,
    name: r.name,
    role: r.role,
    via: r.via,
    deliveries: alerts.filter((n) => n.recipient_user_id === r.userId).map(delivery),
  }));
  const known = new Set(row.recipients.map((r) => r.userId));
  for (const n of alerts) {
    const key = n.recipient_user_id;
    if (key !== null && known.has(key)) continue;
    const same = told.find((t) => (key === null ? t.userId === null && t.role === n.recipient_role : t.userId === key));
    if (same) same.deliveries.push(delivery(n));
    else
      told.push({
        userId: key,
        name: n.recipient_name,
        role: n.recipient_role,
        via: null,
        deliveries: [delivery(n)],
      });
  }
  return told;
}

/** The administrators told of a step that reached nobody, each with their channels. */
function adminsOf(notes: readonly AlertNotificationRow[]): AlertTold[] {
  const out: AlertTold[] = [];
  for (const n of notes.filter((x) => x.kind === 'unrouted')) {
    const same = out.find((t) => t.userId === n.recipient_user_id);
    if (same) same.deliveries.push(delivery(n));
    else
      out.push({
        userId: n.recipient_user_id,
        name: n.recipient_name,
        role: 'admin',
        via: null,
        deliveries: [delivery(n)],
      });
  }
  return out;
}

function acknowledgementOf(r: AlertStepRow): AlertAcknowledgement | null {
  if (!r.acknowledged_at) return null;
  return {
    byUserId: r.acknowledged_by_user_id,
    byName: r.acknowledged_by_name,
    at: iso(r.acknowledged_at)!,
    actionPlan: r.action_plan,
    reviewBy: r.review_by,
    lapsedAt: r.status === 'open' ? iso(r.acknowledgement_lapsed_at) : null,
  };
}

export function alertStep(r: AlertStepRow, notes: readonly AlertNotificationRow[], current: boolean): AlertStep {
  const mine = notes.filter((n) => n.escalation_id === r.id);
  return {
    id: r.id,
    step: Number(r.step),
    occurrence: Number(r.occurrence),
    role: r.role,
    policyName: r.policy_name,
    status: r.status,
    dueAt: iso(r.due_at)!,
    firedAt: iso(r.fired_at),
    closedAt: iso(r.closed_at),
    closedReason: r.closed_reason,
    unrouted: r.unrouted,
    recordedLate: r.recorded_late,
    current,
    told: toldOf(r, mine),
    adminsTold: adminsOf(mine),
    acknowledgement: acknowledgementOf(r),
  };
}

/** How long the clock has run (to now, or to the end of its run), and the statutory limits broken now. */
function clockOf(p: AlertPlaceRow, age: number, now: Date, cal: WorkingCalendar): AlertPageView['clock'] {
  const startedAt = new Date(p.clock_started_at);
  const running = p.ended_at === null;
  const until = running ? now : new Date(p.ended_at!);
  const breaches = running
    ? statutoryBreaches(
        {
          ageYears: age,
          accommodationCode: p.accommodation_code,
          pregnantOrParent: p.pregnant_or_parent,
          clockStartedAt: startedAt,
          stayStartedAt: new Date(p.started_at),
        },
        now,
        cal,
      )
    : [];
  return {
    startedAt: startedAt.toISOString(),
    running,
    hoursElapsed: hoursElapsed(startedAt, until),
    workingDaysElapsed: cal.workingDaysElapsed(startedAt, until),
    breaches,
  };
}

function placeOf(p: AlertPlaceRow): AlertPageView['place'] {
  const code = p.accommodation_code;
  return {
    stayId: p.stay_id,
    accommodationCode: code,
    accommodationLabel: accommodationLabel(code),
    unsuitable: !p.suitable,
    emergency: p.emergency || (isAccommodationCode(code) && ACCOMMODATION[code].emergency),
    description: p.description,
    startedAt: iso(p.started_at)!,
    endedAt: iso(p.ended_at),
  };
}

/** The alert page's view of step `escalationId` as of `now`. */
export function alertPageView(input: AlertInput): AlertPageView {
  const { place: p, now, cal, decision } = input;
  const age = ageOn(p.date_of_birth, londonDate(now));
  const ladder = input.ladder.map((r) => alertStep(r, input.notifications, r.id === input.escalationId));
  const step = ladder.find((s) => s.current)!;
  const row = input.ladder.find((r) => r.id === input.escalationId)!;
  const latest = decision.allowed ? latestReviewBy(now, maxReviewAfterOf(row.max_review_after), cal) : null;
  return {
    asOf: now.toISOString(),
    youngPerson: {
      id: p.young_person_id,
      reference: p.reference,
      name: `${p.first_name} ${p.last_name}`,
      age,
      homeArea: p.home_area,
      paUserId: p.pa_user_id,
      paName: p.pa_name,
    },
    place: placeOf(p),
    clock: clockOf(p, age, now, cal),
    step,
    ladder,
    acknowledge: { ...decision, latestReviewBy: latest },
  };
}
