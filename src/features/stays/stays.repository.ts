import { Injectable } from '@nestjs/common';
import { LockMode, type RequiredEntityData } from '@mikro-orm/postgresql';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { YoungPerson } from '../young-people/young-person.entity';
import { Stay } from './stay.entity';

export interface StayFilter {
  youngPersonId?: string;
  bedId?: string;
  /** true: only stays that have not ended; false: only ended ones. */
  open?: boolean;
}

/** Every query on `stay`. Runs in the caller's unit of work when there is one. */
@Injectable()
export class StaysRepository {
  constructor(private readonly uow: UnitOfWork) {}

  private get em() {
    return this.uow.em;
  }

  findById(id: string, lock = false): Promise<Stay | null> {
    return this.em.findOne(Stay, { id }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  }

  /** The young person's open stay (at most one), locked until the transaction ends. */
  openStayOf(youngPersonId: string): Promise<Stay | null> {
    return this.em.findOne(Stay, { youngPersonId, endedAt: null }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  /** Every stay of a young person, oldest first. */
  staysOf(youngPersonId: string): Promise<Stay[]> {
    return this.em.find(Stay, { youngPersonId }, { orderBy: { startedAt: 'asc', id: 'asc' } });
  }

  /**
   * Newest first. `caseload` (a PA's id, from `caseloadOf`) bounds the stays to young people
   * allocated to that PA; null for no bound.
   */
  page(filter: StayFilter, caseload: string | null, limit: number, offset: number): Promise<[Stay[], number]> {
    const em = this.em;
    const youngPersonId = caseload
      ? {
          ...(filter.youngPersonId ? { $eq: filter.youngPersonId } : {}),
          $in: em.createQueryBuilder(YoungPerson, 'y').select('y.id').where({ paUserId: caseload }),
        }
      : filter.youngPersonId;
    const endedAt = filter.open === undefined ? undefined : filter.open ? null : { $ne: null };
    return em.findAndCount(
      Stay,
      { youngPersonId, bedId: filter.bedId, endedAt },
      { orderBy: { startedAt: 'desc', id: 'asc' }, limit, offset },
    );
  }

  /** A new stay, not yet inserted (`insert` does, once the person's previous stay has ended). */
  build(data: RequiredEntityData<Stay>): Stay {
    return this.em.create(Stay, data, { persist: false });
  }

  async insert(stay: Stay): Promise<void> {
    const em = this.em;
    em.persist(stay);
    await em.flush();
  }

  /** Writes the changes made to loaded stays. */
  flush(): Promise<void> {
    return this.em.flush();
  }
}
