import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AreasService } from '../../features/areas/areas.service';
import { BedsService } from '../../features/inventory/beds.service';
import { BedQuery, UpdateBedDto, type BedView } from '../../features/inventory/inventory.dto';
import { ProvidersService } from '../../features/inventory/providers.service';
import { ServiceLevelsService } from '../../features/inventory/service-levels.service';
import { isDomainError, type FieldError } from '../../kernel/errors';
import { CAN } from '../../kernel/roles';
import { UuidParam } from '../../platform/http/params';
import { readForm } from '../forms';
import { formField, PageRoles, Pages, type PageRequest } from '../page.guard';
import { presentErrors } from '../presenters/errors.presenter';
import { areaItems } from '../presenters/home.presenter';
import { listPagination, pageWindow, readListAddress, showing } from '../presenters/list-query';
import {
  BED_FILTER_FIELDS,
  bedDetails,
  bedFilterMessage,
  bedStatusTag,
  bedUse,
  OUT_OF_SERVICE_FIELDS,
  outOfServiceInput,
  outOfServiceMessage,
  outOfServiceValues,
  presentBedHistory,
  presentBedLines,
  returnDateItems,
  statusItems,
  type OutOfServiceValues,
} from '../presenters/beds.presenter';
import { selectItems } from '../presenters/vacancies.presenter';
import type { DatePart } from '../presenters/alert.presenter.form';

/** Providers and service levels the filters offer (a council has a few dozen of each). */
const MANY = 500;
/** The newest history events a bed's page shows. */
const HISTORY_SHOWN = 50;

interface FormState {
  success?: string;
  errors?: FieldError[];
  values?: OutOfServiceValues;
  faulty?: DatePart[];
}

const BANNERS: Record<string, string> = {
  out: 'The bed is out of service',
  back: 'The bed is back in service',
};

/**
 * Beds for housing officers (and everyone who may read inventory, as `GET /beds`): the list with
 * its filters in the address, a bed's page with its details, status and status history (its audit
 * events, who by name), and, for those who may write inventory, the forms taking it out of service
 * and back through the same service method as `PATCH /beds/:id`.
 */
@Pages('beds')
@PageRoles(...CAN.readInventory)
export class BedsPage {
  constructor(
    private readonly beds: BedsService,
    private readonly providers: ProvidersService,
    private readonly areas: AreasService,
    private readonly levels: ServiceLevelsService,
  ) {}

  @Get()
  async list(@Res() res: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const address = readListAddress(query, ['area', 'serviceLevelId', 'status', 'providerId']);
    const errors: FieldError[] = [...address.errors];
    let result = null;
    if (!errors.length) {
      const form = await readForm(BedQuery, { ...address.filters, ...pageWindow(address.page) });
      if (form.errors) errors.push(...form.errors.map(bedFilterMessage));
      else result = await this.beds.list(form.value);
    }
    const areas = await this.areas.list();
    const levels = await this.levels.list({ limit: MANY });
    const providers = await this.providers.list({ limit: MANY });
    const f = address.filters;
    res.status(errors.length ? 400 : 200).render('inventory/beds', {
      pageTitle: 'Beds',
      errors: presentErrors(errors, BED_FILTER_FIELDS),
      areaItems: areaItems(areas.items, f.area ?? ''),
      levelItems: selectItems(
        levels.items.map((l) => ({ value: l.id, text: l.name })),
        f.serviceLevelId ?? '',
        'All service levels',
      ),
      statusItems: statusItems(f.status ?? ''),
      providerItems: selectItems(
        providers.items.map((p) => ({ value: p.id, text: p.name })),
        f.providerId ?? '',
        'All providers',
      ),
      lines: result
        ? presentBedLines(
            result.items,
            Object.fromEntries(providers.items.map((p) => [p.id, p])),
            Object.fromEntries(levels.items.map((l) => [l.id, l.name])),
          )
        : null,
      showing: result ? showing(address.page, result.items.length, result.total, 'beds') : '',
      pagination: result ? listPagination('/beds', f, address.page, result.total) : null,
    });
  }

