import { Injectable } from '@nestjs/common';
import { MAYBE_UNSUITABLE_CODES } from '../../kernel/queue-priority';
import { executePrepared, Params } from '../../platform/database/sql';
import { UnitOfWork } from '../../platform/database/unit-of-work';

/** An open (or held) request with its young person, PA and the young person's open stay. */
export interface QueueRow {
  id: string;
  status: 'open' | 'held';
  urgency: 'emergency' | 'planned';
  needed_by: string;
  created_at: Date;
  young_person_id: string;
  reference: string;
  first_name: string;
  last_name: string;
  date_of_birth: string;
  home_area: string | null;
  pregnant_or_parent: boolean;
  pa_user_id: string;
  pa_name: string | null;
  accommodation_code: string | null;
  suitable: boolean | null;
  stay_started_at: Date | null;
  /** The start of the unbroken run of unsuitable or emergency stays (the stay's own start when no clock runs). */
  since: Date | null;
}

/** A live hold on a queued request: the bed, until when, and who holds it. */
export interface QueueHoldRow {
  id: string;
  request_id: string;
  bed_id: string;
  bed_label: string;
  provider_name: string;
  expires_at: Date;
  created_by_user_id: string;
  created_by_name: string | null;
}

/** A young person whose open stay may be unsuitable and who has no open placement request. */
export interface UnrequestedRow {
  young_person_id: string;
  reference: string;
  first_name: string;
  last_name: string;
  date_of_birth: string;
  accommodation_code: string;
  suitable: boolean;
  since: Date;
}

/** Someone to tell about a request. */
export interface MoveInFailure {
  hold_id: string;
  confirmed_by_user_id: string | null;
  move_in_at: Date;
  young_person_id: string;
  reference: string;
  first_name: string;
  last_name: string;
}

export interface NoticeRecipient {
  id: string;
  email: string;
}

/** A request just marked as overdue-notified, with what its notice says. */
export interface OverdueRequest {
  id: string;
  urgency: string;
  needed_by: string;
  young_person_id: string;
  reference: string;
  first_name: string;
  last_name: string;
}

const codes = MAYBE_UNSUITABLE_CODES.map((c) => `'${c}'`).join(', ');
/** Open stays that may be unsuitable (the kernel's `inUnsuitableAccommodation` decides; `s` is the stay's alias). */
const MAYBE_UNSUITABLE = `(not s.suitable or s.accommodation_code in (${codes}))`;
const ACTIVE_REQUEST = `r.status in ('open', 'held')`;

/**
 * The queue's reads (open requests, their live holds, young people in unsuitable accommodation
 * with no request), who hears about requests, and the once-only overdue mark. Runs in the
 * caller's unit of work.
 */
@Injectable()
export class QueueQueries {
  constructor(private readonly uow: UnitOfWork) {}

  private get em() {
    return this.uow.em;
  }

  /** Every open or held request (of `homeArea`, canonical, and `urgency` when given), unordered: the kernel orders them. */
  requests(homeArea: string | null, urgency: string | null): Promise<QueueRow[]> {
    const params = new Params();
    let scope = '';
    if (homeArea !== null) scope += ` and lower(btrim(y.home_area)) = lower(btrim(${params.add(homeArea)}))`;
    if (urgency !== null) scope += ` and r.urgency = ${params.add(urgency)}`;
    // The queue page's reads are prepared once per connection (sql.ts), not planned per request.
    return executePrepared<QueueRow>(
      this.em,
      `select r.id, r.status, r.urgency, to_char(r.needed_by, 'YYYY-MM-DD') as needed_by, r.created_at,
              y.id as young_person_id, y.reference, y.first_name, y.last_name,
              to_char(y.date_of_birth, 'YYYY-MM-DD') as date_of_birth, y.home_area, y.pregnant_or_parent,
              y.pa_user_id, pa.name as pa_name,
              s.accommodation_code, s.suitable, s.started_at as stay_started_at,
              case when s.id is null then null else coalesce(c.started_at, s.started_at) end as since
         from placement_request r
         join young_person y on y.id = r.young_person_id
         left join app_user pa on pa.id = y.pa_user_id
         left join stay s on s.young_person_id = y.id and s.ended_at is null
         left join stay c on c.id = s.clock_stay_id
        where ${ACTIVE_REQUEST}${scope}`,
      params.values,
    );
  }

