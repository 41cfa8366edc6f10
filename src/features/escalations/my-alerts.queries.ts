import { Injectable } from '@nestjs/common';
import { executePrepared } from '../../platform/database/sql';
import { UnitOfWork } from '../../platform/database/unit-of-work';

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
 * A step is open and `$1` (a user id) is one of the people it reached to act on it (`recipients`,
 * as `StepFiring` stored them), not the allocated PA's copy of a manager's step (told "as the PA",
 * which never counts as the step's delivery; the PA's own step does).
 */
const OPEN_REACHING = `e.status = 'open' and exists (
  select 1 from jsonb_array_elements(e.recipients) r
   where r->>'userId' = $1::text and (r->>'via' <> 'allocated_pa' or e.role = 'pa'))`;

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
    const params: unknown[] = [userId];
    let where = OPEN_REACHING;
    if (caseloadPaId !== null) {
      where += ' and y.pa_user_id = $2';
      params.push(caseloadPaId);
    }
    const em = this.uow.em;
    // One statement: the page of rows, each carrying the count of all (a window over the rows before the limit).
    const rows = await executePrepared<OpenAlertRow & { total: string }>(
      em,
      `select e.id, e.young_person_id, e.step_index, e.occurrence, e.role, e.fired_at, y.reference, y.first_name,
              y.last_name, e.acknowledgement_lapsed_at, count(*) over () as total
         from escalation e join young_person y on y.id = e.young_person_id
        where ${where}
        order by e.fired_at desc, e.step_index desc, e.id limit $${params.length + 1}`,
      [...params, limit],
    );
    if (rows.length || limit > 0)
      return { rows: rows.map(({ total: _, ...r }) => r), total: Number(rows[0]?.total ?? 0) };
    const [{ n }] = await executePrepared<{ n: string }>(
      em,
      `select count(*) as n from escalation e join young_person y on y.id = e.young_person_id where ${where}`,
      params,
    );
    return { rows: [], total: Number(n) };
  }
}
