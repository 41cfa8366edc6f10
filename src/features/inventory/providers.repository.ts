import { Injectable } from '@nestjs/common';
import { LockMode, type RequiredEntityData } from '@mikro-orm/postgresql';
import { likeEscape } from '../../platform/http/params';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { Provider } from './inventory.entities';

export interface ProviderFilter {
  /** Case-insensitive, whole area name. */
  area?: string;
  /** Stale: vacancies never confirmed or confirmed before `staleBefore`; fresh: confirmed since. */
  stale?: 'true' | 'false';
  staleBefore: Date;
}

/** One row of `vacancy_confirmation` with the confirming user's name. */
export interface ConfirmationRow {
  id: string;
  provider_id: string;
  confirmed_at: Date;
  note: string | null;
  confirmed_by_user_id: string | null;
  confirmed_by_name: string | null;
}

/** Never confirmed, or confirmed before `staleBefore`. */
const staleWhere = (staleBefore: Date) => [
  { vacanciesConfirmedAt: null },
  { vacanciesConfirmedAt: { $lt: staleBefore } },
];

/** Every query on `provider`. Runs in the caller's unit of work when there is one. */
@Injectable()
export class ProvidersRepository {
  constructor(private readonly uow: UnitOfWork) {}

  private get em() {
    return this.uow.em;
  }

  page(f: ProviderFilter, limit: number, offset: number): Promise<[Provider[], number]> {
    const where: Record<string, unknown> = {};
    if (f.area) where.area = { $ilike: likeEscape(f.area) };
    if (f.stale === 'true') where.$or = staleWhere(f.staleBefore);
    if (f.stale === 'false') where.vacanciesConfirmedAt = { $gte: f.staleBefore };
    return this.em.findAndCount(Provider, where, { orderBy: { name: 'asc', id: 'asc' }, limit, offset });
  }

  findById(id: string, lock = false): Promise<Provider | null> {
    return this.em.findOne(Provider, { id }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  }

  async exists(id: string): Promise<boolean> {
    return (await this.em.count(Provider, { id })) > 0;
  }

  /** The ids of the providers with this id (when given) in this area (when given, case-insensitive). */
  async idsMatching(f: { id?: string; area?: string }): Promise<string[]> {
    const where: Record<string, unknown> = { id: f.id };
    if (f.area) where.area = { $ilike: likeEscape(f.area) };
    return (await this.em.find(Provider, where, { fields: ['id'] })).map((p) => p.id);
  }

  /** Providers whose vacancies are stale, never-confirmed first, then oldest confirmation, then by name. */
  staleSince(staleBefore: Date): Promise<Provider[]> {
    return this.em.find(
      Provider,
      { $or: staleWhere(staleBefore) },
      { orderBy: { vacanciesConfirmedAt: 'asc nulls first', name: 'asc' } },
    );
  }

  /** Records a confirmation of the provider's vacancies (in the caller's unit of work). */
  async recordConfirmation(c: { providerId: string; at: Date; userId: string; note: string | null }): Promise<string> {
    const id = crypto.randomUUID();
    await this.em.execute(
      `insert into vacancy_confirmation (id, provider_id, confirmed_at, confirmed_by_user_id, note) values (?, ?, ?, ?, ?)`,
      [id, c.providerId, c.at, c.userId, c.note],
    );
    return id;
  }

  /** The provider's confirmations, newest first, with who confirmed (their name). */
  async confirmations(
    providerId: string,
    limit: number,
    offset: number,
  ): Promise<{ rows: ConfirmationRow[]; total: number }> {
    const rows = await this.em.execute<(ConfirmationRow & { total: string })[]>(
      `select c.id, c.provider_id, c.confirmed_at, c.note, c.confirmed_by_user_id, u.name as confirmed_by_name,
              count(*) over () as total
         from vacancy_confirmation c left join app_user u on u.id = c.confirmed_by_user_id
        where c.provider_id = ?
        order by c.confirmed_at desc, c.id desc
        limit ? offset ?`,
      [providerId, limit, offset],
    );
    const total = rows.length
      ? Number(rows[0].total)
      : Number(
          (
            await this.em.execute<{ n: string }[]>(
              `select count(*) as n from vacancy_confirmation where provider_id = ?`,
              [providerId],
            )
          )[0].n,
        );
    return { rows: rows.map(({ total: _t, ...r }) => r), total };
  }

  /** Inserts the provider now (its id, version and timestamps are set by the insert). */
  async create(data: RequiredEntityData<Provider>): Promise<Provider> {
    const p = this.em.create(Provider, data);
    this.em.persist(p);
    await this.em.flush();
    return p;
  }

  /** Writes the changes made to loaded providers (version-checked). */
  flush(): Promise<void> {
    return this.em.flush();
  }
}
