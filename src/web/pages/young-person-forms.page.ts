import { Get, Inject, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CreateContactDto } from '../../features/contacts/contacts.dto';
import { ContactsService } from '../../features/contacts/contacts.service';
import { AreasService } from '../../features/areas/areas.service';
import { CreatePlacementRequestDto } from '../../features/placements/placements.dto';
import { PlacementsService } from '../../features/placements/placements.service';
import { CreateStayDto } from '../../features/stays/stays.dto';
import { StaysService } from '../../features/stays/stays.service';
import type { YoungPersonView } from '../../features/young-people/young-people.dto';
import { YoungPeopleService } from '../../features/young-people/young-people.service';
import { isDomainError, type FieldError } from '../../kernel/errors';
import { CAN } from '../../kernel/roles';
import { CLOCK, type Clock } from '../../platform/clock';
import { UuidParam } from '../../platform/http/params';
import { readForm } from '../forms';
import { PageRoles, Pages, type PageRequest } from '../page.guard';
import { composeDate, type DatePart } from '../presenters/alert.presenter.form';
import {
  checked,
  composeInstant,
  presentRequestForm,
  REQUEST_NAMES,
  CONTACT_NAMES,
  formValues,
  nowParts,
  presentContactForm,
  presentStayForm,
  STAY_NAMES,
  type FormValues,
} from '../presenters/record-forms';
import { YoungPersonReader } from './young-person.page';

type Read<T> = { value: T; errors: null } | { value: null; errors: FieldError[]; faulty: DatePart[] };

const personTitle = (y: YoungPersonView) => `${y.firstName} ${y.lastName} (${y.reference})`;
const back = (id: string) => `/young-people/${encodeURIComponent(id)}`;

/** Posts the form through the service; its field errors (a domain `invalid`) come back as the form's messages. */
async function recordThrough<T>(work: () => Promise<T>): Promise<{ errors: FieldError[] | null }> {
  try {
    await work();
    return { errors: null };
  } catch (e) {
    if (isDomainError(e, 'invalid') || isDomainError(e, 'rule_violation'))
      return { errors: e.fields.length ? e.fields : [{ field: 'form', message: e.message }] };
    throw e;
  }
}

/**
 * Record a keeping-in-touch contact (`/young-people/:id/contacts/new`): when, how, whether they
 * were in touch and what they are doing, through `ContactsService` as `POST /young-people/:id/contacts`
 * does; then back to the young person's page, whose banner says whether the next SSDA903 return changed.
 */
@Pages('young-people')
@PageRoles(...CAN.recordContacts)
export class RecordContactPage {
  constructor(
    private readonly people: YoungPeopleService,
    private readonly contacts: ContactsService,
    private readonly reader: YoungPersonReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':id/contacts/new')
  async form(@Req() req: PageRequest, @Res() res: Response, @UuidParam() id: string): Promise<void> {
    const y = await this.people.get(req.user!, id);
    const values = { ...formValues({}, CONTACT_NAMES), ...nowParts(this.clock.now(), 'contactedAt') };
    this.render(res, 200, y, values, [], []);
  }

  @Post(':id/contacts/new')
  async record(@Req() req: PageRequest, @Res() res: Response, @UuidParam() id: string): Promise<void> {
    const user = req.user!;
    const y = await this.people.get(user, id);
    const values = formValues(req.body as Record<string, unknown>, CONTACT_NAMES);
    const input = await this.read(values);
    if (input.errors) return this.render(res, 400, y, values, input.errors, input.faulty);
    const before = await this.reader.returnValues(user, id);
    const done = await recordThrough(() => this.contacts.record(user, id, input.value));
    if (done.errors) return this.render(res, 400, y, values, done.errors, []);
    const changed = (await this.reader.returnValues(user, id)) !== before;
    res.redirect(303, `${back(id)}?recorded=contact&returnChanged=${changed ? 1 : 0}`);
  }

  private async read(v: FormValues): Promise<Read<CreateContactDto>> {
    const errors: FieldError[] = [];
    const at = composeInstant(v, 'contactedAt', 'Date of the contact');
    if (at.error) errors.push(at.error);
    if (!v.method) errors.push({ field: 'method', message: 'Select how you made contact' });
    if (!v.inTouch) errors.push({ field: 'inTouch', message: 'Select whether they were in touch' });
    if (errors.length) return { value: null, errors, faulty: at.error ? at.faulty : [] };
    const form = await readForm(CreateContactDto, {
      contactedAt: at.value,
      method: v.method,
      inTouch: v.inTouch,
      ...(v.activity ? { activity: v.activity } : {}),
      ...(v.notes.trim() ? { notes: v.notes } : {}),
    });
    return form.errors ? { value: null, errors: form.errors, faulty: [] } : { value: form.value, errors: null };
  }

  private render(
    res: Response,
    status: number,
    y: YoungPersonView,
    values: FormValues,
    errors: FieldError[],
    faulty: DatePart[],
  ): void {
    res.status(status).render('young-people/contact-form', {
      pageTitle: `Record a contact with ${personTitle(y)}`,
      backHref: back(y.id),
      action: `${back(y.id)}/contacts/new`,
      ...presentContactForm(values, errors, faulty),
    });
  }
}

/**
 * Record where a young person is staying (`/young-people/:id/stays/new`): the kind of
 * accommodation (what each means for suitability, in words), since when (default now: tonight's
 * hotel) and a description, through `StaysService` as `POST /stays` does. A managed bed goes
 * through a placement request and a hold instead.
 */
