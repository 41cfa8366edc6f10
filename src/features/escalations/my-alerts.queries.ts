import { Injectable } from '@nestjs/common';
import { executePrepared, Params, type Alongside } from '../../platform/database/sql';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { myReviewsSql, type ReviewRow } from './reviews.repository';

/** One step that reached a user and is still open, with who it is about (reference and initials are all that is shown). */
export interface OpenAlertRow {
  id: string;
  young_person_id: string;
  step_index: number;
  occurrence: number;
  role: string;
  fired_at: Date;
  reference: string;
  first_name: string;
  last_name: string;
  acknowledgement_lapsed_at: Date | null;
}

/**
 * A step is open and `user` (a user id's placeholder) is one of the people it reached to act on it
 * (`recipients`, as `StepFiring` stored them), not the allocated PA's copy of a manager's step
 * (told "as the PA", which never counts as the step's delivery; the PA's own step does).
 */
const openReachingWhere = (user: string) => `e.status = 'open' and exists (
  select 1 from jsonb_array_elements(e.recipients) r
   where r->>'userId' = ${user}::text and (r->>'via' <> 'allocated_pa' or e.role = 'pa'))`;
const OPEN_ALERTS_ORDER = `e.fired_at desc, e.step_index desc, e.id`;

/**
 * One page of open alerts (`where`, `limit` a placeholder), newest first, each row carrying the
 * count of all (`total`, a window over the rows before the limit) and its place in the order (`ord`).
 */
const openAlertsSql = (where: string, limit: string) =>
  `select e.id, e.young_person_id, e.step_index, e.occurrence, e.role, e.fired_at, y.reference, y.first_name,
          y.last_name, e.acknowledgement_lapsed_at, count(*) over () as total,
          row_number() over (order by ${OPEN_ALERTS_ORDER}) as ord
     from escalation e join young_person y on y.id = e.young_person_id
    where ${where}
    order by ${OPEN_ALERTS_ORDER} limit ${limit}`;

/** A page of rows each carrying `total` and `ord`: the rows as they were and the count. */
function page<R>(rows: (R & { total: string | number; ord?: unknown })[]): { rows: R[]; total: number } {
  return { rows: rows.map(({ total: _, ord: __, ...r }) => r as R), total: Number(rows[0]?.total ?? 0) };
}

/** A row read as JSON: its instants are ISO-8601 strings, which the views read as they read the text read's. */
type Json = Record<string, unknown>;

export interface HomePanelRows {
  alerts: { rows: OpenAlertRow[]; total: number };
  reviews: { rows: ReviewRow[]; total: number };
}

/**
 * `MyAlertsQueries.homePanels` as one SQL expression (JSON), for a read that runs it alongside its
 * own: the live list's, on the home page (`LiveListService.unsuitableWith`).
 */
export function homePanelsAlongside(
  userId: string,
  caseloadPaId: string | null,
  alertsLimit: number,
  reviewsLimit: number,
): Alongside<HomePanelRows> {
  return {
    sql(p: Params): string {
      // The user's id is added twice: text where the alerts compare it with JSON, uuid for the reviews.
      let where = openReachingWhere(p.add(userId));
      if (caseloadPaId !== null) where += ` and y.pa_user_id = ${p.add(caseloadPaId)}`;
      const alerts = openAlertsSql(where, p.add(alertsLimit));
      const reviews = myReviewsSql(p.add(userId), p.add(reviewsLimit), '0');
      return `json_build_object(
        'alerts', (select coalesce(json_agg(a order by a.ord), '[]'::json) from (${alerts}) a),
        'reviews', (select coalesce(json_agg(r order by r.ord), '[]'::json) from (${reviews}) r))`;
    },
    read(value: unknown): HomePanelRows {
      const json = value as { alerts: Json[]; reviews: Json[] };
      return {
        alerts: page(json.alerts as unknown as (OpenAlertRow & { total: number })[]),
        reviews: page(json.reviews as unknown as (ReviewRow & { total: number })[]),
      };
    },
  };
}

/** The reads behind "your open alerts": escalation steps that reached a user and nobody has acknowledged or closed. */
@Injectable()
export class MyAlertsQueries {
  constructor(private readonly uow: UnitOfWork) {}

  /**
   * Open steps that reached `userId` to act on, newest first (then step, then id), at most `limit`, and how
   * many there are; only `caseloadPaId`'s young people when given (a PA moved off a case no longer
   * sees its steps).
   */
  async openReaching(
    userId: string,
    caseloadPaId: string | null,
    limit: number,
  ): Promise<{ rows: OpenAlertRow[]; total: number }> {
    const p = new Params();
    let where = openReachingWhere(p.add(userId));
    if (caseloadPaId !== null) where += ` and y.pa_user_id = ${p.add(caseloadPaId)}`;
    const whereValues = [...p.values];
    const em = this.uow.em;
    // One statement: the page of rows, each carrying the count of all.
    const rows = await executePrepared<OpenAlertRow & { total: string }>(
      em,
      openAlertsSql(where, p.add(limit)),
      p.values,
    );
    if (rows.length || limit > 0) return page(rows);
    const [{ n }] = await executePrepared<{ n: string }>(
      em,
      `select count(*) as n from escalation e join young_person y on y.id = e.young_person_id where ${where}`,
      whereValues,
    );
    return { rows: [], total: Number(n) };
  }

  /**
   * What a manager's or PA's home page shows beside the live list, in one statement: the first
   * `alertsLimit` of `openReaching` and the first `reviewsLimit` of the user's acknowledgements
   * (`ReviewsRepository.mine`), each with its count. Both are read as JSON in their own order.
   * Both limits are at least 1 (a page of none carries no count).
   */
  async homePanels(
    userId: string,
    caseloadPaId: string | null,
    alertsLimit: number,
    reviewsLimit: number,
  ): Promise<HomePanelRows> {
    const panels = homePanelsAlongside(userId, caseloadPaId, alertsLimit, reviewsLimit);
    const params = new Params();
    const [row] = await executePrepared<{ panels: unknown }>(
      this.uow.em,
      `select ${panels.sql(params)} as panels`,
      params.values,
    );
    return panels.read(row.panels);
  }
}
