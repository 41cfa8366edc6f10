import { Injectable } from '@nestjs/common';
import type { Role } from '../../kernel/roles';
import type { Via } from '../../kernel/routing';
import { executePrepared } from '../../platform/database/sql';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import type { EscalationStatus } from '../../kernel/ladder';

/** Which clock a step is on, and whose: read first, so the caller's caseload is checked before anything else. */
export interface AlertHead {
  clockStayId: string;
  youngPersonId: string;
  /** The young person's allocated PA (who may see the alert: the kernel's `canSee`). */
  paUserId: string;
}

/** The young person, their PA and where the clock's run of stays is now (the open stay, else the last one). */
export interface AlertPlaceRow {
  young_person_id: string;
  reference: string;
  first_name: string;
  last_name: string;
  date_of_birth: string;
  home_area: string | null;
  pa_user_id: string;
  pa_name: string | null;
  pregnant_or_parent: boolean;
  clock_started_at: Date;
  stay_id: string;
  accommodation_code: string;
  suitable: boolean;
  emergency: boolean;
  description: string | null;
  started_at: Date;
  ended_at: Date | null;
}

/** Someone a step reached when it fired, and how they were found (`escalation.recipients`), with their name. */
export interface AlertRecipientRow {
  userId: string;
  role: Role;
  via: Via;
  name: string | null;
}

/** One step (one occurrence) of the clock, with its policy, acknowledger and recipients' names. */
export interface AlertStepRow {
  id: string;
  step: number;
  occurrence: number;
  role: string;
  status: EscalationStatus;
  policy_name: string;
  max_review_after: string;
  due_at: Date;
  fired_at: Date | null;
  closed_at: Date | null;
  closed_reason: string | null;
  unrouted: boolean;
  recorded_late: boolean;
  acknowledged_at: Date | null;
  acknowledged_by_user_id: string | null;
  acknowledged_by_name: string | null;
  action_plan: string | null;
  review_by: string | null;
  acknowledgement_lapsed_at: Date | null;
  recipients: AlertRecipientRow[];
}

/** One notification about a step: one recipient (a webhook: a role), one channel, and how its delivery went. */
export interface AlertNotificationRow {
  escalation_id: string;
  kind: string;
  channel: 'in_app' | 'email' | 'webhook';
  status: 'pending' | 'retrying' | 'sent' | 'failed';
  recipient_user_id: string | null;
  recipient_name: string | null;
  recipient_role: string | null;
  created_at: Date;
  sent_at: Date | null;
  read_at: Date | null;
}

/** The recipients of a step with their names, in the order routing found them. */
const RECIPIENTS = `coalesce((
  select json_agg(json_build_object('userId', x.r->>'userId', 'role', x.r->>'role', 'via', x.r->>'via', 'name', u.name) order by x.i)
    from jsonb_array_elements(coalesce(e.recipients, '[]'::jsonb)) with ordinality as x(r, i)
    left join app_user u on u.id = (x.r->>'userId')::uuid), '[]'::json)`;

/**
 * The alert page's reads (the page an escalation e-mail links to): the step's clock and young
 * person, every step of that clock with who it reached, and every alert sent about them with its
 * delivery. Plain rows, two statements whatever the clock's length. Runs in the caller's unit of
 * work when there is one.
 */
@Injectable()
export class AlertQueries {
  constructor(private readonly uow: UnitOfWork) {}

  private get em() {
    return this.uow.em;
  }

  async head(escalationId: string): Promise<AlertHead | null> {
    const [row] = await executePrepared<{ stay_id: string; young_person_id: string; pa_user_id: string }>(
      this.em,
      `select e.stay_id, e.young_person_id, y.pa_user_id
         from escalation e join young_person y on y.id = e.young_person_id where e.id = $1`,
      [escalationId],
    );
    return row ? { clockStayId: row.stay_id, youngPersonId: row.young_person_id, paUserId: row.pa_user_id } : null;
  }

