import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict, forbidden, notFound } from '../../kernel/errors';
import type { AllowedAction } from '../../kernel/hold-rules';
import { mayAcknowledge } from '../../kernel/ladder';
import { canSee, caseloadOf, MANAGER_LADDER, ROLE_NAMES, type AuthUser, type Role } from '../../kernel/roles';
import { initials } from '../../kernel/statutory-limits';
import { CLOCK, Clock } from '../../platform/clock';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { pageOf } from '../../platform/pagination';
import { AuditService } from '../audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import { YoungPeopleService } from '../young-people/young-people.service';
import { YoungPerson } from '../young-people/young-person.entity';
import { alertPageView, type AcknowledgeDecision, type AlertPageView } from './alert-view';
import { AlertQueries } from './alert.queries';
import { CalendarService } from './calendar.service';
import { Escalation } from './escalation.entities';
import { AcknowledgeDto, EscalationPage, EscalationQuery, EscalationView } from './escalations.dto';
import { EscalationRow, EscalationsRepository } from './escalations.repository';
import { ReviewsService } from './reviews.service';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function toEscalationView(r: EscalationRow, allowedActions: AllowedAction[]): EscalationView {
  return {
    id: r.id,
    stayId: r.stay_id,
    youngPersonId: r.young_person_id,
    step: r.step_index + 1,
    occurrence: r.occurrence,
    role: r.role,
    policyId: r.policy_id,
    policyVersion: r.version,
    policyName: r.name,
    dueAt: iso(r.due_at)!,
    firedAt: iso(r.fired_at),
    status: r.status,
    acknowledgedAt: iso(r.acknowledged_at),
    acknowledgedByUserId: r.acknowledged_by_user_id,
    actionPlan: r.action_plan,
    reviewBy: r.review_by,
    closedAt: iso(r.closed_at),
    closedReason: r.closed_reason,
    recipients: r.recipients ?? [],
    unrouted: r.unrouted,
    recordedLate: r.recorded_late,
    acknowledgementLapsedAt: iso(r.acknowledgement_lapsed_at),
    allowedActions,
  };
}

const spoken = (role: string) => role.replace(/_/g, ' ');

/**
 * Why `actor` may not acknowledge a step addressed to `stepRole` about a young person allocated to
 * `paUserId` (the kernel's `mayAcknowledge`), in words for them; null when they may.
 */
export function roleRefusal(actor: { id: string; role: Role }, stepRole: string, paUserId: string): string | null {
  if (mayAcknowledge(actor, stepRole, paUserId)) return null;
  if (stepRole === 'pa')
    return 'This step is addressed to the young person’s personal adviser. Only their personal adviser or a manager can acknowledge it.';
  const name = (ROLE_NAMES[stepRole as Role] ?? spoken(stepRole)).toLowerCase();
  const top = MANAGER_LADDER[MANAGER_LADDER.length - 1] === stepRole;
  return `This step is addressed to the ${name}. Only the ${name}${top ? '' : ' or someone more senior'} can acknowledge it.`;
}

/** Why a step in `status` cannot be acknowledged now (only a fired, open step can), or null. */
export function stateRefusal(status: string): string | null {
  if (status === 'open') return null;
  return status === 'scheduled' ? 'This step has not fired yet' : `This step is already ${status}`;
}

