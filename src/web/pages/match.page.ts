import { Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { BedsService } from '../../features/inventory/beds.service';
import { ProvidersService } from '../../features/inventory/providers.service';
import { HoldConfirmationService } from '../../features/placements/hold-confirmation.service';
import { HoldsService } from '../../features/placements/holds.service';
import { MatchesService } from '../../features/placements/matches.service';
import {
  ConfirmHoldDto,
  CreateHoldDto,
  ExtendHoldDto,
  ReleaseHoldDto,
  type HoldView,
} from '../../features/placements/placements.dto';
import { PlacementsService } from '../../features/placements/placements.service';
import { StaysService } from '../../features/stays/stays.service';
import { YoungPeopleService } from '../../features/young-people/young-people.service';
import { DomainError, isDomainError, type FieldError } from '../../kernel/errors';
import { CAN, type AuthUser } from '../../kernel/roles';
import { CLOCK, type Clock } from '../../platform/clock';
import { UuidParam } from '../../platform/http/params';
import { readForm } from '../forms';
import { PageRoles, Pages, type PageRequest } from '../page.guard';
import { composeDate, type DatePart, type DateParts } from '../presenters/alert.presenter.form';
import { presentErrors, type PresentedErrors } from '../presenters/errors.presenter';
import {
  CANDIDATES_PER_PAGE,
  endOfDay,
  moveInInstant,
  presentConfirmHold,
  presentMatchPage,
  type HoldWithBed,
  type MatchPageState,
} from '../presenters/match.presenter';
import { postedDate, postedText, type Posted } from '../presenters/posted';

const BANNERS: Record<string, string> = {
  held: 'Bed held. Confirm the hold when the young person is ready to move in',
  extended: 'Hold extended',
  released: 'Hold released',
  confirmed: 'Move-in confirmed',
  planned: 'Move-in confirmed for the planned date',
};

const blank = (p: DateParts) => !p.day.trim() && !p.month.trim() && !p.year.trim();
const STATUS: Record<string, number> = { invalid: 400, conflict: 409, rule_violation: 422 };

/**
 * Match, hold and confirm for housing officers (and admins): `/placement-requests/<id>/matches`
 * (linked from each queue row) shows the request, its holds and the beds that fit; its forms post
 * to the API's own addresses (`/placement-requests/<id>/holds`, `/holds/<id>/extend|release|confirm`)
 * and go through the same services. A refusal (a bed held meanwhile: "Held by … until …", a rule,
 * a bad date) shows the page again with a GOV.UK error summary; success redirects (303) with a banner.
 */
@Pages()
@PageRoles(...CAN.allocateBeds)
export class MatchPage {
  constructor(
    private readonly placements: PlacementsService,
    private readonly people: YoungPeopleService,
    private readonly stays: StaysService,
    private readonly holds: HoldsService,
    private readonly confirmation: HoldConfirmationService,
    private readonly matching: MatchesService,
    private readonly beds: BedsService,
    private readonly providers: ProvidersService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('placement-requests/:id/matches')
  async show(
    @Req() req: PageRequest,
    @Res() res: Response,
    @UuidParam() id: string,
    @Query('done') done?: string,
    @Query('page') page?: string,
  ): Promise<void> {
    await this.render(res, 200, req.user!, id, { banner: done ? (BANNERS[done] ?? null) : null }, pageNumber(page));
  }

  @Post('placement-requests/:id/holds')
  async hold(@Req() req: PageRequest, @Res() res: Response, @UuidParam() id: string): Promise<void> {
    const user = req.user!;
    const body = req.body as Posted;
    const bedId = postedText(body, 'bedId');
    const values = postedDate(body, 'moveIn');
    const state = (faulty: DatePart[] = []): MatchPageState => ({ holdForm: { bedId, values, faulty } });
    let moveInAt: string | undefined;
    if (!blank(values)) {
      const date = composeDate(values, 'Planned move-in date');
      if (date.error) {
        const errors = presentErrors(
          [{ field: 'moveIn', message: date.error.message }],
          { moveIn: 'Move-in' },
          {
            moveIn: `moveIn-${bedId}-${date.error.parts[0]}`,
          },
        );
        return this.render(res, 400, user, id, { ...state(date.error.parts), errors });
      }
      moveInAt = moveInInstant(date.value, this.clock.now());
    }
    const form = await readForm(CreateHoldDto, {
      bedId,
      ...(moveInAt ? { moveInAt } : {}),
      ...(postedText(body, 'additional') === 'true' ? { additional: true } : {}),
    });
    if (form.errors) return this.render(res, 400, user, id, { ...state(), errors: summaryOf(form.errors) });
    try {
      await this.holds.hold(user, id, form.value);
    } catch (e) {
      const refusal = refusalOf(e);
      if (!refusal) throw e;
      return this.render(res, refusal.status, user, id, { ...state(), errors: refusal.errors });
    }
    res.redirect(303, `/placement-requests/${id}/matches?done=held`);
  }

  @Post('holds/:id/extend')
  async extend(@Req() req: PageRequest, @Res() res: Response, @UuidParam() id: string): Promise<void> {
    const user = req.user!;
    const hold = await this.holds.getHold(user, id);
    const body = req.body as Posted;
    const reason = postedText(body, 'reason');
    const values = postedDate(body, 'until');
    const date = composeDate(values, 'New expiry date');
    const edit = { holdId: id, reason, values, faulty: date.error?.parts ?? [] };
    const errors: FieldError[] = [];
    if (date.error) errors.push({ field: 'until', message: date.error.message });
    if (!reason.trim()) errors.push({ field: 'reason', message: 'Enter why the hold needs longer' });
    if (errors.length)
      return this.render(res, 400, user, hold.requestId, { holdEdit: edit, errors: summaryOf(errors) });
    const form = await readForm(ExtendHoldDto, { until: endOfDay(date.value!), reason });
    try {
      if (form.errors) throw new DomainError('invalid', 'validation', 'Invalid', form.errors);
      await this.holds.extend(user, id, form.value);
    } catch (e) {
      const refusal = refusalOf(e);
      if (!refusal) throw e;
      return this.render(res, refusal.status, user, hold.requestId, { holdEdit: edit, errors: refusal.errors });
    }
    res.redirect(303, `/placement-requests/${hold.requestId}/matches?done=extended`);
  }

  @Post('holds/:id/release')
  async release(@Req() req: PageRequest, @Res() res: Response, @UuidParam() id: string): Promise<void> {
    const user = req.user!;
    const hold = await this.holds.getHold(user, id);
    const reason = postedText(req.body as Posted, 'reason');
    const edit = { holdId: id, reason };
    const colleagues = hold.createdByUserId !== user.id;
    if (colleagues && !reason.trim())
      return this.render(res, 400, user, hold.requestId, {
        holdEdit: edit,
        errors: summaryOf([
          { field: 'reason', message: `Enter why you are releasing ${hold.heldByName ?? 'a colleague'}’s hold` },
        ]),
      });
    const form = await readForm(ReleaseHoldDto, reason.trim() ? { reason } : {});
    try {
      if (form.errors) throw new DomainError('invalid', 'validation', 'Invalid', form.errors);
      await this.holds.release(user, id, form.value);
    } catch (e) {
      const refusal = refusalOf(e);
      if (!refusal) throw e;
      return this.render(res, refusal.status, user, hold.requestId, { holdEdit: edit, errors: refusal.errors });
    }
    res.redirect(303, `/placement-requests/${hold.requestId}/matches?done=released`);
  }

  @Get('holds/:id/confirm')
  async confirmForm(@Req() req: PageRequest, @Res() res: Response, @UuidParam() id: string): Promise<void> {
    const hold = await this.withBed(await this.holds.getHold(req.user!, id));
    res.status(200).render('placements/confirm-hold', presentConfirmHold(hold));
  }

  @Post('holds/:id/confirm')
  async confirm(@Req() req: PageRequest, @Res() res: Response, @UuidParam() id: string): Promise<void> {
    const user = req.user!;
    const hold = await this.withBed(await this.holds.getHold(user, id));
    const body = req.body as Posted;
    const when = postedText(body, 'when') === 'date' ? 'date' : 'now';
    const values = postedDate(body, 'moveIn');
    const again = (status: number, errors: PresentedErrors, faulty: DatePart[] = []) =>
      res.status(status).render('placements/confirm-hold', presentConfirmHold(hold, { errors, when, values, faulty }));
    let moveInAt = this.clock.now().toISOString();
    if (when === 'date') {
      const date = composeDate(values, 'Move-in date');
      if (date.error)
        return again(
          400,
          presentErrors(
            [{ field: 'moveIn', message: date.error.message }],
            { moveIn: 'Move-in date' },
            {
              moveIn: `moveIn-${date.error.parts[0]}`,
            },
          ),
          date.error.parts,
        );
      moveInAt = moveInInstant(date.value, this.clock.now());
    }
    const form = await readForm(ConfirmHoldDto, { moveInAt });
    let done = 'confirmed';
    try {
      if (form.errors) throw new DomainError('invalid', 'validation', 'Invalid', form.errors);
      const result = await this.confirmation.confirmOrPlan(user, id, form.value);
      if (result.kind === 'planned') done = 'planned';
    } catch (e) {
      const refusal = refusalOf(e);
      if (!refusal) throw e;
      return again(refusal.status, refusal.errors);
    }
    res.redirect(303, `/placement-requests/${hold.requestId}/matches?done=${done}`);
  }

  /** A hold with its bed's label and provider's name. */
  private async withBed(h: HoldView): Promise<HoldWithBed> {
    const bed = await this.beds.get(h.bedId);
    const provider = await this.providers.get(bed.providerId);
    return { ...h, bedLabel: bed.label, providerName: provider.name };
  }

  private async render(res: Response, status: number, user: AuthUser, id: string, state: MatchPageState, page = 1) {
    const request = await this.placements.get(user, id);
    const [person, stays, holds, matches] = await Promise.all([
      this.people.get(user, request.youngPersonId),
      this.stays.list(user, { youngPersonId: request.youngPersonId, open: 'true', limit: 1, offset: 0 }),
      this.holds.holdsOf(user, id),
      this.matching.matches(user, id, {
        limit: CANDIDATES_PER_PAGE,
        offset: (page - 1) * CANDIDATES_PER_PAGE,
        excludedLimit: 0,
        excludedOffset: 0,
      }),
    ]);
    const withBeds = await Promise.all(holds.items.map((h) => this.withBed(h)));
    res
      .status(status)
      .render(
        'placements/match',
        presentMatchPage(
          { request, person, stay: stays.items[0] ?? null, holds: withBeds, matches, now: this.clock.now(), page },
          state,
        ),
      );
  }
}

/** `?page=` as a page number: anything but a whole number from 1 is the first page. */
const pageNumber = (raw: string | undefined): number => (raw && /^[1-9]\d{0,3}$/.test(raw) ? Number(raw) : 1);

/** Field errors for the summary; each message says which field. */
const summaryOf = (errors: FieldError[]): PresentedErrors =>
  presentErrors(errors, {
    moveIn: 'Move-in',
    until: 'New expiry date',
    reason: 'Reason',
    bedId: 'Bed',
    moveInAt: 'Move-in',
  });

/** A refusal from the services as the page's error summary (a 409 names who holds the bed and until when). */
function refusalOf(e: unknown): { status: number; errors: PresentedErrors } | null {
  if (!isDomainError(e) || !(e.kind in STATUS)) return null;
  if (e.kind === 'invalid' && e.fields.length) return { status: 400, errors: summaryOf(e.fields) };
  return { status: STATUS[e.kind], errors: { summary: [{ text: e.message, href: '#main-content' }], byField: {} } };
}
