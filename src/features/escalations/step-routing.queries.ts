import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../platform/database/unit-of-work';

/** Someone a fired step is sent to. */
export interface StepRecipient {
  userId: string;
  email: string;
  role: string;
}

/** What routing needs of a step: the role it is addressed to, and the young person it is about. */
export interface StepToRoute {
  role: string;
  homeArea: string | null;
  paUserId: string;
}

/**
 * Who receives a fired step: the routing rule, in one place (one query, in the firing transaction).
 *
 * - every active user holding the step's role whose area is the young person's home area
 *   (compared case-insensitively), or who has no area (council-wide); when the young person has no
 *   home area, every active holder of the role;
 * - a step addressed to `pa` reaches no role holders: only the allocated PA;
 * - and always the young person's allocated PA, if active.
 *
 * Each person once, ordered by role, then email.
 */
@Injectable()
export class StepRouting {
  constructor(private readonly uow: UnitOfWork) {}

  async recipients(step: StepToRoute): Promise<StepRecipient[]> {
    const rows = await this.uow.em.execute<{ id: string; email: string; role: string }[]>(
      `select id, email, role from app_user
        where active and (
          (role = ? and ? <> 'pa' and (area is null or ? is null or lower(area) = lower(?)))
          or id = ?)
        order by role, email`,
      [step.role, step.role, step.homeArea, step.homeArea, step.paUserId],
    );
    return rows.map((r) => ({ userId: r.id, email: r.email, role: r.role }));
  }
}
