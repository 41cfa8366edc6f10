import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict, forbidden, notFound } from '../../kernel/errors';
import { mayAcknowledge } from '../../kernel/ladder';
import { caseloadOf, type AuthUser } from '../../kernel/roles';
import { initials } from '../../kernel/statutory-limits';
import { CLOCK, Clock } from '../../platform/clock';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { pageOf } from '../../platform/pagination';
import { AuditService } from '../audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import { YoungPeopleService } from '../young-people/young-people.service';
import { YoungPerson } from '../young-people/young-person.entity';
import { Escalation } from './escalation.entities';
import { AcknowledgeDto, EscalationPage, EscalationQuery, EscalationView } from './escalations.dto';
import { EscalationRow, EscalationsRepository } from './escalations.repository';
import { ReviewsService } from './reviews.service';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function toEscalationView(r: EscalationRow): EscalationView {
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
  };
}

const spoken = (role: string) => role.replace(/_/g, ' ');

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
    return { items: rows.map(toEscalationView), total };
  }

  async get(user: AuthUser, id: string): Promise<EscalationView> {
    const row = await this.steps.findRow(id);
    if (!row) throw notFound('Escalation', id);
    await this.people.findVisible(this.uow.em, user, row.young_person_id, {
      missing: () => notFound('Escalation', id),
    });
    return toEscalationView(row);
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
      if (esc.status !== 'open') {
        throw conflict(
          esc.status === 'scheduled' ? 'This step has not fired yet' : `This step is already ${esc.status}`,
          'escalation_state',
          { escalationStatus: esc.status },
        );
      }
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
    if (!mayAcknowledge(user, esc.role, person.paUserId)) {
      throw forbidden(`Only the ${spoken(esc.role)} or someone more senior may acknowledge this step`);
    }
    return { esc, person };
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
