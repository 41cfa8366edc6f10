/**
 * A stay recorded after it started (api.md, "Stays recorded late, history, and the clock"). When
 * its clock is planned, some steps are already overdue. Firing them all would flood the ladder
 * with stale alerts (a hotel stay back-dated a year once fired 54 steps), so at recording:
 *  - per policy, only the most senior overdue step fires (by rung, then the latest due), once,
 *    and its message says the stay was recorded late;
 *  - the lower overdue steps are passed over (`closed`, `closedReason: 'recorded_late'`);
 *  - across policies a role hears at most once;
 *  - missed repeats are never replayed: a repeating step's next occurrence is planned from now.
 */
import { MANAGER_LADDER } from './roles';

/** A stay whose start is more than this before it was recorded counts as recorded late. */
export const RECORDED_LATE_AFTER_MS = 15 * 60_000;

export function isRecordedLate(startedAt: Date, recordedAt: Date): boolean {
  return recordedAt.getTime() - startedAt.getTime() > RECORDED_LATE_AFTER_MS;
}

export interface OverdueCandidate {
  /** Which policy's ladder the step belongs to. */
  policyId: string;
  stepIndex: number;
  role: string;
  dueAt: Date;
}

/** Higher is more senior: the management ladder, with the PA's own step below it. */
export function seniority(role: string): number {
  return (MANAGER_LADDER as readonly string[]).indexOf(role);
}

/**
 * Splits the steps that are already due at `now` into the ones that fire and the ones passed over.
 * Steps not yet due are not in `rows` (the caller keeps them scheduled).
 */
export function collapseOverdue<T extends OverdueCandidate>(
  rows: readonly T[],
  now: Date,
): { fire: T[]; passedOver: T[] } {
  const overdue = rows.filter((r) => r.dueAt.getTime() <= now.getTime());
  const best = new Map<string, T>();
  for (const r of overdue) {
    const current = best.get(r.policyId);
    if (!current || moreSenior(r, current)) best.set(r.policyId, r);
  }
  const heard = new Set<string>();
  const fire: T[] = [];
  for (const r of [...best.values()].sort((a, b) => (moreSenior(a, b) ? -1 : 1))) {
    if (heard.has(r.role)) continue;
    heard.add(r.role);
    fire.push(r);
  }
  const firing = new Set(fire);
  return { fire, passedOver: overdue.filter((r) => !firing.has(r)) };
}

function moreSenior(a: OverdueCandidate, b: OverdueCandidate): boolean {
  const ra = seniority(a.role);
  const rb = seniority(b.role);
  if (ra !== rb) return ra > rb;
  if (a.dueAt.getTime() !== b.dueAt.getTime()) return a.dueAt.getTime() > b.dueAt.getTime();
  return a.stepIndex > b.stepIndex;
}
