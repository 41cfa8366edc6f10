import { planInitialSteps, policyApplies, type LadderStep, type StoredAppliesTo } from '../../kernel/ladder';
import { collapseOverdue, isRecordedLate } from '../../kernel/late-records';
import type { OfficeHours } from '../../kernel/office-hours';
import type { WorkingCalendar } from '../../kernel/working-days';
import type { AuditEntry } from '../audit/audit.service';

/** A step row to write, and when to wake it. */
export interface PlannedRow {
  id: string;
  dueAt: Date;
}

/** What planning needs of a stay: where it is, when it started, and the facts a policy matches. */
export interface StayToPlan {
  id: string;
  youngPersonId: string;
  startedAt: Date;
  ageAtStart: number;
  accommodationCode: string;
  suitable: boolean;
  pregnantOrParentAtStart: boolean;
}

/** What planning needs of a policy version in force. */
export interface VersionToPlan {
  id: string;
  policyId: string;
  version: number;
  appliesTo: StoredAppliesTo;
  steps: LadderStep[];
}

/** The steps to write, column by column (the batch insert sends each column as one array). */
export interface StepColumns {
  id: string[];
  stay: string[];
  person: string[];
  policy: string[];
  version: string[];
  index: number[];
  occurrence: number[];
  role: string[];
  due: string[];
}

const emptyColumns = (): StepColumns => ({
  id: [],
  stay: [],
  person: [],
  policy: [],
  version: [],
  index: [],
  occurrence: [],
  role: [],
  due: [],
});

export interface ClockPlan {
  columns: StepColumns;
  rows: PlannedRow[];
  /** One `escalation.clock_started` per stay, naming the policies that applied and how many steps each planned. */
  audits: AuditEntry[];
}

/**
 * Plans every step of every policy version that applies to each stay (each clock starts at its
 * stay's start). Pure: the ids come from `newId` (time-ordered in the service, so inserts append
 * to the primary-key index). Built for batches of thousands of stays: flat arrays, no objects per step.
 */
export function planClocks(
  stays: readonly StayToPlan[],
  versions: readonly VersionToPlan[],
  cal: WorkingCalendar,
  newId: () => string,
  hours?: OfficeHours,
): ClockPlan {
  const cols = emptyColumns();
  const rows: PlannedRow[] = [];
  const audits: AuditEntry[] = [];
  for (const stay of stays) {
    const facts = {
      ageYears: stay.ageAtStart,
      accommodationCode: stay.accommodationCode,
      suitable: stay.suitable,
      pregnantOrParent: stay.pregnantOrParentAtStart,
    };
    const applied: { policyId: string; version: number; steps: number }[] = [];
    for (const v of versions) {
      if (!policyApplies(v.appliesTo, facts)) continue;
      const steps = planInitialSteps(v.steps, stay.startedAt, cal, hours);
      for (const s of steps) {
        const id = newId();
        cols.id.push(id);
        cols.stay.push(stay.id);
        cols.person.push(stay.youngPersonId);
        cols.policy.push(v.policyId);
        cols.version.push(v.id);
        cols.index.push(s.stepIndex);
        cols.occurrence.push(s.occurrence);
        cols.role.push(s.role);
        cols.due.push(s.dueAt.toISOString());
        rows.push({ id, dueAt: s.dueAt });
      }
      applied.push({ policyId: v.policyId, version: v.version, steps: steps.length });
    }
    audits.push({
      actorUserId: null,
      action: 'escalation.clock_started',
      entity: 'Stay',
      entityId: stay.id,
      changes: { clockStartedAt: stay.startedAt.toISOString(), policies: applied },
    });
  }
  return { columns: cols, rows, audits };
}

/** A planned step that was already overdue when its stay was recorded, and passed over. */
export interface PassedOverStep {
  id: string;
  stayId: string;
  youngPersonId: string;
  policyId: string;
  versionId: string;
  stepIndex: number;
  role: string;
  dueAt: Date;
}

/**
 * For stays recorded late (`kernel/late-records.ts`): of the steps already overdue at `now`, the
 * ones that fire (the most senior per policy, a role at most once) and the ones passed over.
 * Stays recorded on time change nothing, so the batch path costs one comparison per stay.
 */
export function lateRecording(
  plan: ClockPlan,
  stays: readonly StayToPlan[],
  now: Date,
): { fire: string[]; passedOver: PassedOverStep[] } {
  const late = new Set(stays.filter((s) => isRecordedLate(s.startedAt, now)).map((s) => s.id));
  if (!late.size) return { fire: [], passedOver: [] };
  const cols = plan.columns;
  const byStay = new Map<string, (PassedOverStep & { policyId: string })[]>();
  for (let i = 0; i < cols.id.length; i++) {
    if (!late.has(cols.stay[i])) continue;
    const row = {
      id: cols.id[i],
      stayId: cols.stay[i],
      youngPersonId: cols.person[i],
      policyId: cols.policy[i],
      versionId: cols.version[i],
      stepIndex: cols.index[i],
      role: cols.role[i],
      dueAt: new Date(cols.due[i]),
    };
    byStay.set(row.stayId, [...(byStay.get(row.stayId) ?? []), row]);
  }
  const fire: string[] = [];
  const passedOver: PassedOverStep[] = [];
  for (const rows of byStay.values()) {
    const split = collapseOverdue(rows, now);
    fire.push(...split.fire.map((r) => r.id));
    passedOver.push(...split.passedOver);
  }
  return { fire, passedOver };
}
