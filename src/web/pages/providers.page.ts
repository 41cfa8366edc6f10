import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AreasService } from '../../features/areas/areas.service';
import { BedsService } from '../../features/inventory/beds.service';
import { ProviderQuery, VacancyConfirmationDto } from '../../features/inventory/inventory.dto';
import { ProvidersService } from '../../features/inventory/providers.service';
import { ServiceLevelsService } from '../../features/inventory/service-levels.service';
import { type FieldError } from '../../kernel/errors';
import { CAN } from '../../kernel/roles';
import { UuidParam } from '../../platform/http/params';
import { readForm } from '../forms';
import { PageRoles, Pages, type PageRequest } from '../page.guard';
import { presentErrors } from '../presenters/errors.presenter';
import { areaItems } from '../presenters/home.presenter';
import { listPagination, pageWindow, readListAddress, showing } from '../presenters/list-query';
import {
  CONFIRM_FIELDS,
  confirmedBanner,
  presentProvider,
  presentProviderLines,
  PROVIDER_FILTER_FIELDS,
  providerFilterMessage,
  staleItems,
} from '../presenters/providers.presenter';

/** Beds a provider's page lists, and the service levels named (a council has a few dozen of each). */
const MANY = 500;
/** The newest confirmations a provider's page shows. */
const CONFIRMATIONS_SHOWN = 25;

/**
 * Providers for housing officers (and everyone who may read inventory, as `GET /providers`): the
 * list with its filters in the address, a provider's page with its contacts, Ofsted registration,
 * beds and vacancy confirmations, and the "Confirm vacancies" form for those who may write
 * inventory, through the same service as `POST /providers/:id/vacancy-confirmations`.
 */
@Pages('providers')
@PageRoles(...CAN.readInventory)
export class ProvidersPage {
  constructor(
    private readonly providers: ProvidersService,
    private readonly beds: BedsService,
    private readonly areas: AreasService,
    private readonly levels: ServiceLevelsService,
  ) {}

  @Get()
  async list(@Res() res: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const address = readListAddress(query, ['area', 'stale']);
    const errors: FieldError[] = [...address.errors];
    let result = null;
    if (!errors.length) {
      const form = await readForm(ProviderQuery, { ...address.filters, ...pageWindow(address.page) });
      if (form.errors) errors.push(...form.errors.map(providerFilterMessage));
      else result = await this.providers.list(form.value);
    }
    const counts = result ? await this.beds.countsByProvider(result.items.map((p) => p.id)) : {};
    const areas = await this.areas.list();
    res.status(errors.length ? 400 : 200).render('inventory/providers', {
      pageTitle: 'Providers',
      errors: presentErrors(errors, PROVIDER_FILTER_FIELDS),
      areaItems: areaItems(areas.items, address.filters.area ?? ''),
      staleItems: staleItems(address.filters.stale ?? ''),
      lines: result ? presentProviderLines(result.items, counts) : null,
      showing: result ? showing(address.page, result.items.length, result.total, 'providers') : '',
      pagination: result ? listPagination('/providers', address.filters, address.page, result.total) : null,
    });
  }

  @Get(':id')
  async show(
    @Req() req: PageRequest,
    @Res() res: Response,
    @UuidParam() id: string,
    @Query('confirmed') confirmed?: string,
  ): Promise<void> {
    await this.render(req, res, id, 200, { success: confirmed === '1' });
  }

  /**
   * Records that the provider confirmed its vacancies (with a note): the same service and DTO as
   * the API; a note too long re-shows the form (400); else back to the page with a banner (303).
   */
  @Post(':id/vacancy-confirmations')
  @PageRoles(...CAN.writeInventory)
  async confirm(@Req() req: PageRequest, @Res() res: Response, @UuidParam() id: string): Promise<void> {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const note = typeof body.note === 'string' ? body.note : '';
    const form = await readForm(VacancyConfirmationDto, { note });
    if (form.errors) {
      const errors = form.errors.map((e) =>
        e.field === 'note' ? { field: 'note', message: 'Note must be 500 characters or fewer' } : e,
      );
      return this.render(req, res, id, 400, { errors, note });
    }
    await this.providers.confirmVacancies(id, form.value, req.user!.id);
    res.redirect(303, `/providers/${id}?confirmed=1`);
  }

  private async render(
    req: PageRequest,
    res: Response,
    id: string,
    status: number,
    state: { success?: boolean; errors?: FieldError[]; note?: string },
  ): Promise<void> {
    const provider = await this.providers.get(id);
    const beds = await this.beds.list({ providerId: id, limit: MANY });
    const levels = await this.levels.list({ limit: MANY });
    const confirmations = await this.providers.confirmations(id, { limit: CONFIRMATIONS_SHOWN });
    const view = presentProvider(
      provider,
      beds.items,
      Object.fromEntries(levels.items.map((l) => [l.id, l.name])),
      confirmations.items,
      confirmations.total,
    );
    res.status(status).render('inventory/provider', {
      pageTitle: provider.name,
      provider: view,
      providerId: id,
      canConfirm: CAN.writeInventory.includes(req.user!.role),
      note: state.note ?? '',
      errors: presentErrors(state.errors ?? [], CONFIRM_FIELDS),
      success:
        state.success && provider.vacanciesConfirmedAt
          ? confirmedBanner(new Date(provider.vacanciesConfirmedAt))
          : null,
    });
  }
}
