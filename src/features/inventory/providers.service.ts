import { Inject, Injectable } from '@nestjs/common';
import { AreasService } from '../areas/areas.service';
import { AuditService, diff } from '../audit/audit.service';
import { CLOCK, Clock } from '../../platform/clock';
import { Page, pageOf, type PageQuery } from '../../platform/pagination';
import { invalid, notFound } from '../../kernel/errors';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { applyPatch, assertVersion } from '../../platform/database/versioning';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config';
import {
  CreateProviderDto,
  ProviderQuery,
  ProviderView,
  UpdateProviderDto,
  VacancyConfirmationDto,
  VacancyConfirmationPage,
  VacancyConfirmationView,
} from './inventory.dto';
import { Provider } from './inventory.entities';
import { isStale, providerSnapshot, toProviderView } from './inventory.views';
import { ProvidersRepository } from './providers.repository';

/** An Ofsted category without a URN (or the reverse) is half a registration. */
function checkRegistration(p: { ofstedUrn?: string | null; ofstedCategory?: string | null }): void {
  if (!!p.ofstedUrn !== !!p.ofstedCategory) {
    const field = p.ofstedUrn ? 'ofstedCategory' : 'ofstedUrn';
    throw invalid(
      [{ field, message: 'an Ofsted registration needs both a URN and a category' }],
      `${field}: an Ofsted registration needs both a URN and a category`,
    );
  }
}

@Injectable()
export class ProvidersService {
  constructor(
    private readonly areas: AreasService,
    private readonly providers: ProvidersRepository,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private view(p: Provider): ProviderView {
    return toProviderView(p, this.clock.now(), this.config.vacancyStaleAfterMs);
  }

  async list(q: ProviderQuery): Promise<Page<ProviderView>> {
    const { limit, offset } = pageOf(q);
    const staleBefore = new Date(this.clock.now().getTime() - this.config.vacancyStaleAfterMs);
    const [rows, total] = await this.providers.page({ area: q.area, stale: q.stale, staleBefore }, limit, offset);
    return { items: rows.map((p) => this.view(p)), total };
  }

  async get(id: string): Promise<ProviderView> {
    const p = await this.providers.findById(id);
    if (!p) throw notFound('Provider', id);
    return this.view(p);
  }

  async create(dto: CreateProviderDto, actorId: string): Promise<ProviderView> {
    checkRegistration(dto);
    return this.uow.run(async (em) => {
      const { area } = await this.areas.canonical({ area: dto.area });
      const p = await this.providers.create({
        name: dto.name,
        area: area as string,
        ofstedUrn: dto.ofstedUrn ?? null,
        ofstedCategory: dto.ofstedCategory ?? null,
        email: dto.email ?? null,
        phone: dto.phone ?? null,
        vacanciesConfirmedAt: null,
      });
      this.audit.record(em, {
        actorUserId: actorId,
        action: 'provider.created',
        entity: 'Provider',
        entityId: p.id,
        changes: providerSnapshot(p),
      });
      return this.view(p);
    });
  }

  async update(id: string, dto: UpdateProviderDto, actorId: string): Promise<ProviderView> {
    return this.uow.run(async (em) => {
      const p = await this.providers.findById(id, true);
      if (!p) throw notFound('Provider', id);
      assertVersion('provider', p.version, dto.version);
      const before = providerSnapshot(p);
      applyPatch(p, { ...dto, ...(await this.areas.canonical({ area: dto.area })) });
      checkRegistration(p);
      const changes = diff(before, providerSnapshot(p));
      if (Object.keys(changes).length) {
        await this.providers.flush();
        this.audit.record(em, {
          actorUserId: actorId,
          action: 'provider.updated',
          entity: 'Provider',
          entityId: p.id,
          changes,
        });
      }
      return this.view(p);
    });
  }

  /** The provider has told us its vacancies are current. */
  async confirmVacancies(id: string, dto: VacancyConfirmationDto, actorId: string): Promise<VacancyConfirmationView> {
    return this.uow.run(async (em) => {
      const p = await this.providers.findById(id, true);
      if (!p) throw notFound('Provider', id);
      const now = this.clock.now();
      const previous = p.vacanciesConfirmedAt ?? null;
      p.vacanciesConfirmedAt = now;
      await this.providers.flush();
      const note = dto.note ? dto.note : null;
      const confirmationId = await this.providers.recordConfirmation({
        providerId: p.id,
        at: now,
        userId: actorId,
        note,
      });
      this.audit.record(em, {
        actorUserId: actorId,
        action: 'provider.vacancies_confirmed',
        entity: 'Provider',
        entityId: p.id,
        changes: {
          vacanciesConfirmedAt: { from: previous?.toISOString() ?? null, to: now.toISOString() },
          note,
          confirmationId,
        },
      });
      return {
        providerId: p.id,
        vacanciesConfirmedAt: now.toISOString(),
        stale: isStale(now, now, this.config.vacancyStaleAfterMs),
        id: confirmationId,
        note,
      };
    });
  }

  /** The provider's vacancy confirmations, newest first: what was said, by whom, when. */
  async confirmations(id: string, q: PageQuery): Promise<VacancyConfirmationPage> {
    const { limit, offset } = pageOf(q);
    if (!(await this.providers.exists(id))) throw notFound('Provider', id);
    const { rows, total } = await this.providers.confirmations(id, limit, offset);
    return {
      items: rows.map((r) => ({
        id: r.id,
        providerId: r.provider_id,
        confirmedAt: new Date(r.confirmed_at).toISOString(),
        note: r.note,
        confirmedByUserId: r.confirmed_by_user_id,
        confirmedByName: r.confirmed_by_name,
      })),
      total,
    };
  }
}
