import { Injectable } from '@nestjs/common';
import type { LadderStep } from '../../kernel/ladder';
import type { Recipient } from '../../kernel/routing';
import { executePrepared, Params, type Alongside } from '../../platform/database/sql';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import type { Escalation } from './escalation.entities';

interface PlaceFacts {
  accommodationCode: string;
  startedAt: Date;
}

/** A step the firing has just opened, as the rest of the firing needs it (a plain row, not an entity). */
export type OpenedStep = Pick<
  Escalation,
  | 'id'
  | 'stayId'
  | 'youngPersonId'
  | 'policyId'
  | 'policyVersionId'
  | 'stepIndex'
  | 'occurrence'
  | 'role'
  | 'dueAt'
  | 'recordedLate'
>;

/** What firing a step needs to know: who, where the clock started, where they are now, the ladder. */
export interface FiringFacts {
  person: {
    id: string;
    reference: string;
    firstName: string;
    lastName: string;
    dateOfBirth: string;
    homeArea: string | null;
    paUserId: string;
  };
  clockStay: PlaceFacts;
  /** The stay the clock runs in now; null when the run of unsuitable stays has ended. */
  current: PlaceFacts | null;
  /** The steps of the policy version the clock started with. */
  steps: LadderStep[];
  /** The org chart's version in this transaction (`org_chart_version`): routing reuses a chart it read at the same version. */
  orgVersion: string;
}

interface FiringFactsRow {
  person_id: string;
  reference: string;
  first_name: string;
  last_name: string;
  date_of_birth: string;
  home_area: string | null;
  pa_user_id: string;
  clock_code: string;
  clock_started_at: Date | string;
  current_code: string | null;
  current_started_at: Date | string | null;
  steps: LadderStep[];
  org_version: string;
}

/**
 * The firing path's SQL (`StepFiring`): every statement a step runs when it fires, each one round
 * trip, prepared once per connection with its values bound by the driver (`executePrepared`), and
 * no ORM entity on the way: it runs for every step that falls due, inside the step's transaction.
 */
@Injectable()
export class StepFiringQueries {
  constructor(private readonly uow: UnitOfWork) {}

  private get em() {
    return this.uow.em;
  }

  /**
   * The once-only firing, in one statement (one round trip on the firing path): locks the step's
   * clock (its stay row; stopping a clock takes the same lock), then `scheduled` → `open` if the
   * step is still scheduled and due, in one conditional UPDATE. Answers whether the clock was
   * found, and the opened step as a plain row (the firing writes its outcome with `firedChange`),
   * or null when another firing won, it was cancelled, or it is not due yet.
   */
  async lockClockAndOpenIfDue(id: string, now: Date): Promise<{ found: boolean; opened: OpenedStep | null }> {
    const rows = await executePrepared<
      Omit<OpenedStep, 'id' | 'dueAt'> & { locked: string | null; id: string | null; dueAt: Date | string }
    >(
      this.em,
      `with locked as (select s.id from stay s join escalation e on e.stay_id = s.id where e.id = $1 for update of s),
            opened as (update escalation set status = 'open', fired_at = $2
                        where id = $1 and status = 'scheduled' and due_at <= $2 and exists (select 1 from locked)
                        returning id, stay_id as "stayId", young_person_id as "youngPersonId", policy_id as "policyId",
                                  policy_version_id as "policyVersionId", step_index as "stepIndex", occurrence, role,
                                  due_at as "dueAt", recorded_late as "recordedLate")
       select (select id from locked) as locked, opened.* from (select 1) one left join opened on true`,
      [id, now],
    );
    const row = rows[0];
    if (!row?.locked) return { found: false, opened: null };
    const { locked: _locked, id: openedId, dueAt, ...step } = row;
    if (openedId === null || openedId === undefined) return { found: true, opened: null };
    return { found: true, opened: { ...step, id: openedId, dueAt: new Date(dueAt) } };
  }

  /**
   * What a fired step's firing writes on its row: who it reached, whether nobody responsible could
   * be found, and, when its clock had stopped before it fired, that it closed. A statement for the
   * audit trail to run with the firing's events (`AuditService.recordMany`), one round trip.
   */
  firedChange(
    id: string,
    outcome: { recipients: Recipient[]; unrouted: boolean; closedAt: Date | null },
  ): { sql: string; params: unknown[] } {
    return outcome.closedAt
      ? {
          sql: `update escalation set recipients = $1::jsonb, unrouted = $2, status = 'closed', closed_at = $3, closed_reason = 'clock_stopped'
                 where id = $4`,
          params: [JSON.stringify(outcome.recipients), outcome.unrouted, outcome.closedAt, id],
        }
      : {
          sql: `update escalation set recipients = $1::jsonb, unrouted = $2 where id = $3`,
          params: [JSON.stringify(outcome.recipients), outcome.unrouted, id],
        };
  }

  async statusOf(id: string): Promise<{ status: Escalation['status']; dueAt: Date } | null> {
    const [row] = await this.em.execute<{ status: Escalation['status']; due_at: Date }[]>(
      'select status, due_at from escalation where id = ?',
      [id],
    );
    return row ? { status: row.status, dueAt: new Date(row.due_at) } : null;
  }

  /**
   * The facts of a firing in one statement (it runs for every step that fires, inside its
   * transaction), with another feature's read alongside (the step role's webhooks): one round trip.
   */
  async firingFacts<T>(
    esc: Pick<Escalation, 'id' | 'youngPersonId' | 'stayId' | 'policyVersionId'>,
    alongside: Alongside<T>,
  ): Promise<FiringFacts & { alongside: T }> {
    const params = new Params();
    const sql = `select y.id as person_id, y.reference, y.first_name, y.last_name, to_char(y.date_of_birth, 'YYYY-MM-DD') as date_of_birth,
              y.home_area, y.pa_user_id, c.accommodation_code as clock_code, c.started_at as clock_started_at,
              cur.accommodation_code as current_code, cur.started_at as current_started_at, v.steps,
              (select version::text from org_chart_version) as org_version, ${alongside.sql(params)} as alongside
         from young_person y
         join stay c on c.id = ${params.add(esc.stayId)}
         join escalation_policy_version v on v.id = ${params.add(esc.policyVersionId)}
         left join lateral (select s.accommodation_code, s.started_at from stay s
                             where s.clock_stay_id = c.id and s.ended_at is null limit 1) cur on true
        where y.id = ${params.add(esc.youngPersonId)}`;
    const [r] = await executePrepared<FiringFactsRow & { alongside: unknown }>(this.em, sql, params.values);
    if (!r) throw new Error(`escalation ${esc.id}: its young person, stay or policy version is missing`);
    return {
      person: {
        id: r.person_id,
        reference: r.reference,
        firstName: r.first_name,
        lastName: r.last_name,
        dateOfBirth: r.date_of_birth,
        homeArea: r.home_area,
        paUserId: r.pa_user_id,
      },
      clockStay: { accommodationCode: r.clock_code, startedAt: new Date(r.clock_started_at) },
      current:
        r.current_code === null
          ? null
          : { accommodationCode: r.current_code, startedAt: new Date(r.current_started_at!) },
      steps: r.steps,
      orgVersion: r.org_version ?? '',
      alongside: alongside.read(r.alongside),
    };
  }
}
