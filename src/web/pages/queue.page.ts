import { Get, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { QueueQuery, type QueuePage } from '../../features/placements/queue.dto';
import { QueueService } from '../../features/placements/queue.service';
import { isDomainError, type FieldError } from '../../kernel/errors';
import { CAN } from '../../kernel/roles';
import { AreaChoices } from '../area-choices';
import { readForm } from '../forms';
import { PageRoles, Pages, type PageRequest } from '../page.guard';
import { presentErrors } from '../presenters/errors.presenter';
import { areaItems } from '../presenters/home.presenter';
import {
  presentQueue,
  QUEUE_PATH,
  QUEUE_PER_PAGE,
  queueQuery,
  readQueueAddress,
  urgencyItems,
  type QueueFilters,
} from '../presenters/queue.presenter';

/** The filter form's fields, as the error summary names them. */
const FIELDS = { area: 'Area', urgency: 'Urgency' };

/**
 * The placement request queue for housing officers and senior managers
 * (`/placement-requests/queue`): open requests most urgent first, as `QueueService` orders them,
 * 25 a page, filtered by home area and urgency in the address; young people in unsuitable
 * accommodation with no request are a warning at the top. An address with a parameter the page
 * does not know is refused (400), as the API refuses it.
 */
@Pages('placement-requests')
@PageRoles(...CAN.readRequestQueue)
export class QueuePageController {
  constructor(
    private readonly queue: QueueService,
    private readonly areas: AreaChoices,
  ) {}

  @Get('queue')
  async show(@Req() req: PageRequest, @Res() res: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const address = readQueueAddress(query);
    const { filters } = address;
    const [areas, result] = await Promise.all([
      this.areas.list(),
      address.errors.length ? { errors: address.errors } : this.read(filters, address.page),
    ]);
    const errors = 'errors' in result ? result.errors : [];
    res.status(errors.length ? 400 : 200).render('placements/queue', {
      pageTitle: 'Placement requests',
      bodyClasses: 'app-wide-page',
      errors: presentErrors(errors, FIELDS),
      filters,
      areaItems: areaItems(areas.items, filters.area),
      urgencyItems: urgencyItems(filters.urgency),
      clearHref: QUEUE_PATH,
      queue: 'errors' in result ? null : presentQueue(result.page, filters, result.number),
      filtered: Boolean(filters.area || filters.urgency),
    });
  }

  /** The page asked for (the last one when it asks past the end), checked by the API's own DTO and service. */
  private async read(
    f: QueueFilters,
    askedPage: number,
  ): Promise<{ page: QueuePage; number: number } | { errors: FieldError[] }> {
    const form = await readForm(QueueQuery, queueQuery(f, askedPage));
    if (form.errors) return { errors: form.errors.map(fieldMessage) };
    try {
      const page = await this.queue.queue(form.value);
      const last = Math.max(1, Math.ceil(page.total / QUEUE_PER_PAGE));
      if (askedPage <= last) return { page, number: askedPage };
      const form2 = await readForm(QueueQuery, queueQuery(f, last));
      return { page: await this.queue.queue(form2.value!), number: last };
    } catch (e) {
      if (isDomainError(e, 'invalid')) return { errors: e.fields.map(fieldMessage) };
      throw e;
    }
  }
}

/** The area and urgency are chosen from lists: whatever is wrong with them, the page says so in those terms. */
const fieldMessage = (e: FieldError): FieldError =>
  e.field === 'area'
    ? { field: 'area', message: 'Choose an area from the list' }
    : e.field === 'urgency'
      ? { field: 'urgency', message: 'Choose emergency, planned, or both' }
      : e;
