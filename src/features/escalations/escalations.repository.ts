import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/postgresql';
import type { PlannedStep } from '../../kernel/ladder';
import type { Recipient } from '../../kernel/routing';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { executeBound, pgArray } from '../../platform/database/sql';
import { YoungPerson } from '../young-people/young-person.entity';
import type { StepColumns } from './clock-plan';
import { Escalation } from './escalation.entities';

/** Steps per INSERT statement on the batch path (each column is one array parameter). */
const INSERT_CHUNK = 20_000;

/** A step as the list and the detail view read it (with its policy version's number and name). */
export interface EscalationRow {
  id: string;
  stay_id: string;
  young_person_id: string;
  step_index: number;
  occurrence: number;
  role: string;
  policy_id: string;
  version: number;
  name: string;
  due_at: Date;
  fired_at: Date | null;
  status: Escalation['status'];
  acknowledged_at: Date | null;
  acknowledged_by_user_id: string | null;
  action_plan: string | null;
  review_by: string | null;
  closed_at: Date | null;
  closed_reason: string | null;
  recipients: Recipient[] | null;
  unrouted: boolean;
  recorded_late: boolean;
  acknowledgement_lapsed_at: Date | null;
  /** The young person's allocated PA (who may acknowledge a step addressed to the PA). */
  pa_user_id: string;
}

export interface EscalationFilter {
  status?: Escalation['status'];
  /** A stay: its own clock's steps, or those of the clock it carries on. */
  stayId?: string;
  youngPersonId?: string;
  /** The PA whose caseload bounds the list (`caseloadOf`), or null for everyone. */
  caseloadPaId: string | null;
}

/** Where a stay is and since when, as a fired step's message names it. */
const SELECT = `select e.id, e.stay_id, e.young_person_id, e.step_index, e.occurrence, e.role, e.policy_id, v.version, v.name, e.due_at, e.fired_at,
  e.status, e.acknowledged_at, e.acknowledged_by_user_id, e.action_plan, to_char(e.review_by, 'YYYY-MM-DD') as review_by, e.closed_at,
  e.closed_reason, e.recipients, e.unrouted, e.recorded_late, e.acknowledgement_lapsed_at, y.pa_user_id
  from escalation e join escalation_policy_version v on v.id = e.policy_version_id
  join young_person y on y.id = e.young_person_id`;

/** Every query on `escalation` (the steps of every clock). Runs in the caller's unit of work. */
@Injectable()
export class EscalationsRepository {
  constructor(private readonly uow: UnitOfWork) {}

  private get em() {
    return this.uow.em;
  }

  // ---------- planning and stopping ----------

  /** Writes planned steps as `scheduled` rows: one statement per 20,000 steps, arrays in, `unnest` in SQL. */
  async insertScheduled(cols: StepColumns, createdAt: Date): Promise<void> {
    const em = this.em;
    for (let i = 0; i < cols.id.length; i += INSERT_CHUNK) {
      const part = <T>(a: T[]) => pgArray(a.slice(i, i + INSERT_CHUNK) as (string | number)[]);
      // Parameters bound by the driver, not inlined: formatting 20,000-element arrays into the SQL text cost more than the insert.
      await executeBound(
        em,
        `insert into escalation (id, stay_id, young_person_id, policy_id, policy_version_id, step_index, occurrence, role, due_at, status, created_at)
         select *, 'scheduled', $1::timestamptz from unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::int[], $8::int[], $9::text[], $10::timestamptz[])
         on conflict do nothing`,
        [
          createdAt,
          part(cols.id),
          part(cols.stay),
          part(cols.person),
          part(cols.policy),
          part(cols.version),
          part(cols.index),
          part(cols.occurrence),
          part(cols.role),
          part(cols.due),
        ],
      );
    }
  }

  /** Steps that fire at recording because their stay was recorded late: flagged, so their message says so. */
  async markRecordedLate(ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.em.execute(`update escalation set recorded_late = true where id = any(?::uuid[])`, [pgArray(ids)]);
  }

  /** Steps passed over at recording (a late-recorded stay's lower overdue steps): closed, never fired. */
  async passOver(ids: string[], now: Date): Promise<void> {
    if (!ids.length) return;
    await this.em.execute(
      `update escalation set status = 'closed', closed_at = ?, closed_reason = 'recorded_late', recorded_late = true
        where id = any(?::uuid[]) and status = 'scheduled'`,
      [now, pgArray(ids)],
    );
  }

  /** Everyone told of any step of a clock (the PA included), once each, with the address to write to. */
  async alertedOn(clockStayId: string): Promise<{ userId: string; email: string }[]> {
    return this.em.execute<{ userId: string; email: string }[]>(
      `select distinct u.id as "userId", u.email from escalation e
         cross join lateral jsonb_array_elements(coalesce(e.recipients, '[]'::jsonb)) r
         join app_user u on u.id = (r->>'userId')::uuid
        where e.stay_id = ? and e.fired_at is not null and u.active
        order by u.email`,
      [clockStayId],
    );
  }

  /** Ends a clock: steps due after `endedAt` become `cancelled`, open ones `closed`. Answers how many of each. */
  async stopClock(clockStayId: string, endedAt: Date, now: Date): Promise<{ cancelled: number; closed: number }> {
    const rows = await this.em.execute<{ status: string; n: string }[]>(
      `with changed as (
         update escalation set status = case status when 'scheduled' then 'cancelled' else 'closed' end, closed_at = ?,
                closed_reason = 'clock_stopped'
          where stay_id = ? and ((status = 'scheduled' and due_at > ?) or status = 'open')
          returning status)
       select status, count(*) as n from changed group by status`,
      [now, clockStayId, endedAt],
    );
    // Acknowledgements on a stopped clock have nothing left to review: they never lapse.
    await this.em.execute(
      `update escalation set review_due_at = null where stay_id = ? and status = 'acknowledged' and review_due_at is not null`,
      [clockStayId],
    );
    const counts = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    return { cancelled: counts.cancelled ?? 0, closed: counts.closed ?? 0 };
  }

