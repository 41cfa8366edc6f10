import { Get, Inject, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CoverageService } from '../../features/escalations/coverage.service';
import { MyAlertsService, type HomePanels } from '../../features/escalations/my-alerts.service';
import { CaseloadService } from '../../features/reports/caseload.service';
import { LiveListQuery, type UnsuitableReport } from '../../features/reports/live-list.dto';
import { LiveListService } from '../../features/reports/live-list.service';
import { londonDate } from '../../kernel/dates';
import { isDomainError, type FieldError } from '../../kernel/errors';
import { caseloadOf, MANAGERS, type AuthUser } from '../../kernel/roles';
import { CLOCK, type Clock } from '../../platform/clock';
import type { Alongside } from '../../platform/database/sql';
import { AreaChoices } from '../area-choices';
import { readForm } from '../forms';
import { Pages, type PageRequest } from '../page.guard';
import { presentErrors } from '../presenters/errors.presenter';
import {
  areaItems,
  emptyState,
  liveListCaption,
  liveListTitle,
  presentDueReviews,
  presentOpenAlerts,
  presentOperations,
  presentPaHome,
} from '../presenters/home.presenter';
import { hrefFor, liveListQuery, presentLiveList, readFilters, readPage } from '../presenters/live-list.presenter';

/** The filter form's fields, as the error summary names them. */
const FIELDS = { area: 'Area', breach: 'Statutory breaches only', unacknowledged: 'Not acknowledged only' };
/** How many of the user's acknowledgements are read for "your reviews" (oldest review date first, so the due ones come first). */
const REVIEWS_READ = 100;
const ALERTS_SHOWN = 10;

/**
 * Each role's home page. Managers, PAs and housing officers land on the live list of young people
 * in unsuitable or emergency accommodation (managers: by default only those whose alerts reach
 * them; a PA: their caseload, as the service scopes it), filtered by area, breach and
 * acknowledgement in the address; managers and PAs see their open alerts and due reviews beside
 * it. A PA's home starts with their whole caseload (those due a contact first: CONTACT_DUE_AFTER)
 * and their open placement requests with what is happening to each. An administrator lands on operations: steps that reached nobody, coverage gaps, the
 * escalation auditor's last run, the queues.
 */
@Pages()
export class HomePage {
  constructor(
    private readonly liveList: LiveListService,
    private readonly areas: AreaChoices,
    private readonly alerts: MyAlertsService,
    private readonly coverage: CoverageService,
    private readonly caseloads: CaseloadService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  async home(@Req() req: PageRequest, @Res() res: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const user = req.user!;
    if (user.role === 'admin') return this.operations(user, res);
    return this.liveListHome(user, res, query);
  }

  private async liveListHome(user: AuthUser, res: Response, query: Record<string, unknown>): Promise<void> {
    const reach = MANAGERS.includes(user.role);
    const caseload = caseloadOf(user) !== null;
    const receivesAlerts = reach || caseload;
    const filters = readFilters(query);
    if (!reach) filters.everyone = false;
    const page = readPage(query);
    const q = liveListQuery(filters);
    // The alerts and reviews beside the list are read in the list's own statement.
    const panelsRead = receivesAlerts ? this.alerts.homePanelsAlongside(user, ALERTS_SHOWN, REVIEWS_READ) : null;
    const [areas, read, mine] = await Promise.all([
      this.areas.list(),
      this.report(user, q, reach && !filters.everyone, panelsRead),
      caseload ? this.caseloads.mine(user) : null,
    ]);
    const report = read.report;
    // Filters in error: no list was read, and the panels are read on their own.
    const panels =
      read.panels ?? (receivesAlerts ? await this.alerts.homePanels(user, ALERTS_SHOWN, REVIEWS_READ) : null);
    const errors = 'errors' in report ? report.errors : [];
    const opts = { reach, caseload };
    res.status(errors.length ? 400 : 200).render('home/live-list', {
      pageTitle: liveListTitle(caseload),
      bodyClasses: 'app-wide-page',
      errors: presentErrors(errors, FIELDS),
      filters,
      reach,
      caseload,
      areaItems: areaItems(areas.items, filters.area),
      clearHref: hrefFor({ area: '', breach: false, unacknowledged: false, everyone: filters.everyone }),
      caption: liveListCaption(filters, opts),
      list: 'errors' in report ? null : presentLiveList(report, filters, page),
      empty: emptyState(filters, opts),
      alerts: panels ? presentOpenAlerts(panels.alerts) : null,
      reviews: panels ? presentDueReviews(panels.reviews, londonDate(this.clock.now())) : null,
      paHome: mine ? presentPaHome(mine) : null,
    });
  }

  /**
   * The live list for these filters, checked by the API's own DTO and then by the service (an
   * area not on the list is its `invalid` naming `area`): the report, or the fields at fault.
   */
  private async report(
    user: AuthUser,
    q: Record<string, string>,
    reachingOnly: boolean,
    panelsRead: Alongside<HomePanels> | null,
  ): Promise<{ report: UnsuitableReport | { errors: FieldError[] }; panels: HomePanels | null }> {
    const form = await readForm(LiveListQuery, q);
    if (form.errors) return { report: { errors: form.errors.map(areaMessage) }, panels: null };
    const opts = reachingOnly ? { reachingUserId: user.id } : {};
    try {
      if (!panelsRead) return { report: await this.liveList.unsuitable(user, form.value, opts), panels: null };
      const read = await this.liveList.unsuitableWith(user, form.value, opts, panelsRead);
      return { report: read.report, panels: read.alongside };
    } catch (e) {
      if (isDomainError(e, 'invalid')) return { report: { errors: e.fields.map(areaMessage) }, panels: null };
      throw e;
    }
  }

  private async operations(user: AuthUser, res: Response): Promise<void> {
    const [report, coverage, run] = await Promise.all([
      this.liveList.unsuitable(user),
      this.coverage.coverage(),
      this.alerts.lastAuditorRun(),
    ]);
    res.render('home/operations', {
      pageTitle: 'Operations',
      ...presentOperations(report, coverage, run),
    });
  }
}

/** The area is chosen from a list: whatever is wrong with it, the page says so in those terms. */
const areaMessage = (e: FieldError): FieldError =>
  e.field === 'area' ? { field: 'area', message: 'Choose an area from the list' } : e;
