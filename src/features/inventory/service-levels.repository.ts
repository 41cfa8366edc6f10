import { Injectable } from '@nestjs/common';
import { LockMode, type RequiredEntityData } from '@mikro-orm/postgresql';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { ServiceLevel } from './inventory.entities';

/** Every query on `service_level`. Runs in the caller's unit of work when there is one. */
@Injectable()
export class ServiceLevelsRepository {
  constructor(private readonly uow: UnitOfWork) {}

  private get em() {
    return this.uow.em;
  }

  /** Lowest rank (most support) first, then by code. */
  page(limit: number, offset: number): Promise<[ServiceLevel[], number]> {
    return this.em.findAndCount(ServiceLevel, {}, { orderBy: { rank: 'asc', code: 'asc' }, limit, offset });
  }

  findById(id: string, lock = false): Promise<ServiceLevel | null> {
    return this.em.findOne(ServiceLevel, { id }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  }

  async codeTaken(code: string): Promise<boolean> {
    return (await this.em.count(ServiceLevel, { code })) > 0;
  }

  async exists(id: string): Promise<boolean> {
    return (await this.em.count(ServiceLevel, { id })) > 0;
  }

  /** How many of `ids` name a service level. */
  countByIds(ids: string[]): Promise<number> {
    return this.em.count(ServiceLevel, { id: { $in: ids } });
  }

  /** Inserts the level now (its id, version and timestamps are set by the insert). */
  async create(data: RequiredEntityData<ServiceLevel>): Promise<ServiceLevel> {
    const s = this.em.create(ServiceLevel, data);
    this.em.persist(s);
    await this.em.flush();
    return s;
  }

  /** Writes the changes made to loaded levels (version-checked). */
  flush(): Promise<void> {
    return this.em.flush();
  }
}
