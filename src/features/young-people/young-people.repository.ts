import { Injectable } from '@nestjs/common';
import { LockMode, type RequiredEntityData } from '@mikro-orm/postgresql';
import { escapeLike, type PeopleSearch } from '../../kernel/people-search';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { YoungPerson } from './young-person.entity';

export interface YoungPersonFilter {
  paUserId?: string;
  reference?: string;
  /** GET /young-people?q=: name words, a reference prefix, or a date of birth. */
  search?: PeopleSearch | null;
}

/** The name as the search's trigram index holds it (`young_person_name_search_index`). */
const NAME = `lower(first_name || ' ' || last_name)`;

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
  async page(filter: YoungPersonFilter, limit: number, offset: number): Promise<[YoungPerson[], number]> {
    if (!filter.search) {
      return this.em.findAndCount(
        YoungPerson,
        { paUserId: filter.paUserId, reference: filter.reference },
        { orderBy: { lastName: 'asc', firstName: 'asc', id: 'asc' }, limit, offset },
      );
    }
    const { where, params } = searchWhere(filter);
    const em = this.em;
    const [{ total }] = await em.execute<{ total: string }[]>(
      `select count(*) as total from young_person where ${where}`,
      params,
    );
    if (Number(total) === 0) return [[], 0];
    const ids = await em.execute<{ id: string }[]>(
      `select id from young_person where ${where} order by last_name, first_name, id limit ? offset ?`,
      [...params, limit, offset],
    );
    const found = await em.find(YoungPerson, { id: { $in: ids.map((r) => r.id) } });
    const byId = new Map(found.map((y) => [y.id, y]));
    return [ids.map((r) => byId.get(r.id)).filter((y): y is YoungPerson => !!y), Number(total)];
  }

  /** Everyone born on `dateOfBirth` (the duplicate check compares their names; `young_person_date_of_birth_index`). */
  bornOn(dateOfBirth: string): Promise<YoungPerson[]> {
    return this.em.find(YoungPerson, { dateOfBirth }, { orderBy: { lastName: 'asc', firstName: 'asc', id: 'asc' } });
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

/**
 * The search's condition: every name word found in the first or last name (the trigram index on
 * `NAME`), or the reference equal to or starting with the text (`young_person_reference_lower_index`),
 * or the date of birth; within the caller's caseload and the list's other filters.
 */
function searchWhere(filter: YoungPersonFilter): { where: string; params: unknown[] } {
  const search = filter.search as PeopleSearch;
  const parts: string[] = [];
  const params: unknown[] = [];
  if (search.kind === 'date_of_birth') {
    parts.push('date_of_birth = ?');
    params.push(search.dateOfBirth);
  } else {
    const words = search.words.map(() => `${NAME} like ? escape '\\'`).join(' and ');
    parts.push(`((${words}) or lower(reference) like ? escape '\\')`);
    params.push(...search.words.map((w) => `%${escapeLike(w)}%`), `${escapeLike(search.referencePrefix)}%`);
  }
  if (filter.paUserId) {
    parts.push('pa_user_id = ?');
    params.push(filter.paUserId);
  }
  if (filter.reference) {
    parts.push('reference = ?');
    params.push(filter.reference);
  }
  return { where: parts.join(' and '), params };
}