  /**
   * Everything the page shows of the clock, in one statement (one round trip, not three): the
   * young person and the clock's place now (its open stay, else the run's latest stay; null when
   * there is none), every step of the clock but the cancelled ones (the step `escalationId`
   * always) in the order they fall due, and the alerts sent about its steps. The three reads are
   * sub-selects as JSON, turned back into the rows they were (instants as Dates).
   */
  async clock(
    clockStayId: string,
    youngPersonId: string,
    escalationId: string,
  ): Promise<{ place: AlertPlaceRow | null; ladder: AlertStepRow[]; notifications: AlertNotificationRow[] }> {
    // Prepared once per connection (sql.ts): planning these sub-selects afresh cost more than running them.
    const [row] = await executePrepared<{ place: Json | null; ladder: Json[]; notifications: Json[] }>(
      this.em,
      `select (select row_to_json(p) from (${PLACE}) p) as place,
              (select coalesce(json_agg(to_jsonb(l) - 'ord' order by l.ord), '[]'::json) from (${LADDER}) l) as ladder,
              (select coalesce(json_agg(to_jsonb(n) - 'ord' order by n.ord), '[]'::json) from (${NOTIFICATIONS}) n) as notifications`,
      [clockStayId, youngPersonId, escalationId],
    );
    return {
      place: row.place ? (instants(row.place, PLACE_INSTANTS) as unknown as AlertPlaceRow) : null,
      ladder: row.ladder.map((r) => instants(r, STEP_INSTANTS) as unknown as AlertStepRow),
      notifications: row.notifications.map(
        (r) => instants(r, NOTIFICATION_INSTANTS) as unknown as AlertNotificationRow,
      ),
    };
  }
}

type Json = Record<string, unknown>;

/** A row read as JSON with its instants (ISO-8601 strings there) as Dates again, as a plain read answers them. */
function instants(row: Json, fields: readonly string[]): Json {
  for (const f of fields) if (typeof row[f] === 'string') row[f] = new Date(row[f]);
  return row;
}

const PLACE_INSTANTS = ['clock_started_at', 'started_at', 'ended_at'] as const;
const STEP_INSTANTS = ['due_at', 'fired_at', 'closed_at', 'acknowledged_at', 'acknowledgement_lapsed_at'] as const;
const NOTIFICATION_INSTANTS = ['created_at', 'sent_at', 'read_at'] as const;

/** The young person and the clock's place now: its open stay, else the run's latest stay ($1 the clock stay id, $2 the young person id). */
const PLACE = `select y.id as young_person_id, y.reference, y.first_name, y.last_name, to_char(y.date_of_birth, 'YYYY-MM-DD') as date_of_birth,
        y.home_area, y.pa_user_id, pa.name as pa_name, y.pregnant_or_parent, c.started_at as clock_started_at,
        s.id as stay_id, s.accommodation_code, s.suitable, s.emergency, s.description, s.started_at, s.ended_at
   from young_person y
   join stay c on c.id = $1
   left join app_user pa on pa.id = y.pa_user_id
   join lateral (
     select * from stay s where s.clock_stay_id = c.id or s.id = c.id
      order by (s.ended_at is null) desc, s.started_at desc, s.id desc limit 1) s on true
  where y.id = $2`;

/** Every step of the clock but the cancelled ones (the step asked for always), in the order they fall due (`ord`; $1 the clock stay id, $3 the escalation id). */
const LADDER = `select e.id, e.step_index + 1 as step, e.occurrence, e.role, e.status, v.name as policy_name, v.max_review_after,
        e.due_at, e.fired_at, e.closed_at, e.closed_reason, e.unrouted, e.recorded_late,
        e.acknowledged_at, e.acknowledged_by_user_id, a.name as acknowledged_by_name, e.action_plan,
        to_char(e.review_by, 'YYYY-MM-DD') as review_by, e.acknowledgement_lapsed_at, ${RECIPIENTS} as recipients,
        row_number() over (order by e.due_at, e.step_index, e.occurrence, e.id) as ord
   from escalation e
   join escalation_policy_version v on v.id = e.policy_version_id
   left join app_user a on a.id = e.acknowledged_by_user_id
  where e.stay_id = $1 and (e.status <> 'cancelled' or e.id = $3)`;

/** The alerts about the clock's steps (to their recipients, and to administrators when a step reached nobody), e-mail before in-app at the same moment (`ord`; $1 the clock stay id). */
const NOTIFICATIONS = `select n.escalation_id, n.kind, n.channel, n.status, n.recipient_user_id, u.name as recipient_name, n.recipient_role,
        n.created_at, n.sent_at, n.read_at,
        row_number() over (order by n.created_at, case n.channel when 'email' then 0 when 'in_app' then 1 else 2 end, n.id) as ord
   from notification n
   join escalation e on e.id = n.escalation_id
   left join app_user u on u.id = n.recipient_user_id
  where e.stay_id = $1 and n.kind in ('escalation', 'unrouted')`;
