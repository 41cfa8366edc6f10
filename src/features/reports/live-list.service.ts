import { liveListSql } from '../../kernel/accommodation';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { CLOCK, Clock } from '../../platform/clock';
import { londonDate, ageOn } from '../../kernel/dates';
import { CalendarService } from '../escalations/calendar.service';
import { breachesStatutoryLimit, hoursElapsed } from '../../kernel/statutory-limits';
import { UnsuitableReport } from './live-list.dto';
import { type AuthUser } from '../../kernel/roles';

interface Row {
  stay_id: string;
  young_person_id: string;
  reference: string;
  date_of_birth: string;
  pa_user_id: string;
  pregnant_or_parent: boolean;
  accommodation_code: string;
  description: string | null;
  suitable: boolean;
  emergency: boolean;
  started_at: Date;
  clock_started_at: Date;
  esc_id: string | null;
  esc_step: number | null;
  esc_role: string | null;
  esc_status: string | null;
  esc_fired_at: Date | null;
  policy_name: string | null;
  next_due_at: Date | null;
}

@Injectable()
export class ReportsService {
  constructor(
    private readonly em: EntityManager,
    private readonly calendars: CalendarService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Everyone now in unsuitable or emergency accommodation, longest first (a PA: their caseload). */
  async unsuitable(user: AuthUser): Promise<UnsuitableReport> {
    const now = this.clock.now();
    const cal = await this.calendars.calendar();
    const params: unknown[] = [];
    let scope = '';
    if (user.role === 'pa') {
      scope = 'and y.pa_user_id = ?';
      params.push(user.id);
    }
    const rows = await this.em.execute<Row[]>(
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
      params,
    );
    const today = londonDate(now);
    const items = rows.map((r) => {
      const clockStartedAt = new Date(r.clock_started_at);
      const age = ageOn(r.date_of_birth, today);
      return {
        stayId: r.stay_id,
        youngPersonId: r.young_person_id,
        reference: r.reference,
        age,
        accommodationCode: r.accommodation_code,
        description: r.description,
        suitable: r.suitable,
        emergency: r.emergency,
        startedAt: new Date(r.started_at).toISOString(),
        clockStartedAt: clockStartedAt.toISOString(),
        hoursElapsed: hoursElapsed(clockStartedAt, now),
        workingDaysElapsed: cal.workingDaysElapsed(clockStartedAt, now),
        currentStep: r.esc_id
          ? {
              escalationId: r.esc_id,
              step: Number(r.esc_step),
              role: r.esc_role!,
              status: r.esc_status!,
              firedAt: new Date(r.esc_fired_at!).toISOString(),
              policyName: r.policy_name!,
            }
          : null,
        acknowledged: r.esc_status === 'acknowledged',
        nextStepDueAt: r.next_due_at ? new Date(r.next_due_at).toISOString() : null,
        breachesStatutoryLimit: breachesStatutoryLimit(
          {
            ageYears: age,
            accommodationCode: r.accommodation_code,
            pregnantOrParent: r.pregnant_or_parent,
            clockStartedAt,
            stayStartedAt: new Date(r.started_at),
          },
          now,
          cal,
        ),
        paUserId: r.pa_user_id,
      };
    });
    return { items, total: items.length, asOf: now.toISOString() };
  }
}