  @Get(':id')
  async show(
    @Req() req: PageRequest,
    @Res() res: Response,
    @UuidParam() id: string,
    @Query('done') done?: string,
  ): Promise<void> {
    await this.render(req, res, await this.beds.get(id), 200, { success: done ? BANNERS[done] : undefined });
  }

  /** Takes the bed out of service: a reason, an expected return not in the past (the service checks). */
  @Post(':id/out-of-service')
  @PageRoles(...CAN.writeInventory)
  async outOfService(@Req() req: PageRequest, @Res() res: Response, @UuidParam() id: string): Promise<void> {
    const bed = await this.beds.get(id);
    const values = outOfServiceValues(req.body as Record<string, unknown>);
    const input = outOfServiceInput(values);
    if (input.errors) return this.render(req, res, bed, 400, { values, errors: input.errors, faulty: input.faulty });
    const failed = await this.change(req, id, input.body);
    if (failed) return this.render(req, res, bed, failed.status, { values, errors: failed.errors });
    res.redirect(303, `/beds/${id}?done=out`);
  }

  /** Puts the bed back in service (its expected return date cleared). */
  @Post(':id/return-to-service')
  @PageRoles(...CAN.writeInventory)
  async returnToService(@Req() req: PageRequest, @Res() res: Response, @UuidParam() id: string): Promise<void> {
    const bed = await this.beds.get(id);
    const version = formField(req, 'version') ?? '';
    const body: Record<string, unknown> = { status: 'available', availableFrom: null };
    if (/^\d+$/.test(version)) body.version = Number(version);
    const failed = await this.change(req, id, body);
    if (failed) return this.render(req, res, bed, failed.status, { errors: failed.errors });
    res.redirect(303, `/beds/${id}?done=back`);
  }

  /**
   * The change through the API's DTO and `BedsService.update`; its refusals as form messages. A
   * refused change is shown against the bed as read before it (`bed`, a copy): the entity the
   * failed unit of work loaded may hold the refused values until the request ends.
   */
  private async change(
    req: PageRequest,
    id: string,
    body: Record<string, unknown>,
  ): Promise<{ status: number; errors: FieldError[] } | null> {
    const form = await readForm(UpdateBedDto, body);
    if (form.errors) return { status: 400, errors: form.errors.map(outOfServiceMessage) };
    try {
      await this.beds.update(id, form.value, req.user!.id);
      return null;
    } catch (e) {
      if (isDomainError(e, 'invalid')) return { status: 400, errors: e.fields.map(outOfServiceMessage) };
      if (isDomainError(e, 'conflict'))
        return {
          status: 409,
          errors: [
            { field: 'status', message: 'The bed changed while you were on this page. It is shown as it is now' },
          ],
        };
      throw e;
    }
  }

  private async render(req: PageRequest, res: Response, bed: BedView, status: number, state: FormState): Promise<void> {
    const provider = await this.providers.get(bed.providerId);
    const level = await this.levels.get(bed.serviceLevelId);
    const history = await this.beds.history(bed.id, { limit: HISTORY_SHOWN });
    // What this user may do with the bed now, and why not (the same decisions the service enforces).
    const [{ allowedActions: actions = [] }] = await this.beds.withActions(req.user!, [bed]);
    const action = (name: string) => actions.find((a) => a.action === name) ?? { allowed: false };
    const values = state.values ?? { outOfServiceReason: '', day: '', month: '', year: '', version: '' };
    res.status(status).render('inventory/bed', {
      pageTitle: `${bed.label}, ${provider.name}`,
      bed: { id: bed.id, label: bed.label, version: bed.version, status: bed.status },
      provider: { href: `/providers/${provider.id}`, name: provider.name },
      statusTag: bedStatusTag(bed.status),
      use: bedUse(bed),
      details: bedDetails(bed, provider.name, level.name),
      history: presentBedHistory(history.items),
      historyTotal: history.total,
      takeOut: action('take-out-of-service'),
      giveBack: action('return-to-service'),
      values,
      dateItems: returnDateItems(values, state.faulty ?? []),
      errors: presentErrors(state.errors ?? [], OUT_OF_SERVICE_FIELDS, {
        availableFrom: `availableFrom-${state.faulty?.[0] ?? 'day'}`,
        status: 'current-status',
      }),
      success: state.success ?? null,
    });
  }
}
