import { Injectable } from '@nestjs/common';
import { liveListSql } from '../../kernel/accommodation';
import { executePrepared, Params, type Alongside } from '../../platform/database/sql';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import type { LiveListRow } from './live-list';
import type { ClockStep } from './live-list-steps';

/**
 * A step as `STEPS` answers it: a JSON array of its fields in `STEP_FIELDS`' order (positions, not
 * keys: the list's statement builds and the service parses a few dozen steps a request, and an
 * object repeats its sixteen keys in each), instants as ISO-8601 strings.
 */
type StepJson = [
  id: string,
  step: number,
  occurrence: number,
  role: string,
  status: string,
  policyName: string,
  dueAt: string,
  firedAt: string | null,
  unrouted: boolean,
  closedReason: string | null,
  acknowledgedAt: string | null,
  acknowledgedByUserId: string | null,
  acknowledgedByName: string | null,
  actionPlan: string | null,
  reviewBy: string | null,
  acknowledgementLapsedAt: string | null,
];

/** The SQL of each `StepJson` position, in order (`e` the step, `v` its policy version, `a` who acknowledged it). */
const STEP_FIELDS = [
  'e.id',
  'e.step_index + 1',
  'e.occurrence',
  'e.role',
  'e.status',
  'v.name',
  'e.due_at',
  'e.fired_at',
  'e.unrouted',
  'e.closed_reason',
  'e.acknowledged_at',
  'e.acknowledged_by_user_id',
  'a.name',
  'e.action_plan',
  `to_char(e.review_by, 'YYYY-MM-DD')`,
  'e.acknowledgement_lapsed_at',
] as const satisfies { length: StepJson['length'] };

type RawRow = Omit<LiveListRow, 'steps'> & { steps: StepJson[] };

const at = (v: string | null) => (v === null ? null : new Date(v));

function clockStep(j: StepJson): ClockStep {
  return {
    id: j[0],
    step: Number(j[1]),
    occurrence: Number(j[2]),
    role: j[3],
    status: j[4],
    policyName: j[5],
    dueAt: new Date(j[6]),
    firedAt: at(j[7]),
    unrouted: j[8],
    closedReason: j[9],
    acknowledgedAt: at(j[10]),
    acknowledgedByUserId: j[11],
    acknowledgedByName: j[12],
    actionPlan: j[13],
    reviewBy: j[14],
    acknowledgementLapsedAt: at(j[15]),
  };
}

/** Every step of the clock `s` runs on but the cancelled ones, as a JSON array of `StepJson` (one subquery per stay, not per step). */
const STEPS = `coalesce((
  select json_agg(json_build_array(${STEP_FIELDS.join(', ')}))
    from escalation e
    join escalation_policy_version v on v.id = e.policy_version_id
    left join app_user a on a.id = e.acknowledged_by_user_id
   where e.stay_id = s.clock_stay_id and e.status <> 'cancelled'), '[]'::json)`;

/** The young person's most urgent open or held request: emergency first, then needed soonest, then the oldest. */
const REQUEST = `left join lateral (
  select r.id, r.status, r.needed_by, r.urgency from placement_request r
   where r.young_person_id = y.id and r.status in ('open', 'held')
   order by (r.urgency = 'emergency') desc, r.needed_by, r.created_at, r.id limit 1) r on true`;

/**
 * The list's statement: each open stay in unsuitable or emergency accommodation with its young
 * person, PA, clock steps and most urgent request, scoped as `LiveListQueries.openStays` says.
 */
function openStaysSql(
  p: Params,
  paUserId: string | null,
  homeArea: string | null,
  reachingUserId: string | null,
): string {
  let scope = '';
  if (paUserId !== null) scope += ` and y.pa_user_id = ${p.add(paUserId)}`;
  if (homeArea !== null) scope += ` and lower(btrim(y.home_area)) = lower(btrim(${p.add(homeArea)}))`;
  if (reachingUserId !== null)
    scope += ` and exists (select 1 from escalation e where e.stay_id = s.clock_stay_id
               and e.recipients @> jsonb_build_array(jsonb_build_object('userId', ${p.add(reachingUserId)}::text)))`;
  return `select s.id as stay_id, y.id as young_person_id, y.reference, y.first_name, y.last_name,
          to_char(y.date_of_birth, 'YYYY-MM-DD') as date_of_birth, y.home_area, y.pa_user_id, pa.name as pa_name,
          y.pregnant_or_parent, s.accommodation_code, s.description, s.suitable, s.emergency, s.started_at,
          coalesce(c.started_at, s.started_at) as clock_started_at,
          r.id as request_id, r.status as request_status, to_char(r.needed_by, 'YYYY-MM-DD') as request_needed_by,
          r.urgency as request_urgency, ${STEPS} as steps
     from stay s
     join young_person y on y.id = s.young_person_id
     left join app_user pa on pa.id = y.pa_user_id
     left join stay c on c.id = s.clock_stay_id
     ${REQUEST}
    where s.ended_at is null and ${liveListSql('s')}${scope}
    order by clock_started_at, s.id`;
}

const liveListRow = (r: RawRow): LiveListRow => ({ ...r, steps: r.steps.map(clockStep) });

/** The live list's read: open stays in unsuitable or emergency accommodation (the kernel's `liveListSql`). */
@Injectable()
export class LiveListQueries {
  constructor(private readonly uow: UnitOfWork) {}

  /**
   * One query for the whole list: each open stay with its young person, PA, clock steps and most
   * urgent request; only `paUserId`'s caseload when given, only `homeArea` (canonical) when given,
   * only stays whose clock has a step that reached `reachingUserId` (one of its `recipients`) when
   * given. Longest first (by when the clock started, then stay id); the list's own order is the rules'.
   */
  async openStays(
    paUserId: string | null,
    homeArea: string | null = null,
    reachingUserId: string | null = null,
  ): Promise<LiveListRow[]> {
    const params = new Params();
    // The home pages' read: prepared once per connection (one text per combination of filters).
    const rows = await executePrepared<RawRow>(
      this.uow.em,
      openStaysSql(params, paUserId, homeArea, reachingUserId),
      params.values,
    );
    return rows.map(liveListRow);
  }

  /**
   * `openStays` and another feature's read (`alongside`) in one statement: the list's rows as JSON
   * (in the list's order), beside what the other read answers.
   */
  async openStaysWith<T>(
    paUserId: string | null,
    homeArea: string | null,
    reachingUserId: string | null,
    alongside: Alongside<T>,
  ): Promise<{ rows: LiveListRow[]; alongside: T }> {
    const params = new Params();
    const list = openStaysSql(params, paUserId, homeArea, reachingUserId);
    const [row] = await executePrepared<{ rows: RawRow[]; alongside: unknown }>(
      this.uow.em,
      `select coalesce((select json_agg(l order by l.clock_started_at, l.stay_id) from (${list}) l), '[]'::json) as rows,
              ${alongside.sql(params)} as alongside`,
      params.values,
    );
    return { rows: row.rows.map(liveListRow), alongside: alongside.read(row.alongside) };
  }

  /** The canonical name of the area on the list of areas named `name` (trimmed, any case), or null. */
  async areaNamed(name: string): Promise<string | null> {
    const [row] = await this.uow.em.execute<{ name: string }[]>(
      `select name from area where lower(btrim(name)) = lower(btrim(?)) limit 1`,
      [name],
    );
    return row?.name ?? null;
  }
}
