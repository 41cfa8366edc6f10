import { Get, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AreasService } from '../../features/areas/areas.service';
import { UsersService } from '../../features/users/users.service';
import { UpdateYoungPersonDto, type YoungPersonView } from '../../features/young-people/young-people.dto';
import { YoungPeopleService } from '../../features/young-people/young-people.service';
import { isDomainError, type FieldError } from '../../kernel/errors';
import { CAN, caseloadOf, type AuthUser } from '../../kernel/roles';
import { UuidParam } from '../../platform/http/params';
import { readForm } from '../forms';
import { PageRoles, Pages, type PageRequest } from '../page.guard';
import type { DatePart } from '../presenters/alert.presenter.form';
import {
  editBody,
  editValues,
  editValuesOf,
  presentEditForm,
  STALE_MESSAGE,
  type EditValues,
} from '../presenters/young-person-edit.presenter';
import { newPersonMessage } from '../presenters/young-person-form.presenter';

/** Active PAs a user who allocates may choose from (as the add form reads them). */
const PAS_READ = 500;

const back = (id: string) => `/young-people/${encodeURIComponent(id)}`;

/**
 * Change a young person's details (`/young-people/:id/edit`): the fields `PATCH /young-people/:id`
 * takes, pre-filled, through the same service. The record's version goes with the form, so a
 * colleague's change since it was opened is refused (409) and the form shows their values again
 * with the error summary; the service's messages are the fields'. Saved: back to their page (303)
 * with a banner. A PA changes only their own caseload (anyone else's is the 404 page).
 */
@Pages('young-people')
@PageRoles(...CAN.writeYoungPeople)
export class EditYoungPersonPage {
  constructor(
    private readonly people: YoungPeopleService,
    private readonly areas: AreasService,
    private readonly users: UsersService,
  ) {}

  @Get(':id/edit')
  async form(@Req() req: PageRequest, @Res() res: Response, @UuidParam() id: string): Promise<void> {
    const y = await this.people.get(req.user!, id);
    await this.render(req.user!, res, 200, y, editValuesOf(y));
  }

  @Post(':id/edit')
  async save(@Req() req: PageRequest, @Res() res: Response, @UuidParam() id: string): Promise<void> {
    const user = req.user!;
    const y = await this.people.get(user, id);
    const values = editValues(req.body as Record<string, unknown>);
    const input = editBody(values, caseloadOf(user) === null);
    if (input.errors) return this.render(user, res, 400, y, values, input.errors, input.faulty);
    const form = await readForm(UpdateYoungPersonDto, input.body);
    if (form.errors) return this.render(user, res, 400, y, values, form.errors.map(newPersonMessage));
    try {
      await this.people.update(user, id, form.value);
    } catch (e) {
      if (isDomainError(e, 'invalid')) return this.render(user, res, 400, y, values, e.fields.map(newPersonMessage));
      if (isDomainError(e, 'conflict') && e.code === 'stale_version') {
        const now = await this.people.get(user, id);
        return this.render(user, res, 409, now, editValuesOf(now), [{ field: 'form', message: STALE_MESSAGE }]);
      }
      throw e;
    }
    res.redirect(303, `${back(id)}?recorded=details`);
  }

  private async render(
    user: AuthUser,
    res: Response,
    status: number,
    y: YoungPersonView,
    values: EditValues,
    errors: FieldError[] = [],
    faulty: DatePart[] = [],
  ): Promise<void> {
    const allocates = caseloadOf(user) === null;
    const [areas, pas] = await Promise.all([
      this.areas.list(),
      allocates ? this.users.list({ role: 'pa', limit: PAS_READ }) : null,
    ]);
    res.status(status).render('young-people/edit', {
      pageTitle: `Change the details of ${y.firstName} ${y.lastName} (${y.reference})`,
      backHref: back(y.id),
      action: `${back(y.id)}/edit`,
      ...presentEditForm(values, {
        areas: areas.items,
        pas: pas
          ? pas.items.filter((p) => p.active || p.id === y.paUserId).map((p) => ({ id: p.id, name: p.name }))
          : null,
        errors,
        faulty,
      }),
    });
  }
}
