import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AreasService } from '../../features/areas/areas.service';
import { CaseloadService } from '../../features/reports/caseload.service';
import { UsersService } from '../../features/users/users.service';
import {
  CreateYoungPersonDto,
  YoungPersonQuery,
  type YoungPersonPage,
} from '../../features/young-people/young-people.dto';
import { YoungPeopleService } from '../../features/young-people/young-people.service';
import { isDomainError, type FieldError } from '../../kernel/errors';
import { CAN, caseloadOf, type AuthUser } from '../../kernel/roles';
import { readForm } from '../forms';
import { PageRoles, Pages, type PageRequest } from '../page.guard';
import { presentErrors } from '../presenters/errors.presenter';
import {
  presentSearch,
  readSearchAddress,
  SEARCH_FIELDS,
  SEARCH_PER_PAGE,
  searchQuery,
} from '../presenters/young-people.presenter';
import type { DatePart } from '../presenters/alert.presenter.form';
import {
  newPersonBody,
  newPersonMessage,
  newPersonValues,
  presentDuplicates,
  presentNewPersonForm,
  type DuplicateWarning,
  type NewPersonValues,
} from '../presenters/young-person-form.presenter';

/** Active PAs a user who allocates may choose from (more than this many PAs is not a council this serves). */
const PAS_READ = 500;

/**
 * Find a young person (`/young-people`): a search box (name words, a reference or its start, a
 * date of birth either way, as `YoungPeopleService.list` reads it), 25 results a page with their
 * PA and where they are now, each linking to the young person's page. A PA finds only their own
 * caseload. The words searched for are in the address (the request log keeps the path only).
 */
@Pages('young-people')
@PageRoles(...CAN.readYoungPeople)
export class YoungPeoplePage {
  constructor(
    private readonly people: YoungPeopleService,
    private readonly caseload: CaseloadService,
    private readonly areas: AreasService,
    private readonly users: UsersService,
  ) {}

  /** Add a young person: the form, empty. */
  @Get('new')
  @PageRoles(...CAN.writeYoungPeople)
  async newForm(@Req() req: PageRequest, @Res() res: Response): Promise<void> {
    await this.renderForm(req.user!, res, 200, newPersonValues());
  }

  /**
   * Records the young person through the same service as `POST /young-people`: the page's own
   * messages first (blank names, the date of birth), then the DTO's, then the service's (ages and
   * statuses, the PA, the area), each re-showing the form (400). A possible duplicate re-shows it
   * with a warning listing the records the user may see and the "This is a different person"
   * checkbox (409). Recorded: to the young person's page (303).
   */
  @Post('new')
  @PageRoles(...CAN.writeYoungPeople)
  async create(@Req() req: PageRequest, @Res() res: Response): Promise<void> {
    const user = req.user!;
    const values = newPersonValues(req.body as Record<string, unknown>);
    const input = newPersonBody(values);
    if (input.errors) return this.renderForm(user, res, 400, values, { errors: input.errors, faulty: input.faulty });
    const form = await readForm(CreateYoungPersonDto, input.body);
    if (form.errors) return this.renderForm(user, res, 400, values, { errors: form.errors.map(newPersonMessage) });
    try {
      const created = await this.people.create(user, form.value);
      res.redirect(303, `/young-people/${encodeURIComponent(created.id)}`);
    } catch (e) {
      if (isDomainError(e, 'invalid'))
        return this.renderForm(user, res, 400, values, { errors: e.fields.map(newPersonMessage) });
      if (isDomainError(e, 'conflict') && e.code === 'possible_duplicate')
        return this.renderForm(
          user,
          res,
          409,
          { ...values, confirmedNotDuplicate: false },
          {
            duplicate: presentDuplicates(e.details),
          },
        );
      throw e;
    }
  }

  private async renderForm(
    user: AuthUser,
    res: Response,
    status: number,
    values: NewPersonValues,
    state: { errors?: FieldError[]; faulty?: DatePart[]; duplicate?: DuplicateWarning } = {},
  ): Promise<void> {
    const allocates = caseloadOf(user) === null;
    const [areas, pas] = await Promise.all([
      this.areas.list(),
      allocates ? this.users.list({ role: 'pa', limit: PAS_READ }) : null,
    ]);
    res.status(status).render('young-people/new', {
      pageTitle: 'Add a young person',
      ...presentNewPersonForm(values, {
        areas: areas.items,
        pas: pas ? pas.items.filter((p) => p.active).map((p) => ({ id: p.id, name: p.name })) : null,
        ...state,
      }),
    });
  }

  @Get()
  async search(@Req() req: PageRequest, @Res() res: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const user = req.user!;
    const address = readSearchAddress(query);
    const result = address.errors.length ? { errors: address.errors } : await this.read(user, address.q, address.page);
    const errors = 'errors' in result ? result.errors : [];
    const view =
      'errors' in result
        ? null
        : presentSearch(
            result.page,
            await this.caseload.about(
              user,
              result.page.items.map((y) => y.id),
            ),
            address.q,
            result.number,
          );
    res.status(errors.length ? 400 : 200).render('young-people/search', {
      pageTitle: 'Find a young person',
      errors: presentErrors(errors, SEARCH_FIELDS),
      q: address.q,
      searched: address.q !== '',
      results: view,
      canAdd: CAN.writeYoungPeople.includes(user.role),
    });
  }

  /** The page asked for (the last one when it asks past the end), checked by the API's own DTO and service. */
  private async read(
    user: AuthUser,
    q: string,
    askedPage: number,
  ): Promise<{ page: YoungPersonPage; number: number } | { errors: FieldError[] }> {
    const form = await readForm(YoungPersonQuery, searchQuery(q, askedPage));
    if (form.errors) return { errors: form.errors };
    try {
      const page = await this.people.list(user, form.value);
      const last = Math.max(1, Math.ceil(page.total / SEARCH_PER_PAGE));
      if (askedPage <= last) return { page, number: askedPage };
      const again = await readForm(YoungPersonQuery, searchQuery(q, last));
      return { page: await this.people.list(user, again.value!), number: last };
    } catch (e) {
      if (isDomainError(e, 'invalid')) return { errors: e.fields.map(searchMessage) };
      throw e;
    }
  }
}

/** A date of birth that is not a real date, as the search box says it. */
const searchMessage = (e: FieldError): FieldError =>
  e.field === 'q' ? { field: 'q', message: 'Enter a real date of birth, for example 17/04/2008' } : e;