/** Escalation steps as people see them (a PA: their caseload) and act on them (acknowledging). */
@Injectable()
export class EscalationsService {
  constructor(
    private readonly steps: EscalationsRepository,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly people: YoungPeopleService,
    private readonly notifications: NotificationsService,
    private readonly reviews: ReviewsService,
    private readonly alerts: AlertQueries,
    private readonly calendars: CalendarService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(user: AuthUser, q: EscalationQuery): Promise<EscalationPage> {
    const { limit, offset } = pageOf(q);
    const filter = {
      status: q.status,
      stayId: q.stayId,
      youngPersonId: q.youngPersonId,
      caseloadPaId: caseloadOf(user),
    };
    const { rows, total } = await this.steps.page(filter, limit, offset);
    return { items: rows.map((r) => this.view(user, r)), total };
  }

  async get(user: AuthUser, id: string): Promise<EscalationView> {
    const row = await this.steps.findRow(id);
    if (!row) throw notFound('Escalation', id);
    await this.people.findVisible(this.uow.em, user, row.young_person_id, {
      missing: () => notFound('Escalation', id),
    });
    return this.view(user, row);
  }

  /** A step as `user` sees it, with what they may do with it (`acknowledgeDecision`, as `acknowledge` decides). */
  private view(user: AuthUser, row: EscalationRow): EscalationView {
    const d = this.acknowledgeDecision(user, row, row.pa_user_id);
    const acknowledge: AllowedAction = d.allowed
      ? { action: 'acknowledge', allowed: true }
      : { action: 'acknowledge', allowed: false, reason: d.reason };
    return toEscalationView(row, [acknowledge]);
  }

  /**
   * Acknowledges a fired step with an action plan and a review date. Stops that step's repeats;
   * the ladder keeps climbing while the young person is still there. The PA is told. The review
   * date is bounded by the policy's `maxReviewAfter`; at its review the acknowledgement lapses
   * unless renewed (`ReviewsService`). A lapsed step is acknowledged afresh the same way.
   * Checked in this order: not found, then the role (`403`), then the review date (`400`), then
   * the step's state (`409`).
   */
  async acknowledge(user: AuthUser, id: string, dto: AcknowledgeDto): Promise<EscalationView> {
    await this.uow.run(async (em) => {
      const { esc, person } = await this.mayAct(em, user, id);
      const now = this.clock.now();
      const reviewDueAt = await this.reviews.plan(esc.policyVersionId, dto.reviewBy, now);
      const notNow = stateRefusal(esc.status);
      if (notNow) throw conflict(notNow, 'escalation_state', { escalationStatus: esc.status });
      const lapsedAt = esc.acknowledgementLapsedAt;
      Object.assign(esc, {
        status: 'acknowledged',
        acknowledgedAt: now,
        acknowledgedByUserId: user.id,
        actionPlan: dto.actionPlan,
        reviewBy: dto.reviewBy,
        reviewDueAt,
        acknowledgementLapsedAt: null,
      });
      await this.steps.flush();
      const stopped = await this.steps.cancelRepeats(esc, now);
      this.audit.record(em, {
        actorUserId: user.id,
        action: 'escalation.acknowledged',
        entity: 'Escalation',
        entityId: esc.id,
        changes: {
          status: { from: 'open', to: 'acknowledged' },
          actionPlan: dto.actionPlan,
          reviewBy: dto.reviewBy,
          reviewDueAt: reviewDueAt.toISOString(),
          ...(lapsedAt ? { renewsLapsedAcknowledgement: new Date(lapsedAt).toISOString() } : {}),
          repeatsCancelled: stopped,
        },
      });
      this.reviews.wakeAfterCommit(esc.id, reviewDueAt);
      if (person.paUserId !== user.id) await this.tellPa(em, user, esc, person, dto.reviewBy);
    });
    return this.get(user, id);
  }

  /** The step, locked, and its young person, if `user` may see it (`404` otherwise) and acknowledge it (`403` otherwise). */
  private async mayAct(
    em: EntityManager,
    user: AuthUser,
    id: string,
  ): Promise<{ esc: Escalation; person: YoungPerson }> {
    const esc = await this.steps.findForUpdate(id);
    if (!esc) throw notFound('Escalation', id);
    const person = await this.people.findVisible(em, user, esc.youngPersonId, {
      missing: () => notFound('Escalation', id),
    });
    const refused = roleRefusal(user, esc.role, person.paUserId);
    if (refused) throw forbidden(refused);
    return { esc, person };
  }

  /**
   * Whether `user` may acknowledge a step addressed to `role`, now `status`, about a young person
   * allocated to `paUserId`, and if not, why: the same rules, in the same order, as `acknowledge`
   * (the role, `403`; then the step's state, `409`). Pages ask it before offering the form.
   */
  acknowledgeDecision(user: AuthUser, step: { role: string; status: string }, paUserId: string): AcknowledgeDecision {
    const role = roleRefusal(user, step.role, paUserId);
    if (role) return { allowed: false, refusal: 'role', reason: role };
    const state = stateRefusal(step.status);
    if (state) return { allowed: false, refusal: 'state', reason: state };
    return { allowed: true, refusal: null, reason: null };
  }

  /**
   * The alert page of a step (where every escalation e-mail's link lands): the young person and
   * where they are, the step, every step of its clock with who was told and how it went, and
   * whether `user` may acknowledge it. A PA: their caseload only (anyone else's is not found, as `get`).
   */
  async alertPage(user: AuthUser, id: string): Promise<AlertPageView> {
    const head = await this.alerts.head(id);
    // Someone who may not see the young person is told there is no such alert.
    if (!head || !canSee(user, head)) throw notFound('Escalation', id);
    const { place, ladder, notifications } = await this.alerts.clock(head.clockStayId, head.youngPersonId, id);
    const step = ladder.find((s) => s.id === id);
    if (!place || !step) throw notFound('Escalation', id);
    const decision = this.acknowledgeDecision(user, step, head.paUserId);
    const cal = await this.calendars.calendar();
    return alertPageView({ escalationId: id, place, ladder, notifications, now: this.clock.now(), cal, decision });
  }

  /** The allocated PA hears that someone else acknowledged a step about their young person. */
  private async tellPa(
    em: EntityManager,
    user: AuthUser,
    esc: Escalation,
    y: YoungPerson,
    reviewBy: string,
  ): Promise<void> {
    const who = `${y.reference} ${initials(y.firstName, y.lastName)}`;
    const link = `${this.config.publicBaseUrl}/escalations/${esc.id}`;
    await this.notifications.notifyUser(em, {
      dedupeKey: `ack:${esc.id}:${y.paUserId}`,
      userId: y.paUserId,
      kind: 'escalation.acknowledged',
      subject: `Escalation step ${esc.stepIndex + 1} acknowledged: ${who}`,
      body: `Step ${esc.stepIndex + 1} (${spoken(esc.role)}) for ${who} was acknowledged by ${user.name} (${spoken(user.role)}). Review by ${reviewBy}. Action plan: ${link}`,
      link,
      youngPersonId: y.id,
      escalationId: esc.id,
      channels: ['in_app'],
    });
  }
}
