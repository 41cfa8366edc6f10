import { Inject, Injectable } from '@nestjs/common';
import { AuditService, diff } from '../audit/audit.service';
import { CLOCK, Clock } from '../../platform/clock';
import { pageOf, type PageQuery } from '../../platform/pagination';
import { invalid, invalidField, FieldError, notFound } from '../../kernel/errors';
import { londonDate, londonDayStart } from '../../kernel/dates';
import { observedAt, vacancyBoard } from '../../kernel/vacancy-board';
import { bedActions, type Actor } from '../../kernel/hold-rules';
import { BedHolders } from './bed-holders';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { applyPatch, assertVersion } from '../../platform/database/versioning';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config';
import {
  bedEditAction,
  checkBed,
  checkExpectedReturn,
  checkOutOfServiceReason,
  checkStatusEdit,
  newBed,
} from './bed-rules';
import { BedsRepository } from './beds.repository';
import {
  BedHistoryPage,
  BedPage,
  BedQuery,
  BedView,
  CreateBedDto,
  UpdateBedDto,
  VacanciesView,
  VacancyQuery,
} from './inventory.dto';
import { bedSnapshot, isStale, toBedHistoryEntry, toBedView } from './inventory.views';
import { ProvidersRepository } from './providers.repository';
import { ServiceLevelsRepository } from './service-levels.repository';
import { VacancyBoardQueries } from './vacancy-board.queries';

