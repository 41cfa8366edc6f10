/**
 * What the live list says about one escalation clock, from the steps on it: which step is current,
 * whether it is acknowledged, what comes next, the latest acknowledgement and whether a step fired
 * to nobody. Plain functions over the clock's rows.
 */
import { managerRank, type Role } from '../../kernel/roles';
import type { AcknowledgementView, CurrentStepView, NextStepView } from './live-list.dto';

/** One step (one occurrence) on a clock, as the live list reads it. */
export interface ClockStep {
  id: string;
  /** 1-based step number in its policy. */
  step: number;
  occurrence: number;
  role: string;
  status: string;
  policyName: string;
  dueAt: Date;
  firedAt: Date | null;
  unrouted: boolean;
  closedReason: string | null;
  acknowledgedAt: Date | null;
  acknowledgedByUserId: string | null;
  acknowledgedByName: string | null;
  actionPlan: string | null;
  reviewBy: string | null;
  acknowledgementLapsedAt: Date | null;
}

/** A step's rung on the management ladder (team manager 0 … director 3); the PA's copy ranks below them all. */
export function roleRank(role: string): number {
  return managerRank(role as Role);
}

/** Fired: it went off (a step passed over because its stay was recorded late, or cancelled, never did). */
export function hasFired(s: ClockStep): boolean {
  return s.firedAt !== null && s.status !== 'cancelled' && s.closedReason !== 'recorded_late';
}

/** More senior first, then fired later first, then the later step and occurrence, then id: a total order. */
function bySeniorityThenLatest(a: ClockStep, b: ClockStep): number {
  return (
    roleRank(b.role) - roleRank(a.role) ||
    b.firedAt!.getTime() - a.firedAt!.getTime() ||
    b.step - a.step ||
    b.occurrence - a.occurrence ||
    (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)
  );
}

/**
 * The current step: the most senior step that has fired (by role rank on the management ladder,
 * then the latest fired). The PA's copy is the current step only when nothing else has fired.
 */
export function currentStepOf(steps: readonly ClockStep[]): ClockStep | null {
  return steps.filter(hasFired).sort(bySeniorityThenLatest)[0] ?? null;
}

/** Holds an acknowledgement that has not lapsed (a lapsed one is `open` again until acknowledged afresh). */
export function holdsLiveAcknowledgement(s: ClockStep): boolean {
  return s.status === 'acknowledged' && s.acknowledgedAt !== null;
}

/**
 * Acknowledged: the current step, or a more senior one fired after it, holds an acknowledgement
 * that has not lapsed. Never true when nothing has fired.
 */
export function isAcknowledged(steps: readonly ClockStep[]): boolean {
  const current = currentStepOf(steps);
  if (!current) return false;
  return steps.some(
    (s) =>
      hasFired(s) &&
      holdsLiveAcknowledgement(s) &&
      (s === current ||
        (roleRank(s.role) > roleRank(current.role) && s.firedAt!.getTime() >= current.firedAt!.getTime())),
  );
}

/**
 * The next step: the earliest still scheduled (the more senior first at the same instant). The PA's
 * copy is the next step only when no manager's step is still to come.
 */
export function nextStepOf(steps: readonly ClockStep[]): NextStepView | null {
  const scheduled = steps.filter((s) => s.status === 'scheduled');
  const managers = scheduled.filter((s) => roleRank(s.role) >= 0);
  const pool = managers.length ? managers : scheduled;
  const next = [...pool].sort(
    (a, b) => a.dueAt.getTime() - b.dueAt.getTime() || roleRank(b.role) - roleRank(a.role) || a.step - b.step,
  )[0];
  return next ? { role: next.role, dueAt: next.dueAt.toISOString() } : null;
}

/** The step's acknowledgement, lapsed when its review date passed and it is open again. */
function acknowledgementOf(s: ClockStep): AcknowledgementView {
  return {
    escalationId: s.id,
    byUserId: s.acknowledgedByUserId!,
    byName: s.acknowledgedByName,
    at: s.acknowledgedAt!.toISOString(),
    actionPlan: s.actionPlan,
    reviewBy: s.reviewBy,
    lapsed: s.acknowledgementLapsedAt !== null && s.status === 'open',
  };
}

/** The most recent acknowledgement on the clock, lapsed or not (of two at one instant, the more senior step's). */
export function latestAcknowledgementOf(steps: readonly ClockStep[]): AcknowledgementView | null {
  const acked = steps.filter((s) => s.acknowledgedAt !== null && s.acknowledgedByUserId !== null);
  const latest = acked.sort(
    (a, b) =>
      b.acknowledgedAt!.getTime() - a.acknowledgedAt!.getTime() ||
      roleRank(b.role) - roleRank(a.role) ||
      (a.id < b.id ? -1 : 1),
  )[0];
  return latest ? acknowledgementOf(latest) : null;
}

/** Some step fired to nobody responsible and is still open. */
export function anyOpenUnrouted(steps: readonly ClockStep[]): boolean {
  return steps.some((s) => hasFired(s) && s.status === 'open' && s.unrouted);
}

/** The current step as the live list shows it. */
export function currentStepView(s: ClockStep | null): CurrentStepView | null {
  if (!s) return null;
  return {
    escalationId: s.id,
    step: s.step,
    role: s.role,
    status: s.status,
    firedAt: s.firedAt!.toISOString(),
    policyName: s.policyName,
  };
}
