import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { AlertPageView } from '../../features/escalations/alert-view';
import { AcknowledgeDto } from '../../features/escalations/escalations.dto';
import { EscalationsService } from '../../features/escalations/escalations.service';
import { forbidden, isDomainError, type FieldError } from '../../kernel/errors';
import { CAN } from '../../kernel/roles';
import { UuidParam } from '../../platform/http/params';
import { readForm } from '../forms';
import { PageRoles, Pages, type PageRequest } from '../page.guard';
import { presentAlert, type AlertPageState } from '../presenters/alert.presenter';
import {
  acknowledgeErrors,
  acknowledgeFormValues,
  composeDate,
  serviceMessage,
  stateConflictErrors,
  type AcknowledgeFormValues,
  type DatePart,
} from '../presenters/alert.presenter.form';

type Input = { value: AcknowledgeDto; errors: null } | { value: null; errors: FieldError[]; faulty: DatePart[] };

/**
 * The alert page: where the link in every escalation e-mail (`/escalations/<id>`) lands. Who and
 * where, the step, the ladder so far with who was told, and the acknowledge form for whoever may
 * act on the step (the service says who: `EscalationsService.acknowledgeDecision`), which
 * acknowledges through the same service as the API. A PA sees only their caseload's alerts.
 */
@Pages('escalations')
@PageRoles(...CAN.readEscalations)
export class AlertPage {
  constructor(private readonly escalations: EscalationsService) {}

  @Get(':id')
  async show(
    @Req() req: PageRequest,
    @Res() res: Response,
    @UuidParam() id: string,
    @Query('acknowledged') acknowledged?: string,
  ): Promise<void> {
    const view = await this.escalations.alertPage(req.user!, id);
    this.render(res, 200, view, { acknowledged: acknowledged === '1' });
  }

  /**
   * Acknowledges the step: a role that may not is refused (the 403 page, nothing written); a step
   * no longer open, or acknowledged meanwhile, is shown as it is now (409); a missing or
   * out-of-bounds review date re-shows the form (400); else back to the page with a banner (303).
   */
  @Post(':id/acknowledge')
  async acknowledge(@Req() req: PageRequest, @Res() res: Response, @UuidParam() id: string): Promise<void> {
    const user = req.user!;
    const view = await this.escalations.alertPage(user, id);
    if (view.acknowledge.refusal === 'role') throw forbidden(view.acknowledge.reason);
    if (view.acknowledge.refusal === 'state') return this.conflict(res, view);
    const values = acknowledgeFormValues(req.body as Record<string, unknown>);
    const input = await this.read(values);
    if (input.errors) return this.invalid(res, view, values, input.errors, input.faulty);
    try {
      await this.escalations.acknowledge(user, id, input.value);
    } catch (e) {
      if (isDomainError(e, 'invalid')) {
        const errors = e.fields.map((f) => serviceMessage(f.field, f.message));
        return this.invalid(res, await this.escalations.alertPage(user, id), values, errors, []);
      }
      if (isDomainError(e, 'conflict')) return this.conflict(res, await this.escalations.alertPage(user, id));
      throw e;
    }
    res.redirect(303, `/escalations/${id}?acknowledged=1`);
  }

  /** The form as the API's DTO (the same strict checks), after GOV.UK's own messages for blank fields and dates. */
  private async read(values: AcknowledgeFormValues): Promise<Input> {
    const errors: FieldError[] = [];
    if (!values.actionPlan.trim()) errors.push({ field: 'actionPlan', message: 'Enter the action plan' });
    const date = composeDate(values);
    if (date.error) errors.push({ field: 'reviewBy', message: date.error.message });
    if (errors.length) return { value: null, errors, faulty: date.error?.parts ?? [] };
    const form = await readForm(AcknowledgeDto, { actionPlan: values.actionPlan, reviewBy: date.value! });
    return form.errors ? { value: null, errors: form.errors, faulty: [] } : { value: form.value, errors: null };
  }

  private invalid(
    res: Response,
    view: AlertPageView,
    values: AcknowledgeFormValues,
    errors: FieldError[],
    faulty: DatePart[],
  ): void {
    const state = { values, faultyDateParts: faulty, errors: acknowledgeErrors(errors, faulty[0]) };
    this.render(res, 400, view, state);
  }

  private conflict(res: Response, view: AlertPageView): void {
    this.render(res, 409, view, { errors: stateConflictErrors(view.step.status) });
  }

  private render(res: Response, status: number, view: AlertPageView, state: AlertPageState): void {
    res.status(status).render('escalations/alert', presentAlert(view, state));
  }
}
