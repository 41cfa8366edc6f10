import { Injectable } from '@nestjs/common';
import { pgArray } from '../../platform/database/sql';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { Area } from './area.entity';

/** Every query on `area`. Names are matched trimmed and case-insensitively. */
@Injectable()
export class AreasRepository {
  constructor(private readonly uow: UnitOfWork) {}

  all(): Promise<Area[]> {
    return this.uow.em.find(Area, {}, { orderBy: { name: 'asc' } });
  }

  /** The areas named (in any case, with stray spaces), keyed by their normalised name. */
  async byNames(names: readonly string[]): Promise<Map<string, Area>> {
    const wanted = [...new Set(names.map(normaliseArea))];
    if (!wanted.length) return new Map();
    const rows = await this.uow.em.execute<{ id: string; name: string }[]>(
      `select id, name from area where lower(btrim(name)) = any(?::text[])`,
      [pgArray(wanted)],
    );
    return new Map(rows.map((r) => [normaliseArea(r.name), Object.assign(new Area(), r)]));
  }

  /** Serialises adding areas (held until the transaction ends), so two spellings of one name cannot both get in. */
  async lockNames(): Promise<void> {
    await this.uow.em.execute(`select pg_advisory_xact_lock(hashtext('area-names'))`);
  }

  insert(name: string, createdByUserId: string): Area {
    const area = this.uow.em.create(Area, { name, createdByUserId });
    this.uow.em.persist(area);
    return area;
  }
}

export const normaliseArea = (name: string) => name.trim().toLowerCase();
