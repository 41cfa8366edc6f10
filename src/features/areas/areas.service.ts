import { Injectable } from '@nestjs/common';
import { conflict, invalid, type FieldError } from '../../kernel/errors';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { AuditService } from '../audit/audit.service';
import type { Area } from './area.entity';
import type { AreaList, AreaView, CreateAreaDto } from './areas.dto';
import { AreasRepository, normaliseArea } from './areas.repository';

const view = (a: Area): AreaView => ({ id: a.id, name: a.name });

/** The managed list of areas, and the check every other feature makes against it. */
@Injectable()
export class AreasService {
  constructor(
    private readonly areas: AreasRepository,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<AreaList> {
    const items = (await this.areas.all()).map(view);
    return { items, total: items.length };
  }

  async create(dto: CreateAreaDto, actorUserId: string): Promise<AreaView> {
    return this.uow.run(async (em) => {
      await this.areas.lockNames();
      const existing = (await this.areas.byNames([dto.name])).get(normaliseArea(dto.name));
      if (existing) throw conflict(`The area ${existing.name} already exists`, 'area_exists', { areaId: existing.id });
      const area = this.areas.insert(dto.name, actorUserId);
      await em.flush();
      this.audit.record(em, {
        actorUserId,
        action: 'area.created',
        entity: 'Area',
        entityId: area.id,
        changes: { name: area.name },
      });
      return view(area);
    });
  }

  /**
   * The canonical spelling of each area named in `fields` (`{homeArea: 'crewe '}` → `{homeArea: 'Crewe'}`),
   * or `invalid` naming every field whose area is not on the list. Null and absent values pass through.
   */
  async canonical<K extends string>(
    fields: Partial<Record<K, string | string[] | null>>,
  ): Promise<Record<K, string | string[] | null>> {
    const names = Object.values<string | string[] | null | undefined>(fields).flatMap((v) =>
      v == null ? [] : Array.isArray(v) ? v : [v],
    );
    const known = await this.areas.byNames(names);
    const errors: FieldError[] = [];
    const out = {} as Record<K, string | string[] | null>;
    for (const [field, value] of Object.entries(fields) as [K, string | string[] | null | undefined][]) {
      if (value === undefined) continue;
      if (value === null) {
        out[field] = null;
        continue;
      }
      const list = Array.isArray(value) ? value : [value];
      const unknown = list.filter((n) => !known.has(normaliseArea(n)));
      if (unknown.length)
        errors.push({
          field,
          message: `${unknown.map((n) => JSON.stringify(n)).join(', ')} is not on the list of areas (GET /areas)`,
        });
      const mapped = list.map((n) => known.get(normaliseArea(n))?.name ?? n);
      out[field] = Array.isArray(value) ? [...new Set(mapped)] : mapped[0];
    }
    if (errors.length) throw invalid(errors);
    return out;
  }
}