  /** The live holds on these requests, soonest expiry first. */
  async liveHolds(requestIds: string[]): Promise<QueueHoldRow[]> {
    if (!requestIds.length) return [];
    return executePrepared<QueueHoldRow>(
      this.em,
      `select h.id, h.request_id, h.bed_id, b.label as bed_label, p.name as provider_name, h.expires_at,
              h.created_by_user_id, u.name as created_by_name
         from hold h
         join bed b on b.id = h.bed_id
         join provider p on p.id = b.provider_id
         left join app_user u on u.id = h.created_by_user_id
        where h.status = 'held' and h.request_id = any($1::uuid[])
        order by h.expires_at, h.id`,
      [`{${requestIds.join(',')}}`],
    );
  }

  /** Open stays that may be unsuitable, of young people (of `homeArea` when given) with no open or held request. */
  unrequested(homeArea: string | null): Promise<UnrequestedRow[]> {
    const params = new Params();
    const scope = homeArea === null ? '' : ` and lower(btrim(y.home_area)) = lower(btrim(${params.add(homeArea)}))`;
    return executePrepared<UnrequestedRow>(
      this.em,
      `select y.id as young_person_id, y.reference, y.first_name, y.last_name,
              to_char(y.date_of_birth, 'YYYY-MM-DD') as date_of_birth,
              s.accommodation_code, s.suitable, coalesce(c.started_at, s.started_at) as since
         from stay s
         join young_person y on y.id = s.young_person_id
         left join stay c on c.id = s.clock_stay_id
        where s.ended_at is null and ${MAYBE_UNSUITABLE}${scope}
          and not exists (select 1 from placement_request r where r.young_person_id = y.id and ${ACTIVE_REQUEST})
        order by since, y.reference, y.id`,
      params.values,
    );
  }

  /** The canonical name of the area on the list named `name` (trimmed, any case), or null. */
  async areaNamed(name: string): Promise<string | null> {
    const [row] = await this.em.execute<{ name: string }[]>(
      `select name from area where lower(btrim(name)) = lower(btrim(?)) limit 1`,
      [name],
    );
    return row?.name ?? null;
  }

  // ---------- who hears ----------

  /** The active line managers of the active housing officers, each once. */
  housingOfficersManagers(): Promise<NoticeRecipient[]> {
    return this.em.execute<NoticeRecipient[]>(
      `select distinct m.id, m.email from app_user ho join app_user m on m.id = ho.manager_id
        where ho.role = 'housing_officer' and ho.active and m.active order by m.email, m.id`,
    );
  }

  /**
   * Marks a planned move-in that could not be made, once: the hold, its young person and who
   * confirmed it, or null when it was already marked (or is no longer a pending move-in).
   */
  async markMoveInFailed(holdId: string, at: Date): Promise<MoveInFailure | null> {
    const rows = await this.em.execute<MoveInFailure[]>(
      `update hold h set move_in_failed_at = ?
         from placement_request r join young_person y on y.id = r.young_person_id
        where h.id = ? and r.id = h.request_id and h.status = 'confirmed' and h.stay_id is null
          and h.move_in_failed_at is null
        returning h.id as hold_id, h.ended_by_user_id as confirmed_by_user_id, h.move_in_at,
                  y.id as young_person_id, y.reference, y.first_name, y.last_name`,
      [at, holdId],
    );
    return rows[0] ?? null;
  }

  /** This active user, as a recipient (null when gone or deactivated). */
  async activeRecipient(id: string | null): Promise<NoticeRecipient | null> {
    if (!id) return null;
    const rows = await this.em.execute<NoticeRecipient[]>(`select id, email from app_user where id = ? and active`, [
      id,
    ]);
    return rows[0] ?? null;
  }

  // ---------- overdue ----------

  /**
   * The once-only overdue mark: requests still open or held whose needed-by date is before
   * `today`, not yet notified, up to `limit` of them, marked `now` in one conditional UPDATE (rows
   * another instance is marking are skipped, and one it marked no longer matches). Answers those marked.
   */
  markOverdue(today: string, now: Date, limit: number): Promise<OverdueRequest[]> {
    return this.em.execute<OverdueRequest[]>(
      `with due as (
         select r.id from placement_request r
          where ${ACTIVE_REQUEST} and r.needed_by < ?::date and r.overdue_notified_at is null
          order by r.needed_by, r.id limit ? for update skip locked),
       marked as (
         update placement_request r set overdue_notified_at = ?
           from due where r.id = due.id and ${ACTIVE_REQUEST} and r.overdue_notified_at is null
          returning r.id, r.urgency, to_char(r.needed_by, 'YYYY-MM-DD') as needed_by, r.young_person_id)
       select m.*, y.reference, y.first_name, y.last_name
         from marked m join young_person y on y.id = m.young_person_id
        order by m.needed_by, m.id`,
      [today, limit, now],
    );
  }
}
