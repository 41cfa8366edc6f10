import { Injectable } from '@nestjs/common';
import { liveListSql } from '../../kernel/accommodation';
import type { OrgPerson } from '../../kernel/routing';
import type { Role } from '../../kernel/roles';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import type { DigestPerson } from './digest';

/** Staff as the routing rule sees them, with the address a digest goes to. */
export interface DigestStaff extends OrgPerson {
  email: string;
}

/**
 * The morning digest's reads and its once-a-day claim (`digest_run`: the instance whose INSERT of
 * the day wins sends it). Runs in the caller's unit of work.
 */
@Injectable()
export class DigestQueries {
  constructor(private readonly uow: UnitOfWork) {}

  private get em() {
    return this.uow.em;
  }

  /** Whether the digest of `day` has been claimed (sent, or being sent). */
  async claimed(day: string): Promise<boolean> {
    const rows = await this.em.execute('select 1 from digest_run where day = ?', [day]);
    return rows.length > 0;
  }

  /** Claims the digest of `day`: true for the one caller whose row went in (a concurrent claim waits for it to commit). */
  async claim(day: string, now: Date): Promise<boolean> {
    const rows = await this.em.execute(
      'insert into digest_run (day, started_at) values (?, ?) on conflict do nothing returning day',
      [day, now],
    );
    return rows.length > 0;
  }

  async finish(day: string, now: Date, sent: number): Promise<void> {
    await this.em.execute('update digest_run set finished_at = ?, sent = ? where day = ?', [now, sent, day]);
  }

  /** Every member of staff (inactive ones too: the routing rule passes over them in a chain). */
  async staff(): Promise<DigestStaff[]> {
    const rows = await this.em.execute<
      { id: string; role: Role; area: string | null; manager_id: string | null; active: boolean; email: string }[]
    >('select id, role, area, manager_id, active, email from app_user order by id');
    return rows.map((r) => ({
      id: r.id,
      role: r.role,
      area: r.area,
      managerId: r.manager_id,
      active: r.active,
      email: r.email,
    }));
  }

  /** Everyone now in unsuitable or emergency accommodation (the live list's rule), with their clock's open and lapsed steps. */
  async people(): Promise<DigestPerson[]> {
    const rows = await this.em.execute<
      {
        young_person_id: string;
        reference: string;
        first_name: string;
        last_name: string;
        date_of_birth: string;
        pa_user_id: string | null;
        home_area: string | null;
        pregnant_or_parent: boolean;
        accommodation_code: string;
        started_at: Date;
        clock_started_at: Date;
        unacknowledged: number;
        lapsed: number;
      }[]
    >(
      `select y.id as young_person_id, y.reference, y.first_name, y.last_name, to_char(y.date_of_birth, 'YYYY-MM-DD') as date_of_birth,
              y.pa_user_id, y.home_area, y.pregnant_or_parent, s.accommodation_code, s.started_at,
              coalesce(c.started_at, s.started_at) as clock_started_at,
              (select count(*) from escalation e where e.stay_id = s.clock_stay_id and e.status = 'open'
                  and e.acknowledgement_lapsed_at is null)::int as unacknowledged,
              (select count(*) from escalation e where e.stay_id = s.clock_stay_id and e.status = 'open'
                  and e.acknowledgement_lapsed_at is not null)::int as lapsed
         from stay s
         join young_person y on y.id = s.young_person_id
         left join stay c on c.id = s.clock_stay_id
        where s.ended_at is null and ${liveListSql('s')}
        order by clock_started_at, s.id`,
    );
    return rows.map((r) => ({
      youngPersonId: r.young_person_id,
      reference: r.reference,
      firstName: r.first_name,
      lastName: r.last_name,
      dateOfBirth: r.date_of_birth,
      paUserId: r.pa_user_id,
      homeArea: r.home_area,
      pregnantOrParent: r.pregnant_or_parent,
      accommodationCode: r.accommodation_code,
      stayStartedAt: new Date(r.started_at),
      clockStartedAt: new Date(r.clock_started_at),
      unacknowledged: r.unacknowledged,
      lapsed: r.lapsed,
    }));
  }
}
