import { Injectable } from '@nestjs/common';
import { type RequiredEntityData } from '@mikro-orm/postgresql';
import { type BedStatus } from '../../kernel/inventory';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { Bed } from './inventory.entities';

export interface BedFilter {
  status?: BedStatus;
  serviceLevelId?: string;
  /** Only beds of these providers (when given). */
  providerIds?: string[];
}

/** What a status move sets besides the status (a key present with null clears the column). */
export interface BedStatusSet {
  outOfServiceReason?: string | null;
  availableFrom?: string | null;
}

/** Every query on `bed`. Runs in the caller's unit of work when there is one. */
@Injectable()
export class BedsRepository {
  constructor(private readonly uow: UnitOfWork) {}

  private get em() {
    return this.uow.em;
  }

  page(f: BedFilter, limit: number, offset: number): Promise<[Bed[], number]> {
    const where: Record<string, unknown> = { status: f.status, serviceLevelId: f.serviceLevelId };
    if (f.providerIds) where.providerId = { $in: f.providerIds };
    return this.em.findAndCount(Bed, where, { orderBy: { label: 'asc', id: 'asc' }, limit, offset });
  }

  /** How many beds each of these providers has (a provider with none is left out). */
  async countsByProvider(providerIds: readonly string[]): Promise<Map<string, number>> {
    if (!providerIds.length) return new Map();
    const rows = await this.em.execute<{ provider_id: string; n: string }[]>(
      `select provider_id, count(*) as n from bed where provider_id in (${providerIds.map(() => '?').join(', ')})
        group by provider_id`,
      [...providerIds],
    );
    return new Map(rows.map((r) => [r.provider_id, Number(r.n)]));
  }

  findById(id: string): Promise<Bed | null> {
    return this.em.findOne(Bed, { id });
  }

  /** Inserts the bed now (its id, version and timestamps are set by the insert). */
  async create(data: RequiredEntityData<Bed>): Promise<Bed> {
    const b = this.em.create(Bed, data);
    this.em.persist(b);
    await this.em.flush();
    return b;
  }

  /** Writes the changes made to loaded beds; version-checked, so a concurrent change makes it fail. */
  flush(): Promise<void> {
    return this.em.flush();
  }

  /**
   * Moves a bed to `to` in one conditional UPDATE, only if its status is one of `allowed`, bumping
   * its version: of concurrent moves exactly one succeeds. Answers the moved bed and the status it
   * left, or null when the bed is missing or in another status.
   */
  async moveStatus(
    bedId: string,
    to: BedStatus,
    allowed: BedStatus[],
    set: BedStatusSet | undefined,
    now: Date,
  ): Promise<{ bed: Bed; previous: BedStatus } | null> {
    const sets = ['status = ?', 'version = version + 1', 'updated_at = ?'];
    const params: unknown[] = [to, now];
    if (set && 'outOfServiceReason' in set) {
      sets.push('out_of_service_reason = ?');
      params.push(set.outOfServiceReason ?? null);
    }
    if (set && 'availableFrom' in set) {
      sets.push('available_from = ?');
      params.push(set.availableFrom ?? null);
    }
    const rows = await this.em.execute<{ status: BedStatus }[]>(
      `update bed b set ${sets.join(', ')}
         from (select id, status as previous from bed where id = ? for update) old
        where b.id = old.id and b.status in (${allowed.map(() => '?').join(', ')})
        returning b.*, old.previous`,
      [...params, bedId, ...allowed],
    );
    if (!rows.length) return null;
    const { previous, ...row } = rows[0] as unknown as Record<string, unknown> & { previous: BedStatus };
    return { bed: this.em.map(Bed, row), previous };
  }

  /** The bed's status as it is in the database now, or null when there is no such bed. */
  async statusOf(bedId: string): Promise<BedStatus | null> {
    const rows = await this.em.execute<{ status: BedStatus }[]>('select status from bed where id = ?', [bedId]);
    return rows.length ? rows[0].status : null;
  }
}
