import { Injectable } from '@nestjs/common';
import type { LadderStep } from '../../kernel/ladder';
import { UnitOfWork } from '../../platform/database/unit-of-work';

/** A step left behind on a clock that has stopped. */
export interface StrandedStep {
  id: string;
  clockStayId: string;
  status: 'scheduled' | 'open';
}

/** The last fired occurrence of a repeating step on a running clock, with no next occurrence planned. */
export interface MissingRepeat {
  stayId: string;
  youngPersonId: string;
  policyId: string;
  policyVersionId: string;
  stepIndex: number;
  occurrence: number;
  role: string;
  dueAt: Date;
  step: LadderStep;
}

/** The escalation auditor's reads and repairs: the invariants of every clock, checked from PostgreSQL. */
@Injectable()
export class AuditorQueries {
  constructor(private readonly uow: UnitOfWork) {}

  /**
   * Scheduled or open steps whose clock has no open stay any more (the stop missed them). Asked
   * clock by clock, not step by step: the clocks with live steps first, then those of them with no
   * open stay, then their steps. Asked of every step, the stopped-clock test and the latest end ran
   * for each of 400,000 steps (3.3 s of PostgreSQL's CPU, while the service booted and the first
   * steps fell due); this way about 0.7 s.
   */
  async strandedSteps(now: Date, limit = 500): Promise<StrandedStep[]> {
    return this.uow.em.execute<StrandedStep[]>(
      `with clocks as materialized (
              select distinct e.stay_id from escalation e where e.status in ('scheduled', 'open') and e.created_at < ?),
            stopped as materialized (
              select c.stay_id from clocks c
               where not exists (select 1 from stay s where s.clock_stay_id = c.stay_id and s.ended_at is null))
       select e.id, e.stay_id as "clockStayId", e.status from stopped x join escalation e on e.stay_id = x.stay_id
        where e.status in ('scheduled', 'open') and e.created_at < ?
          and (e.status = 'open' or e.due_at > coalesce((select max(s.ended_at) from stay s where s.clock_stay_id = e.stay_id), ?))
        limit ?`,
      [now, now, now, limit],
    );
  }

  /** Closes (open) or cancels (scheduled) one stranded step, after locking its clock as a stop would. */
  async repairStranded(step: StrandedStep, now: Date): Promise<boolean> {
    const em = this.uow.em;
    await em.execute(`select id from stay where id = ? for update`, [step.clockStayId]);
    const rows = await em.execute(
      `update escalation set status = case status when 'scheduled' then 'cancelled' else 'closed' end,
              closed_at = ?, closed_reason = 'clock_stopped'
        where id = ? and status in ('scheduled', 'open')
          and not exists (select 1 from stay s where s.clock_stay_id = escalation.stay_id and s.ended_at is null)
        returning id`,
      [now, step.id],
    );
    return rows.length > 0;
  }

  /**
   * Repeating steps of running clocks whose latest occurrence has fired, none is acknowledged and
   * no next occurrence is scheduled: their repeat was lost (a crash between firing and planning).
   * Only repeating steps' rows are sorted for their latest occurrence (sorting every step of every
   * running clock spilled to disk at 400,000 steps).
   */
  async missingRepeats(limit = 500): Promise<MissingRepeat[]> {
    const rows = await this.uow.em.execute<(Omit<MissingRepeat, 'dueAt'> & { dueAt: Date })[]>(
      `with latest as (
         select distinct on (e.stay_id, e.policy_version_id, e.step_index)
                e.stay_id, e.young_person_id, e.policy_id, e.policy_version_id, e.step_index, e.occurrence, e.role, e.due_at, e.status
           from escalation e
           join escalation_policy_version rv on rv.id = e.policy_version_id and (rv.steps -> e.step_index ->> 'repeatEvery') is not null
          where exists (select 1 from stay s where s.clock_stay_id = e.stay_id and s.ended_at is null)
          order by e.stay_id, e.policy_version_id, e.step_index, e.occurrence desc)
       select l.stay_id as "stayId", l.young_person_id as "youngPersonId", l.policy_id as "policyId",
              l.policy_version_id as "policyVersionId", l.step_index as "stepIndex", l.occurrence, l.role,
              l.due_at as "dueAt", v.steps -> l.step_index as step
         from latest l join escalation_policy_version v on v.id = l.policy_version_id
        where l.status in ('open', 'closed') and (v.steps -> l.step_index ->> 'repeatEvery') is not null
          and not exists (select 1 from escalation a where a.stay_id = l.stay_id and a.policy_version_id = l.policy_version_id
                            and a.step_index = l.step_index and a.status = 'acknowledged')
        limit ?`,
      [limit],
    );
    return rows.map((r) => ({ ...r, dueAt: new Date(r.dueAt) }));
  }

  /** Scheduled steps overdue by more than `graceMs` at `now`: nothing fired them. */
  async overdueIds(now: Date, graceMs: number, limit = 500): Promise<string[]> {
    const rows = await this.uow.em.execute<{ id: string }[]>(
      `select id from escalation where status = 'scheduled' and due_at < ? order by due_at limit ?`,
      [new Date(now.getTime() - graceMs), limit],
    );
    return rows.map((r) => r.id);
  }

  async unroutedOpen(): Promise<number> {
    const [{ n }] = await this.uow.em.execute<{ n: string }[]>(
      `select count(*) as n from escalation where status = 'open' and unrouted`,
    );
    return Number(n);
  }

  async recordRun(run: {
    at: Date;
    clean: boolean;
    violations: Record<string, number>;
    repaired: number;
  }): Promise<void> {
    await this.uow.em.execute(
      `insert into escalation_audit_run (id, ran_at, clean, violations, repaired) values (?, ?, ?, ?, ?)`,
      [crypto.randomUUID(), run.at, run.clean, JSON.stringify(run.violations), run.repaired],
    );
  }

  /** The latest run, and the latest clean one (for the operators' metrics). */
  async lastRuns(): Promise<{
    last: { ranAt: Date; violations: Record<string, number> } | null;
    lastCleanAt: Date | null;
  }> {
    const [last] = await this.uow.em.execute<{ ran_at: Date; violations: Record<string, number> }[]>(
      `select ran_at, violations from escalation_audit_run order by ran_at desc limit 1`,
    );
    const [clean] = await this.uow.em.execute<{ ran_at: Date }[]>(
      `select ran_at from escalation_audit_run where clean order by ran_at desc limit 1`,
    );
    return {
      last: last ? { ranAt: new Date(last.ran_at), violations: last.violations } : null,
      lastCleanAt: clean ? new Date(clean.ran_at) : null,
    };
  }
}
