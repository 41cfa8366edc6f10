import { Injectable } from '@nestjs/common';
import { AuditService, diff } from '../audit/audit.service';
import { Page, PageQuery, pageOf } from '../../platform/pagination';
import { invalid, conflict, FieldError, notFound } from '../../kernel/errors';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { applyPatch, assertVersion } from '../../platform/database/versioning';
import { CreateServiceLevelDto, ServiceLevelView, UpdateServiceLevelDto } from './inventory.dto';
import { ServiceLevel } from './inventory.entities';
import { serviceLevelSnapshot, toServiceLevelView } from './inventory.views';
import { ServiceLevelsRepository } from './service-levels.repository';

function checkRanges(s: Pick<ServiceLevel, 'minAge' | 'maxAge' | 'supportHoursMin' | 'supportHoursMax'>): void {
  const errors: FieldError[] = [];
  if (s.minAge > s.maxAge) errors.push({ field: 'maxAge', message: 'maxAge must not be below minAge' });
  if (s.supportHoursMin > s.supportHoursMax)
    errors.push({ field: 'supportHoursMax', message: 'supportHoursMax must not be below supportHoursMin' });
  if (errors.length) throw invalid(errors, errors.map((e) => e.message).join('; '));
}

const codeTaken = (code: string) => conflict(`A service level with code ${code} already exists`);

@Injectable()
export class ServiceLevelsService {
  constructor(
    private readonly levels: ServiceLevelsRepository,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  async list(q: PageQuery): Promise<Page<ServiceLevelView>> {
    const { limit, offset } = pageOf(q);
    const [rows, total] = await this.levels.page(limit, offset);
    return { items: rows.map(toServiceLevelView), total };
  }

  async get(id: string): Promise<ServiceLevelView> {
    const s = await this.levels.findById(id);
    if (!s) throw notFound('Service level', id);
    return toServiceLevelView(s);
  }

  async create(dto: CreateServiceLevelDto, actorId: string): Promise<ServiceLevelView> {
    checkRanges(dto);
    return this.uow.run(async (em) => {
      if (await this.levels.codeTaken(dto.code)) throw codeTaken(dto.code);
      const s = await this.levels.create({ ...dto });
      this.audit.record(em, {
        actorUserId: actorId,
        action: 'service_level.created',
        entity: 'ServiceLevel',
        entityId: s.id,
        changes: serviceLevelSnapshot(s),
      });
      return toServiceLevelView(s);
    });
  }

  async update(id: string, dto: UpdateServiceLevelDto, actorId: string): Promise<ServiceLevelView> {
    return this.uow.run(async (em) => {
      const s = await this.levels.findById(id, true);
      if (!s) throw notFound('Service level', id);
      assertVersion('service level', s.version, dto.version);
      const before = serviceLevelSnapshot(s);
      if (dto.code !== undefined && dto.code !== s.code && (await this.levels.codeTaken(dto.code)))
        throw codeTaken(dto.code);
      applyPatch(s, dto);
      checkRanges(s);
      const changes = diff(before, serviceLevelSnapshot(s));
      if (Object.keys(changes).length) {
        await this.levels.flush();
        this.audit.record(em, {
          actorUserId: actorId,
          action: 'service_level.updated',
          entity: 'ServiceLevel',
          entityId: s.id,
          changes,
        });
      }
      return toServiceLevelView(s);
    });
  }
}