@Injectable()
export class BedsService {
  constructor(
    private readonly beds: BedsRepository,
    private readonly providers: ProvidersRepository,
    private readonly levels: ServiceLevelsRepository,
    private readonly board: VacancyBoardQueries,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly holders: BedHolders,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Beds as the caller sees them, with what they may do next (a held bed names its holder). */
  async withActions(user: Actor, views: BedView[]): Promise<BedView[]> {
    const holders = await this.holders.of(views.filter((v) => v.status === 'held').map((v) => v.id));
    return views.map((v) => {
      const h = holders.get(v.id);
      const holder = h ? { userId: h.userId, name: h.name, until: h.until } : null;
      return { ...v, allowedActions: bedActions(user, { status: v.status, holder }) };
    });
  }

  async list(q: BedQuery): Promise<BedPage> {
    const { limit, offset } = pageOf(q);
    const providerIds =
      q.providerId || q.area ? await this.providers.idsMatching({ id: q.providerId, area: q.area }) : undefined;
    const [rows, total] = await this.beds.page(
      { status: q.status, serviceLevelId: q.serviceLevelId, providerIds },
      limit,
      offset,
    );
    return { items: rows.map(toBedView), total };
  }

  async get(id: string): Promise<BedView> {
    const b = await this.beds.findById(id);
    if (!b) throw notFound('Bed', id);
    return toBedView(b);
  }

  /**
   * The bed's history, newest first: its audit events (created, out of and back into service,
   * held, occupied, vacated, edited) with who acted by name and, going out of service, why and
   * until when. The audit trail is the record: no other copy of it is kept.
   */
  async history(id: string, q: PageQuery): Promise<BedHistoryPage> {
    if (!(await this.beds.findById(id))) throw notFound('Bed', id);
    const page = await this.audit.history('Bed', id, q);
    return { items: page.items.map(toBedHistoryEntry), total: page.total };
  }

  /** How many beds each provider has (0 for a provider with none). */
  async countsByProvider(providerIds: readonly string[]): Promise<Record<string, number>> {
    const counts = await this.beds.countsByProvider(providerIds);
    return Object.fromEntries(providerIds.map((id) => [id, counts.get(id) ?? 0]));
  }

  /** A provider or service level the bed names must exist: 400 naming the field otherwise. */
  private async checkReferences(ref: { providerId?: string; serviceLevelId?: string }): Promise<void> {
    const errors: FieldError[] = [];
    if (ref.providerId && !(await this.providers.exists(ref.providerId)))
      errors.push({ field: 'providerId', message: 'no provider has this id' });
    if (ref.serviceLevelId && !(await this.levels.exists(ref.serviceLevelId)))
      errors.push({ field: 'serviceLevelId', message: 'no service level has this id' });
    if (errors.length) throw invalid(errors);
  }

  async create(dto: CreateBedDto, actorId: string): Promise<BedView> {
    const data = newBed(dto);
    checkBed(data);
    checkExpectedReturn(data.status, data.availableFrom, londonDate(this.clock.now()));
    return this.uow.run(async (em) => {
      await this.checkReferences(dto);
      const b = await this.beds.create(data);
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
    return this.uow.run(async (em) => {
      const b = await this.beds.findById(id);
      if (!b) throw notFound('Bed', id);
      assertVersion('bed', b.version, dto.version);
      const before = bedSnapshot(b);
      if (dto.status !== undefined && dto.status !== b.status) {
        checkStatusEdit(b.status, dto.status);
        if (dto.status === 'available' && dto.outOfServiceReason === undefined) b.outOfServiceReason = null;
      }
      await this.checkReferences({
        providerId: dto.providerId !== b.providerId ? dto.providerId : undefined,
        serviceLevelId: dto.serviceLevelId !== b.serviceLevelId ? dto.serviceLevelId : undefined,
      });
      applyPatch(b, dto);
      checkOutOfServiceReason(b.status, dto.outOfServiceReason);
      checkBed(b);
      const changes = diff(before, bedSnapshot(b));
      if (changes.availableFrom || changes.status)
        checkExpectedReturn(b.status, b.availableFrom, londonDate(this.clock.now()));
      if (!Object.keys(changes).length) return toBedView(b);
      await this.beds.flush();
      const action = bedEditAction(changes, b.status);
      this.audit.record(em, { actorUserId: actorId, action, entity: 'Bed', entityId: b.id, changes });
      return toBedView(b);
    });
  }

  /**
   * The vacancy board: beds by service level and area with names, by status now and free on
   * `freeOn` (default today) by age band, pathway apart from hotels and emergency beds (the
   * kernel's `vacancyBoard`), and the providers whose vacancies are stale. Every filter narrows
   * the rows, the totals and the stale providers alike.
   */
  async vacancies(q: VacancyQuery = {}): Promise<VacanciesView> {
    const now = this.clock.now();
    const today = londonDate(now);
    const day = q.freeOn ?? today;
    if (day < today) throw invalidField('freeOn', `must be today (${today}) or later`);
    const staleBefore = new Date(now.getTime() - this.config.vacancyStaleAfterMs);
    const beds = await this.board.beds({
      area: q.area,
      serviceLevelId: q.serviceLevelId,
      providerId: q.providerId,
      staleBefore,
    });
    const board = vacancyBoard(
      beds,
      day,
      today,
      observedAt(day, today, now, (d) => londonDayStart(d)),
      {
        ageBand: q.ageBand,
        uasc: q.uasc === 'true',
        group: q.group,
      },
    );
    const area = q.area?.toLowerCase();
    const stale = (await this.providers.staleSince(staleBefore))
      .filter((p) => isStale(p.vacanciesConfirmedAt, now, this.config.vacancyStaleAfterMs))
      .filter((p) => (!area || p.area.toLowerCase() === area) && (!q.providerId || p.id === q.providerId));
    return {
      items: board.rows.map((r) => ({
        ...r,
        providers: r.providers.map((p) => ({
          id: p.id,
          name: p.name,
          stale: p.stale,
          vacanciesConfirmedAt: p.vacanciesConfirmedAt,
        })),
      })),
      totals: board.totals,
      staleProviders: stale.map((p) => ({
        id: p.id,
        name: p.name,
        area: p.area,
        vacanciesConfirmedAt: p.vacanciesConfirmedAt?.toISOString() ?? null,
      })),
      freeOn: day,
      asOf: now.toISOString(),
    };
  }
}
