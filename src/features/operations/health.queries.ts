import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../platform/database/unit-of-work';

/** The health check's one statement. */
@Injectable()
export class HealthQueries {
  constructor(private readonly uow: UnitOfWork) {}

  /** Resolves when PostgreSQL answers a trivial query. */
  async ping(): Promise<void> {
    await this.uow.em.execute('select 1');
  }
}
