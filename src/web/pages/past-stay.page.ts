import { Get, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CreateStayDto } from '../../features/stays/stays.dto';
import { StaysService } from '../../features/stays/stays.service';
import type { YoungPersonView } from '../../features/young-people/young-people.dto';
import { YoungPeopleService } from '../../features/young-people/young-people.service';
import { isDomainError, type FieldError } from '../../kernel/errors';
import { CAN, type AuthUser } from '../../kernel/roles';
import { UuidParam } from '../../platform/http/params';
import { readForm } from '../forms';
import { PageRoles, Pages, type PageRequest } from '../page.guard';
import type { DatePart } from '../presenters/alert.presenter.form';
import {
  clashMessage,
  PAST_STAY_NAMES,
  pastStayBody,
  pastStayMessage,
  presentPastStayForm,
} from '../presenters/past-stay.presenter';
import { formValues, type FormValues } from '../presenters/record-forms';
import { YoungPersonReader } from './young-person.page';

const back = (id: string) => `/young-people/${encodeURIComponent(id)}`;

/**
 * Add a past stay to a young person's history (`/young-people/:id/stays/past`): where, from when
 * to when, and why it is being added now, through `StaysService.record` as `POST /stays` with
 * `endedAt` does. It fires nothing (no alert, no notification) and the audit keeps the reason; a
 * clash with another stay is said in words. Recorded: back to their page (303) with a banner.
 */
@Pages('young-people')
@PageRoles(...CAN.recordStays)
export class PastStayPage {
  constructor(
    private readonly people: YoungPeopleService,
    private readonly stays: StaysService,
    private readonly reader: YoungPersonReader,
  ) {}

  @Get(':id/stays/past')
  async form(@Req() req: PageRequest, @Res() res: Response, @UuidParam() id: string): Promise<void> {
    const y = await this.people.get(req.user!, id);
    this.render(res, 200, y, formValues({}, PAST_STAY_NAMES));
  }

  @Post(':id/stays/past')
  async record(@Req() req: PageRequest, @Res() res: Response, @UuidParam() id: string): Promise<void> {
    const user = req.user!;
    const y = await this.people.get(user, id);
    const values = formValues(req.body as Record<string, unknown>, PAST_STAY_NAMES);
    const input = pastStayBody(id, values);
    if (input.errors) return this.render(res, 400, y, values, input.errors, input.faulty);
    const form = await readForm(CreateStayDto, input.body);
    if (form.errors) return this.render(res, 400, y, values, form.errors.map(pastStayMessage));
    const before = await this.reader.returnValues(user, id);
    const refused = await this.recordThrough(user, form.value);
    if (refused) return this.render(res, refused.status, y, values, refused.errors);
    const changed = (await this.reader.returnValues(user, id)) !== before;
    res.redirect(303, `${back(id)}?recorded=past_stay&returnChanged=${changed ? 1 : 0}`);
  }

  /** Records it; the service's refusals as the form's messages (a clash named with where they were then). */
  private async recordThrough(
    user: AuthUser,
    dto: CreateStayDto,
  ): Promise<{ status: number; errors: FieldError[] } | null> {
    try {
      await this.stays.record(user, dto);
      return null;
    } catch (e) {
      if (isDomainError(e, 'invalid') || isDomainError(e, 'rule_violation'))
        return {
          status: 400,
          errors: e.fields.length ? e.fields.map(pastStayMessage) : [{ field: 'form', message: e.message }],
        };
      if (isDomainError(e, 'conflict') && e.code === 'stay_overlap') {
        const clash = await this.stays.get(user, String(e.details.clashingStayId));
        return { status: 409, errors: [clashMessage(clash)] };
      }
      if (isDomainError(e, 'conflict'))
        return { status: 409, errors: [pastStayMessage({ field: 'form', message: e.message })] };
      throw e;
    }
  }

  private render(
    res: Response,
    status: number,
    y: YoungPersonView,
    values: FormValues,
    errors: FieldError[] = [],
    faulty: Partial<Record<'startedAt' | 'endedAt', DatePart[]>> = {},
  ): void {
    res.status(status).render('young-people/past-stay-form', {
      pageTitle: `Add a past stay to the history of ${y.firstName} ${y.lastName} (${y.reference})`,
      backHref: back(y.id),
      action: `${back(y.id)}/stays/past`,
      ...presentPastStayForm(values, errors, faulty),
    });
  }
}
