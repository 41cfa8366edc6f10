import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import type { ContactRow, PersonRow, StayRow } from './ssda903';

const CHUNK = 1000;

/** The SSDA903 extract's reads from young_person and stay. */
@Injectable()
export class Ssda903Queries {
  constructor(private readonly uow: UnitOfWork) {}

  /** Young people born between the two dates (both included), by reference: a superset by the index on date_of_birth, narrowed by the caller. */
  peopleBornBetween(first: string, last: string): Promise<PersonRow[]> {
    return this.uow.em.execute<PersonRow[]>(
      `select id, reference, to_char(date_of_birth, 'YYYY-MM-DD') as date_of_birth, legal_status
         from young_person where date_of_birth between ? and ? order by reference, id`,
      [first, last],
    );
  }

  /** The stays of these young people open at any time in [from, until), read a thousand people at a time. */
  async staysOverlapping(youngPersonIds: string[], from: Date, until: Date): Promise<StayRow[]> {
    const em = this.uow.em;
    const out: StayRow[] = [];
    for (let i = 0; i < youngPersonIds.length; i += CHUNK) {
      const ids = youngPersonIds.slice(i, i + CHUNK);
      const stays = await em.execute<StayRow[]>(
        `select id, young_person_id, accommodation_code, suitable, started_at, ended_at from stay
          where young_person_id in (${ids.map(() => '?').join(', ')}) and started_at < ? and (ended_at is null or ended_at > ?)`,
        [...ids, until, from],
      );
      out.push(...stays);
    }
    return out;
  }

  /** The keeping-in-touch contacts of these young people made in [from, until), a thousand people at a time. */
  async contactsBetween(youngPersonIds: string[], from: Date, until: Date): Promise<ContactRow[]> {
    const out: ContactRow[] = [];
    for (let i = 0; i < youngPersonIds.length; i += CHUNK) {
      const ids = youngPersonIds.slice(i, i + CHUNK);
      out.push(
        ...(await this.uow.em.execute<ContactRow[]>(
          `select id, young_person_id, contacted_at, in_touch, activity from keeping_in_touch_contact
            where young_person_id in (${ids.map(() => '?').join(', ')}) and contacted_at >= ? and contacted_at < ?`,
          [...ids, from, until],
        )),
      );
    }
    return out;
  }
}
