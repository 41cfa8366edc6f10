import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager, MikroORM, type TransactionOptions } from '@mikro-orm/postgresql';

/** Work to do once the transaction has committed (queue a wake-up timer, queue an e-mail's delivery). */
export type AfterCommit = () => Promise<void>;

/**
 * Transactions and what follows them. A service runs a unit of work with `run`: one PostgreSQL
 * transaction, and the repositories it calls use that transaction's entity manager (`em`) without
 * it being passed around. Anything that must happen only if the transaction commits (Redis jobs)
 * is registered with `afterCommit` and runs after the commit; a failure there is logged and left
 * to the sweeps, which rebuild every timer and delivery from PostgreSQL.
 */
@Injectable()
export class UnitOfWork {
  private readonly logger = new Logger('UnitOfWork');
  private readonly pending = new AsyncLocalStorage<AfterCommit[]>();

  constructor(private readonly orm: MikroORM) {}

  /** The entity manager of the current unit of work: the open transaction's, else the request's, else a fresh one. */
  get em(): EntityManager {
    const em = this.orm.em.getContext(false);
    return em.global ? em.fork() : em;
  }

  /** Runs `work` in one transaction and then its after-commit jobs. A nested call joins the outer unit. */
  async run<T>(work: (em: EntityManager) => T | Promise<T>, options: TransactionOptions = {}): Promise<T> {
    if (this.pending.getStore()) return this.em.transactional(work, options);
    const jobs: AfterCommit[] = [];
    const result = await this.pending.run(jobs, () => this.em.transactional(work, options));
    for (const job of jobs) {
      try {
        await job();
      } catch (e) {
        this.logger.error({ err: (e as Error).message }, 'after-commit work failed; the sweep will repair it');
      }
    }
    return result;
  }

  /** Registers work for after the current unit of work commits (dropped if it rolls back). */
  afterCommit(job: AfterCommit): void {
    const jobs = this.pending.getStore();
    if (!jobs) throw new Error('afterCommit outside a unit of work: run the change through UnitOfWork.run');
    jobs.push(job);
  }
}
