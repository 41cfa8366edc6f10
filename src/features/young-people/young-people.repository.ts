import { Injectable } from '@nestjs/common';
import { LockMode, type RequiredEntityData } from '@mikro-orm/postgresql';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { YoungPerson } from './young-person.entity';

export interface YoungPersonFilter {
  paUserId?: string;
  reference?: string;
}

/** Every query on `young_person`, and its reference sequence. Runs in the caller's unit of work when there is one. */
@Injectable()
export class YoungPeopleRepository {
  constructor(private readonly uow: UnitOfWork) {}

  private get em() {
    return this.uow.em;
  }

  /** With `lock`, the row stays locked until the transaction ends (what changes a person's stays serialises on). */
  findById(id: string, lock = false): Promise<YoungPerson | null> {
    return this.em.findOne(YoungPerson, { id }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  }

  /** By last name, first name, then id. */
  page(filter: YoungPersonFilter, limit: number, offset: number): Promise<[YoungPerson[], number]> {
    return this.em.findAndCount(
      YoungPerson,
      { paUserId: filter.paUserId, reference: filter.reference },
      { orderBy: { lastName: 'asc', firstName: 'asc', id: 'asc' }, limit, offset },
    );
  }

  /** Who holds a reference, if anyone (the id and their PA, to decide what the caller may be told). */
  async referenceHolder(reference: string): Promise<{ id: string; paUserId: string } | null> {
    const y = await this.em.findOne(YoungPerson, { reference }, { fields: ['id', 'paUserId'] });
    return y ? { id: y.id, paUserId: y.paUserId } : null;
  }

  /** The next generated council reference, `CL-<n>`, from its own sequence (never reused, even after a rollback). */
  async nextReference(): Promise<string> {
    const [{ n }] = await this.em.execute<{ n: string }[]>(`select nextval('young_person_reference_seq') as n`);
    return `CL-${n}`;
  }

  /** Inserts a new record now (so its version and any clash are known before the transaction goes on). */
  async insert(data: RequiredEntityData<YoungPerson>): Promise<YoungPerson> {
    const em = this.em;
    const person = em.create(YoungPerson, data);
    em.persist(person);
    await em.flush();
    return person;
  }

  /** Writes the changes made to loaded records (and bumps their versions). */
  flush(): Promise<void> {
    return this.em.flush();
  }
}
