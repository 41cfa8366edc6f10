import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { AuditService, diff } from '../audit/audit.service';
import { Page, PageQuery, pageOf } from '../../platform/pagination';
import { invalid, conflict, FieldError, notFound } from '../../kernel/errors';
import { applyPatch, assertVersion } from '../../platform/database/versioning';
import { CreateServiceLevelDto, ServiceLevelView, UpdateServiceLevelDto } from './inventory.dto';
import { ServiceLevel } from './inventory.entities';
import { serviceLevelSnapshot, toServiceLevelView } from './inventory.views';

function checkRanges(s: Pick<ServiceLevel, 'minAge' | 'maxAge' | 'supportHoursMin' | 'supportHoursMax'>): void {
  const errors: FieldError[] = [];
  if (s.minAge > s.maxAge) errors.push({ field: 'maxAge', message: 'maxAge must not be below minAge' });
  if (s.supportHoursMin > s.supportHoursMax)
    errors.push({ field: 'supportHoursMax', message: 'supportHoursMax must not be below supportHoursMin' });
  if (errors.length) throw invalid(errors, errors.map((e) => e.message).join('; '));
}

@Injectable()
export class ServiceLevelsService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
  ) {}

  async list(q: PageQuery): Promise<Page<ServiceLevelView>> {
    const { limit, offset } = pageOf(q);
    const [rows, total] = await this.em.findAndCount(
      ServiceLevel,
      {},
      { orderBy: { rank: 'asc', code: 'asc' }, limit, offset },
    );
    return { items: rows.map(toServiceLevelView), total };
  }

  async get(id: string): Promise<ServiceLevelView> {
    const s = await this.em.findOne(ServiceLevel, { id });
    if (!s) throw notFound('Service level', id);
    return toServiceLevelView(s);
  }

  async create(dto: CreateServiceLevelDto, actorId: string): Promise<ServiceLevelView> {
    checkRanges(dto);
    return this.em.transactional(async (em) => {
      if (await em.count(ServiceLevel, { code: dto.code }))
        throw conflict(`A service level with code ${dto.code} already exists`);
      const s = em.create(ServiceLevel, { ...dto });
      em.persist(s);
      await em.flush();
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
    return this.em.transactional(async (em) => {
      const s = await em.findOne(ServiceLevel, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!s) throw notFound('Service level', id);
      assertVersion('service level', s.version, dto.version);
      const before = serviceLevelSnapshot(s);
      if (dto.code !== undefined && dto.code !== s.code && (await em.count(ServiceLevel, { code: dto.code }))) {
        throw conflict(`A service level with code ${dto.code} already exists`);
      }
      applyPatch(s, dto);
      checkRanges(s);
      const changes = diff(before, serviceLevelSnapshot(s));
      if (Object.keys(changes).length) {
        await em.flush();
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
