import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { AuditService, diff } from '../audit/audit.service';
import { CLOCK, Clock } from '../../platform/clock';
import { pageOf } from '../../platform/pagination';
import { likeEscape } from '../../platform/http/params';
import { invalid, conflict, FieldError, notFound } from '../../kernel/errors';
import { applyPatch, assertVersion } from '../../platform/database/versioning';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config';
import { canEditStatus } from '../../kernel/bed-state';
import { BedPage, BedQuery, BedView, CreateBedDto, UpdateBedDto, VacanciesView } from './inventory.dto';
import { Bed, Provider, ServiceLevel } from './inventory.entities';
import { bedSnapshot, isStale, toBedView } from './inventory.views';
import { BedStatus } from '../../kernel/inventory';

function checkBed(
  b: Pick<Bed, 'minAge' | 'maxAge' | 'under18Only' | 'over18Only' | 'status'> & { outOfServiceReason?: string | null },
): void {
  const errors: FieldError[] = [];
  if (b.minAge > b.maxAge) errors.push({ field: 'maxAge', message: 'maxAge must not be below minAge' });
  if (b.under18Only && b.over18Only)
    errors.push({ field: 'over18Only', message: 'a bed cannot be both under-18s only and over-18s only' });
  if (b.under18Only && b.minAge >= 18)
    errors.push({ field: 'under18Only', message: 'an under-18s-only bed needs a minimum age below 18' });
  if (b.over18Only && b.maxAge < 18)
    errors.push({ field: 'over18Only', message: 'an over-18s-only bed needs a maximum age of 18 or more' });
  if (b.status === 'out_of_service' && !b.outOfServiceReason)
    errors.push({ field: 'outOfServiceReason', message: 'a bed out of service needs a reason' });
  if (errors.length) throw invalid(errors);
}

