import { Injectable } from '@nestjs/common';
import { executePrepared } from '../../platform/database/sql';
import { UnitOfWork } from '../../platform/database/unit-of-work';

/** A clock still runs while some stay carrying it is open (`e` is the escalation's alias). */
const CLOCK_RUNS = `exists (select 1 from stay s where s.clock_stay_id = e.stay_id and s.ended_at is null)`;

/** A user's (`user`: a placeholder) acknowledgements with a review date, on clocks still running, lapsed ones included. */
const myReviewsWhere = (user: string) =>
  `e.acknowledged_by_user_id = ${user} and e.review_by is not null and e.status in ('acknowledged', 'open') and ${CLOCK_RUNS}`;
const MY_REVIEWS_ORDER = `e.review_by, e.review_due_at nulls last, e.acknowledged_at, e.id`;

/**
 * One page of a user's acknowledgements (`myReviewsWhere`; `user`, `limit` and `offset` are
 * placeholders), oldest review date first, each row carrying the count of all (`total`, a window
 * over the rows before limit and offset) and its place in the order (`ord`, for a caller that
 * aggregates the rows: "your reviews" is read with "your open alerts", `MyAlertsQueries.homePanels`).
 */
export const myReviewsSql = (user: string, limit: string, offset: string) =>
  `select e.id, e.young_person_id, e.step_index, e.role, e.status, y.reference, y.first_name, y.last_name,
          e.acknowledged_at, to_char(e.review_by, 'YYYY-MM-DD') as review_by, e.review_due_at, e.action_plan,
          e.acknowledgement_lapsed_at, count(*) over () as total, row_number() over (order by ${MY_REVIEWS_ORDER}) as ord
     from escalation e join young_person y on y.id = e.young_person_id
    where ${myReviewsWhere(user)}
    order by ${MY_REVIEWS_ORDER} limit ${limit} offset ${offset}`;

/** An acknowledgement that has just lapsed, with what its reminder says. */
export interface LapsedReview {
  id: string;
  young_person_id: string;
  step_index: number;
  role: string;
  acknowledged_by_user_id: string;
  acknowledged_at: Date;
  review_by: string;
  review_due_at: Date;
  reference: string;
  first_name: string;
  last_name: string;
  /** The acknowledger's address while their account is active; null otherwise. */
  email: string | null;
  active: boolean;
}

/** One of a user's acknowledgements, as `GET /me/reviews` shows it. */
export interface ReviewRow {
  id: string;
  young_person_id: string;
  step_index: number;
  role: string;
  status: string;
  reference: string;
  first_name: string;
  last_name: string;
  acknowledged_at: Date;
  review_by: string;
  review_due_at: Date | null;
  action_plan: string | null;
  acknowledgement_lapsed_at: Date | null;
}

/**
 * Every query of the review cycle: the bound a policy sets on review dates, acknowledgements
 * lapsing at their review (one conditional UPDATE, so racing workers lapse one once), the sweep's
 * reads, and a user's own reviews. Runs in the caller's unit of work.
 */
@Injectable()
export class ReviewsRepository {
  constructor(private readonly uow: UnitOfWork) {}

  private get em() {
    return this.uow.em;
  }

  /** The policy version's `max_review_after`, or null when there is no such version. */
  async maxReviewAfter(policyVersionId: string): Promise<string | null> {
    const [row] = await this.em.execute<{ max_review_after: string }[]>(
      'select max_review_after from escalation_policy_version where id = ?',
      [policyVersionId],
    );
    return row?.max_review_after ?? null;
  }

  /**
   * The once-only lapse: `acknowledged` → `open` while its review is due and its clock still runs,
   * in one conditional UPDATE. Answers the lapsed acknowledgement, or null when another lapse won,
   * it was acknowledged afresh with a later review, its clock stopped, or it is not due yet.
   */
  async lapseIfDue(id: string, now: Date): Promise<LapsedReview | null> {
    const rows = await this.em.execute<LapsedReview[]>(
      `with lapsed as (
         update escalation e set status = 'open', acknowledgement_lapsed_at = ?
          where e.id = ? and e.status = 'acknowledged' and e.review_due_at <= ? and ${CLOCK_RUNS}
          returning e.id, e.young_person_id, e.step_index, e.role, e.acknowledged_by_user_id, e.acknowledged_at,
                    to_char(e.review_by, 'YYYY-MM-DD') as review_by, e.review_due_at)
       select l.*, y.reference, y.first_name, y.last_name, case when u.active then u.email end as email,
              coalesce(u.active, false) as active
         from lapsed l join young_person y on y.id = l.young_person_id
         left join app_user u on u.id = l.acknowledged_by_user_id`,
      [now, id, now],
    );
    return rows[0] ?? null;
  }

  /** When a still-acknowledged step's review falls due (null when it is not acknowledged or has none). */
  async reviewDueAt(id: string): Promise<Date | null> {
    const [row] = await this.em.execute<{ review_due_at: Date | null }[]>(
      `select review_due_at from escalation where id = ? and status = 'acknowledged'`,
      [id],
    );
    return row?.review_due_at ? new Date(row.review_due_at) : null;
  }

  /** Acknowledged steps whose review is due by `now` on clocks still running, earliest first. */
  async dueIds(now: Date, limit: number): Promise<string[]> {
    const rows = await this.em.execute<{ id: string }[]>(
      `select e.id from escalation e where e.status = 'acknowledged' and e.review_due_at <= ? and ${CLOCK_RUNS}
        order by e.review_due_at, e.id limit ?`,
      [now, limit],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Acknowledgements on clocks that have stopped have nothing left to review: their review time is
   * cleared once it passes, so no sweep reads them again. Answers how many.
   */
  async retireStopped(now: Date): Promise<number> {
    const rows = await this.em.execute<{ id: string }[]>(
      `update escalation e set review_due_at = null
        where e.status = 'acknowledged' and e.review_due_at <= ? and not ${CLOCK_RUNS} returning e.id`,
      [now],
    );
    return rows.length;
  }

  /** Acknowledged steps whose review falls due by `until`, after the keyset (`dueAt`, `id`), in that order. */
  async dueUntil(
    until: Date,
    after: { dueAt: Date; id: string },
    limit: number,
  ): Promise<{ id: string; dueAt: Date }[]> {
    const rows = await this.em.execute<{ id: string; review_due_at: Date }[]>(
      `select id, review_due_at from escalation
        where status = 'acknowledged' and review_due_at <= ? and (review_due_at, id) > (?, ?::uuid)
        order by review_due_at, id limit ?`,
      [until, after.dueAt, after.id, limit],
    );
    return rows.map((r) => ({ id: r.id, dueAt: new Date(r.review_due_at) }));
  }

  /**
   * A user's acknowledgements on clocks still running (the young person is still in unsuitable
   * or emergency accommodation), lapsed ones included, oldest review date first.
   */
  async mine(userId: string, limit: number, offset: number): Promise<{ rows: ReviewRow[]; total: number }> {
    const where = myReviewsWhere('$1');
    const rows = await executePrepared<ReviewRow & { total: string; ord: string }>(
      this.em,
      myReviewsSql('$1', '$2', '$3'),
      [userId, limit, offset],
    );
    if (rows.length || (offset === 0 && limit > 0))
      return { rows: rows.map(({ total: _, ord: __, ...r }) => r), total: Number(rows[0]?.total ?? 0) };
    // A page past the end (or of none): no row to carry the count.
    const [{ n }] = await executePrepared<{ n: string }>(
      this.em,
      `select count(*) as n from escalation e where ${where}`,
      [userId],
    );
    return { rows: [], total: Number(n) };
  }
}