@Pages('young-people')
@PageRoles(...CAN.recordStays)
export class RecordStayPage {
  constructor(
    private readonly people: YoungPeopleService,
    private readonly stays: StaysService,
    private readonly reader: YoungPersonReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':id/stays/new')
  async form(@Req() req: PageRequest, @Res() res: Response, @UuidParam() id: string): Promise<void> {
    const y = await this.people.get(req.user!, id);
    const values = { ...formValues({}, STAY_NAMES), ...nowParts(this.clock.now(), 'startedAt') };
    this.render(res, 200, y, values, [], []);
  }

  @Post(':id/stays/new')
  async record(@Req() req: PageRequest, @Res() res: Response, @UuidParam() id: string): Promise<void> {
    const user = req.user!;
    const y = await this.people.get(user, id);
    const values = formValues(req.body as Record<string, unknown>, STAY_NAMES);
    const input = await this.read(id, values);
    if (input.errors) return this.render(res, 400, y, values, input.errors, input.faulty);
    const before = await this.reader.returnValues(user, id);
    const done = await recordThrough(() => this.stays.record(user, input.value));
    if (done.errors) return this.render(res, 400, y, values, done.errors, []);
    const changed = (await this.reader.returnValues(user, id)) !== before;
    res.redirect(303, `${back(id)}?recorded=stay&returnChanged=${changed ? 1 : 0}`);
  }

  private async read(id: string, v: FormValues): Promise<Read<CreateStayDto>> {
    const errors: FieldError[] = [];
    if (!v.accommodationCode) errors.push({ field: 'accommodationCode', message: 'Select where they are staying' });
    const at = composeInstant(v, 'startedAt', 'Date they started staying there');
    if (at.error) errors.push(at.error);
    if (errors.length) return { value: null, errors, faulty: at.error ? at.faulty : [] };
    const form = await readForm(CreateStayDto, {
      youngPersonId: id,
      accommodationCode: v.accommodationCode,
      startedAt: at.value,
      ...(v.description.trim() ? { description: v.description } : {}),
    });
    return form.errors ? { value: null, errors: form.errors, faulty: [] } : { value: form.value, errors: null };
  }

  private render(
    res: Response,
    status: number,
    y: YoungPersonView,
    values: FormValues,
    errors: FieldError[],
    faulty: DatePart[],
  ): void {
    res.status(status).render('young-people/stay-form', {
      pageTitle: `Record where ${personTitle(y)} is staying`,
      backHref: back(y.id),
      action: `${back(y.id)}/stays/new`,
      ...presentStayForm(values, errors, faulty),
    });
  }
}

/**
 * Make a placement request (`/young-people/:id/placement-requests/new`): how urgent, needed by
 * when, preferred areas and notes, through `PlacementsService` as `POST /placement-requests`
 * does. A housing officer then holds a bed from its matches.
 */
@Pages('young-people')
@PageRoles(...CAN.raiseRequests)
export class PlacementRequestPage {
  constructor(
    private readonly people: YoungPeopleService,
    private readonly placements: PlacementsService,
    private readonly areas: AreasService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':id/placement-requests/new')
  async form(@Req() req: PageRequest, @Res() res: Response, @UuidParam() id: string): Promise<void> {
    const y = await this.people.get(req.user!, id);
    const now = nowParts(this.clock.now(), 'neededBy');
    const values = { ...formValues({}, REQUEST_NAMES), ...now };
    await this.render(res, 200, y, values, y.homeArea ? [y.homeArea] : [], [], []);
  }

  @Post(':id/placement-requests/new')
  async record(@Req() req: PageRequest, @Res() res: Response, @UuidParam() id: string): Promise<void> {
    const user = req.user!;
    const y = await this.people.get(user, id);
    const body = req.body as Record<string, unknown>;
    const values = formValues(body, REQUEST_NAMES);
    const preferred = checked(body, 'preferredAreas');
    const input = await this.read(id, values, preferred);
    if (input.errors) return this.render(res, 400, y, values, preferred, input.errors, input.faulty);
    const done = await recordThrough(() => this.placements.create(user, input.value));
    if (done.errors) return this.render(res, 400, y, values, preferred, done.errors, []);
    res.redirect(303, `${back(id)}?recorded=request`);
  }

  private async read(id: string, v: FormValues, preferred: string[]): Promise<Read<CreatePlacementRequestDto>> {
    const errors: FieldError[] = [];
    if (!v.urgency) errors.push({ field: 'urgency', message: 'Select how urgent it is' });
    const date = composeDate(
      { day: v['neededBy-day'], month: v['neededBy-month'], year: v['neededBy-year'] },
      'Date the bed is needed by',
    );
    if (date.error) errors.push({ field: 'neededBy', message: date.error.message });
    if (errors.length) return { value: null, errors, faulty: date.error?.parts ?? [] };
    const form = await readForm(CreatePlacementRequestDto, {
      youngPersonId: id,
      urgency: v.urgency,
      neededBy: date.value,
      preferredAreas: preferred,
      ...(v.notes.trim() ? { notes: v.notes } : {}),
    });
    return form.errors ? { value: null, errors: form.errors, faulty: [] } : { value: form.value, errors: null };
  }

  private async render(
    res: Response,
    status: number,
    y: YoungPersonView,
    values: FormValues,
    preferred: string[],
    errors: FieldError[],
    faulty: DatePart[],
  ): Promise<void> {
    const areas = await this.areas.list();
    res.status(status).render('young-people/request-form', {
      pageTitle: `Make a placement request for ${personTitle(y)}`,
      backHref: back(y.id),
      action: `${back(y.id)}/placement-requests/new`,
      ...presentRequestForm(values, areas.items, preferred, errors, faulty),
    });
  }
}
