import { Injectable } from '@nestjs/common';
import { liveListSql } from '../../kernel/accommodation';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import type { LiveListRow } from './live-list';

/** The live list's read: open stays in unsuitable or emergency accommodation (the kernel's `liveListSql`). */
@Injectable()
export class LiveListQueries {
  constructor(private readonly uow: UnitOfWork) {}

  /** Longest first (by when the clock started, then stay id); only `paUserId`'s caseload when given. */
  openStays(paUserId: string | null): Promise<LiveListRow[]> {
    const scope = paUserId === null ? '' : 'and y.pa_user_id = ?';
    return this.uow.em.execute<LiveListRow[]>(
      `select s.id as stay_id, y.id as young_person_id, y.reference, to_char(y.date_of_birth, 'YYYY-MM-DD') as date_of_birth, y.pa_user_id,
              y.pregnant_or_parent, s.accommodation_code, s.description, s.suitable, s.emergency, s.started_at,
              coalesce(c.started_at, s.started_at) as clock_started_at,
              cur.id as esc_id, cur.step_index + 1 as esc_step, cur.role as esc_role, cur.status as esc_status, cur.fired_at as esc_fired_at, cur.name as policy_name,
              (select min(n.due_at) from escalation n where n.stay_id = s.clock_stay_id and n.status = 'scheduled') as next_due_at
         from stay s
         join young_person y on y.id = s.young_person_id
         left join stay c on c.id = s.clock_stay_id
         left join lateral (
           select e.id, e.step_index, e.role, e.status, e.fired_at, v.name from escalation e
             join escalation_policy_version v on v.id = e.policy_version_id
            where e.stay_id = s.clock_stay_id and e.fired_at is not null
            order by e.fired_at desc, e.step_index desc, e.occurrence desc limit 1) cur on true
        where s.ended_at is null and ${liveListSql('s')} ${scope}
        order by clock_started_at, s.id`,
      paUserId === null ? [] : [paUserId],
    );
  }
}