@Injectable()
export class BedsService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(q: BedQuery): Promise<BedPage> {
    const { limit, offset } = pageOf(q);
    const where: Record<string, unknown> = { status: q.status, serviceLevelId: q.serviceLevelId };
    if (q.providerId || q.area) {
      const providerWhere: Record<string, unknown> = { id: q.providerId };
      if (q.area) providerWhere.area = { $ilike: likeEscape(q.area) };
      const providers = await this.em.find(Provider, providerWhere, { fields: ['id'] });
      where.providerId = { $in: providers.map((p) => p.id) };
    }
    const [rows, total] = await this.em.findAndCount(Bed, where, {
      orderBy: { label: 'asc', id: 'asc' },
      limit,
      offset,
    });
    return { items: rows.map(toBedView), total };
  }

  async get(id: string): Promise<BedView> {
    const b = await this.em.findOne(Bed, { id });
    if (!b) throw notFound('Bed', id);
    return toBedView(b);
  }

  private async checkReferences(
    em: EntityManager,
    ref: { providerId?: string; serviceLevelId?: string },
  ): Promise<void> {
    const errors: FieldError[] = [];
    if (ref.providerId && !(await em.count(Provider, { id: ref.providerId })))
      errors.push({ field: 'providerId', message: 'no provider has this id' });
    if (ref.serviceLevelId && !(await em.count(ServiceLevel, { id: ref.serviceLevelId })))
      errors.push({ field: 'serviceLevelId', message: 'no service level has this id' });
    if (errors.length) throw invalid(errors);
  }

  async create(dto: CreateBedDto, actorId: string): Promise<BedView> {
    const status: BedStatus = dto.status ?? 'available';
    const data = {
      providerId: dto.providerId,
      serviceLevelId: dto.serviceLevelId,
      label: dto.label,
      status,
      minAge: dto.minAge,
      maxAge: dto.maxAge,
      gender: dto.gender ?? 'any',
      stepFree: dto.stepFree ?? false,
      petsAllowed: dto.petsAllowed ?? false,
      acceptsFireRisk: dto.acceptsFireRisk ?? false,
      acceptsSexualHarmRisk: dto.acceptsSexualHarmRisk ?? false,
      uascSpecialist: dto.uascSpecialist ?? false,
      under18Only: dto.under18Only ?? false,
      over18Only: dto.over18Only ?? false,
      outOfServiceReason: status === 'out_of_service' ? (dto.outOfServiceReason ?? null) : null,
      availableFrom: dto.availableFrom ?? null,
    };
    checkBed(data);
    return this.em.transactional(async (em) => {
      await this.checkReferences(em, dto);
      const b = em.create(Bed, data);
      em.persist(b);
      await em.flush();
      this.audit.record(em, {
        actorUserId: actorId,
        action: 'bed.created',
        entity: 'Bed',
        entityId: b.id,
        changes: bedSnapshot(b),
      });
      return toBedView(b);
    });
  }

  /**
   * Edits a bed. A status change must follow the bed lifecycle (only available <-> out of service
   * here; holds and stays drive the rest). The flush is version-checked, so an edit racing another
   * edit, a hold or a stay fails with 409 instead of overwriting it.
   */
  async update(id: string, dto: UpdateBedDto, actorId: string): Promise<BedView> {
    return this.em.transactional(async (em) => {
      const b = await em.findOne(Bed, { id });
      if (!b) throw notFound('Bed', id);
      assertVersion('bed', b.version, dto.version);
      const before = bedSnapshot(b);
      if (dto.status !== undefined && dto.status !== b.status) {
        if (!canEditStatus(b.status, dto.status)) {
          const why =
            b.status === 'held' || b.status === 'occupied' ? '; release the hold or end the stay instead' : '';
          throw conflict(
            `The bed is ${b.status.replace(/_/g, ' ')} and cannot become ${dto.status.replace(/_/g, ' ')}${why}`,
            'bed_state',
            { bedStatus: b.status },
          );
        }
        if (dto.status === 'available' && dto.outOfServiceReason === undefined) b.outOfServiceReason = null;
      }
      await this.checkReferences(em, {
        providerId: dto.providerId !== b.providerId ? dto.providerId : undefined,
        serviceLevelId: dto.serviceLevelId !== b.serviceLevelId ? dto.serviceLevelId : undefined,
      });
      applyPatch(b, dto);
      if (b.status !== 'out_of_service' && dto.outOfServiceReason) {
        throw invalid(
          [{ field: 'outOfServiceReason', message: 'only a bed out of service has a reason' }],
          'outOfServiceReason: only a bed out of service has a reason',
        );
      }
      checkBed(b);
      const changes = diff(before, bedSnapshot(b));
      if (!Object.keys(changes).length) return toBedView(b);
      const action = changes.status
        ? b.status === 'out_of_service'
          ? 'bed.taken_out_of_service'
          : 'bed.returned_to_service'
        : 'bed.updated';
      await em.flush();
      this.audit.record(em, { actorUserId: actorId, action, entity: 'Bed', entityId: b.id, changes });
      return toBedView(b);
    });
  }

  /** Counts by service level and area, plus the providers whose vacancy data is stale. */
  async vacancies(): Promise<VacanciesView> {
    const now = this.clock.now();
    const rows = await this.em.execute<
      {
        service_level_id: string;
        area: string;
        available: string;
        held: string;
        occupied: string;
        out_of_service: string;
      }[]
    >(
      `select b.service_level_id, p.area,
              count(*) filter (where b.status = 'available') as available,
              count(*) filter (where b.status = 'held') as held,
              count(*) filter (where b.status = 'occupied') as occupied,
              count(*) filter (where b.status = 'out_of_service') as out_of_service
         from bed b join provider p on p.id = b.provider_id
         join service_level s on s.id = b.service_level_id
        group by b.service_level_id, s.rank, p.area
        order by s.rank, p.area, b.service_level_id`,
    );
    const staleBefore = new Date(now.getTime() - this.config.vacancyStaleAfterMs);
    const stale = await this.em.find(
      Provider,
      { $or: [{ vacanciesConfirmedAt: null }, { vacanciesConfirmedAt: { $lt: staleBefore } }] },
      { orderBy: { vacanciesConfirmedAt: 'asc nulls first', name: 'asc' } },
    );
    return {
      items: rows.map((r) => ({
        serviceLevelId: r.service_level_id,
        area: r.area,
        available: Number(r.available),
        held: Number(r.held),
        occupied: Number(r.occupied),
        outOfService: Number(r.out_of_service),
      })),
      staleProviders: stale
        .filter((p) => isStale(p.vacanciesConfirmedAt, now, this.config.vacancyStaleAfterMs))
        .map((p) => ({
          id: p.id,
          name: p.name,
          area: p.area,
          vacanciesConfirmedAt: p.vacanciesConfirmedAt?.toISOString() ?? null,
        })),
      asOf: now.toISOString(),
    };
  }
}