  // ---------- firing ----------

  /** Locks a clock's stay row (stopping the clock). */
  async lockClock(clockStayId: string): Promise<void> {
    await this.em.execute(`select id from stay where id = ? for update`, [clockStayId]);
  }

  /** Whether any occurrence of this step of this clock has been acknowledged (which ends its repeats). */
  async hasAcknowledgedOccurrence(esc: Pick<Escalation, 'stayId' | 'policyVersionId' | 'stepIndex'>): Promise<boolean> {
    const n = await this.em.count(Escalation, {
      stayId: esc.stayId,
      policyVersionId: esc.policyVersionId,
      stepIndex: esc.stepIndex,
      status: 'acknowledged',
    });
    return n > 0;
  }

  /** The young person a clock is about, as messages name them (reference and initials only are used). */
  async personOf(
    youngPersonId: string,
  ): Promise<{ id: string; reference: string; firstName: string; lastName: string }> {
    const y = await this.em.findOneOrFail(
      YoungPerson,
      { id: youngPersonId },
      { fields: ['id', 'reference', 'firstName', 'lastName'] },
    );
    return { id: y.id, reference: y.reference, firstName: y.firstName, lastName: y.lastName };
  }

  /** The next occurrence of a repeating step; false when it already exists. */
  async insertRepeat(
    id: string,
    esc: Pick<Escalation, 'stayId' | 'youngPersonId' | 'policyId' | 'policyVersionId'>,
    next: PlannedStep,
    createdAt: Date,
  ): Promise<boolean> {
    const inserted = await this.em.execute(
      `insert into escalation (id, stay_id, young_person_id, policy_id, policy_version_id, step_index, occurrence, role, due_at, status, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'scheduled', ?) on conflict do nothing returning id`,
      [
        id,
        esc.stayId,
        esc.youngPersonId,
        esc.policyId,
        esc.policyVersionId,
        next.stepIndex,
        next.occurrence,
        next.role,
        next.dueAt,
        createdAt,
      ],
    );
    return inserted.length > 0;
  }

  // ---------- the sweep ----------

  /** Ids of steps still scheduled and due by `now`, oldest first. */
  async dueIds(now: Date, limit: number): Promise<string[]> {
    const rows = await this.em.execute<{ id: string }[]>(
      `select id from escalation where status = 'scheduled' and due_at <= ? order by due_at limit ?`,
      [now, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Scheduled steps due by `until`, after the keyset (`dueAt`, `id`), in that order. */
  async scheduledUntil(
    until: Date,
    after: { dueAt: Date; id: string },
    limit: number,
  ): Promise<{ id: string; dueAt: Date }[]> {
    const rows = await this.em.execute<{ id: string; due_at: Date }[]>(
      `select id, due_at from escalation where status = 'scheduled' and due_at <= ? and (due_at, id) > (?, ?::uuid)
        order by due_at, id limit ?`,
      [until, after.dueAt, after.id, limit],
    );
    return rows.map((r) => ({ id: r.id, dueAt: new Date(r.due_at) }));
  }

  // ---------- reading and acknowledging ----------

  async page(f: EscalationFilter, limit: number, offset: number): Promise<{ rows: EscalationRow[]; total: number }> {
    const where: string[] = ['true'];
    const params: unknown[] = [];
    const and = (clause: string, ...values: unknown[]) => {
      where.push(clause);
      params.push(...values);
    };
    if (f.status) and('e.status = ?', f.status);
    if (f.stayId)
      and('(e.stay_id = ? or e.stay_id = (select clock_stay_id from stay where id = ?))', f.stayId, f.stayId);
    if (f.youngPersonId) and('e.young_person_id = ?', f.youngPersonId);
    if (f.caseloadPaId) and('e.young_person_id in (select id from young_person where pa_user_id = ?)', f.caseloadPaId);
    const em = this.em;
    const [{ n }] = await em.execute<{ n: string }[]>(
      `select count(*) as n from escalation e where ${where.join(' and ')}`,
      params,
    );
    const rows = await em.execute<EscalationRow[]>(
      `${SELECT} where ${where.join(' and ')} order by e.due_at, e.step_index, e.occurrence, e.id limit ? offset ?`,
      [...params, limit, offset],
    );
    return { rows, total: Number(n) };
  }

  async findRow(id: string): Promise<EscalationRow | null> {
    const [row] = await this.em.execute<EscalationRow[]>(`${SELECT} where e.id = ?`, [id]);
    return row ?? null;
  }

  /** The step, locked until the transaction ends (acknowledging). */
  findForUpdate(id: string): Promise<Escalation | null> {
    return this.em.findOne(Escalation, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  /** Cancels the scheduled repeats of an acknowledged step; answers their ids. */
  async cancelRepeats(esc: Escalation, now: Date): Promise<string[]> {
    const rows = await this.em.execute<{ id: string }[]>(
      `update escalation set status = 'cancelled', closed_at = ? where stay_id = ? and policy_version_id = ? and step_index = ? and status = 'scheduled' returning id`,
      [now, esc.stayId, esc.policyVersionId, esc.stepIndex],
    );
    return rows.map((r) => r.id);
  }

  /** Writes pending changes to managed steps (a step closed on firing, an acknowledgement). */
  flush(): Promise<void> {
    return this.em.flush();
  }
}
