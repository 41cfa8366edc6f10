import { Get, Inject, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AreasService } from '../../features/areas/areas.service';
import { BedsService } from '../../features/inventory/beds.service';
import { VacancyQuery, type VacanciesView } from '../../features/inventory/inventory.dto';
import { ServiceLevelsService } from '../../features/inventory/service-levels.service';
import { londonDate } from '../../kernel/dates';
import { isDomainError, type FieldError } from '../../kernel/errors';
import { CAN } from '../../kernel/roles';
import { CLOCK, type Clock } from '../../platform/clock';
import { readForm } from '../forms';
import { PageRoles, Pages, type PageRequest } from '../page.guard';
import { presentErrors } from '../presenters/errors.presenter';
import { areaItems } from '../presenters/home.presenter';
import {
  AGE_BAND_OPTIONS,
  freeOnItems,
  presentVacancyBoard,
  readVacancyFilters,
  selectItems,
  VACANCY_FIELDS,
  vacancyMessage,
  vacancyQuery,
} from '../presenters/vacancies.presenter';

/** How many service levels the filter offers (a council has nine or so). */
const LEVELS_READ = 500;

/**
 * The vacancy board for housing officers and senior managers (the roles of `GET /vacancies`):
 * free beds by service level and area on a day (today unless "Free on" says otherwise), by age
 * band, pathway placements apart from hotels and emergency beds, stale providers tagged; filters
 * in the address (a GET form). The same service as the JSON board.
 */
@Pages('vacancies')
@PageRoles(...CAN.readInventory)
export class VacanciesPage {
  constructor(
    private readonly beds: BedsService,
    private readonly areas: AreasService,
    private readonly levels: ServiceLevelsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  async show(@Req() _req: PageRequest, @Res() res: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const filters = readVacancyFilters(query);
    const { query: q, errors: dateErrors, faulty } = vacancyQuery(filters);
    const [areas, levels, board] = await Promise.all([
      this.areas.list(),
      this.levels.list({ limit: LEVELS_READ }),
      dateErrors.length ? { errors: dateErrors } : this.board(q),
    ]);
    const errors = 'errors' in board ? board.errors : [];
    res.status(errors.length ? 400 : 200).render('inventory/vacancies', {
      pageTitle: 'Vacancies',
      bodyClasses: 'app-wide-page',
      errors: presentErrors(errors, VACANCY_FIELDS, { freeOn: faulty.length ? `freeOn-${faulty[0]}` : 'freeOn-day' }),
      filters,
      areaItems: areaItems(areas.items, filters.area),
      levelItems: selectItems(
        levels.items.map((l) => ({ value: l.id, text: l.name })),
        filters.serviceLevelId,
        'All service levels',
      ),
      ageItems: selectItems(AGE_BAND_OPTIONS, filters.ageBand, 'Any age'),
      dateItems: freeOnItems(filters, faulty),
      board: 'errors' in board ? null : presentVacancyBoard(board, londonDate(this.clock.now())),
    });
  }

  /** The board for these filters, checked by the API's own DTO and then by the service. */
  private async board(q: Record<string, string>): Promise<VacanciesView | { errors: FieldError[] }> {
    const form = await readForm(VacancyQuery, q);
    if (form.errors) return { errors: form.errors.map(vacancyMessage) };
    try {
      return await this.beds.vacancies(form.value);
    } catch (e) {
      if (isDomainError(e, 'invalid')) return { errors: e.fields.map(vacancyMessage) };
      throw e;
    }
  }
}
