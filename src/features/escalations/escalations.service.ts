import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { AuditService } from '../audit/audit.service';
import { isAtLeast, MANAGERS, type Role, type AuthUser } from '../../kernel/roles';
import { CLOCK, Clock } from '../../platform/clock';
import { londonDate } from '../../kernel/dates';
import { pageOf } from '../../platform/pagination';
import { conflict, forbidden, invalidField, notFound } from '../../kernel/errors';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { NotificationsService } from '../notifications/notifications.service';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { YoungPeopleService } from '../young-people/young-people.service';
import { YoungPerson } from '../young-people/young-person.entity';
import { CalendarService } from './calendar.service';
import { ClosureDay, Escalation } from './escalation.entities';
import {
  AcknowledgeDto,
  ClosureDayDto,
  ClosureDayPage,
  ClosureDayView,
  EscalationPage,
  EscalationQuery,
  EscalationView,
} from './escalations.dto';
import { initials } from '../../kernel/statutory-limits';
import { uuidV5 } from '../../platform/uuid';

/** Closure days are keyed by date; their audit trail needs a uuid, derived from the date (RFC 4122 v5). */
const CLOSURE_DAY_NAMESPACE = 'c1a5e0d4-7e1b-4d53-9a55-2f6b1c3d4e5f';
export const closureDayId = (date: string) => uuidV5(CLOSURE_DAY_NAMESPACE, `closure-day:${date}`);

interface EscalationRow {
  id: string;
  stay_id: string;
  young_person_id: string;
  step_index: number;
  occurrence: number;
  role: string;
  policy_id: string;
  version: number;
  name: string;
  due_at: Date;
  fired_at: Date | null;
  status: Escalation['status'];
  acknowledged_at: Date | null;
  acknowledged_by_user_id: string | null;
  action_plan: string | null;
  review_by: string | null;
  closed_at: Date | null;
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

function toView(r: EscalationRow): EscalationView {
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
  };
}

const SELECT = `select e.id, e.stay_id, e.young_person_id, e.step_index, e.occurrence, e.role, e.policy_id, v.version, v.name, e.due_at, e.fired_at,
  e.status, e.acknowledged_at, e.acknowledged_by_user_id, e.action_plan, to_char(e.review_by, 'YYYY-MM-DD') as review_by, e.closed_at
  from escalation e join escalation_policy_version v on v.id = e.policy_version_id`;

/** Who may acknowledge a step: its role or a more senior rung; a PA's own step, its PA or any manager. */
export function mayAcknowledge(actor: { id: string; role: Role }, stepRole: string, paUserId: string): boolean {
  if (stepRole === 'pa') return actor.id === paUserId || MANAGERS.includes(actor.role);
  return isAtLeast(actor.role, stepRole as Role);
}

@Injectable()
export class EscalationsService {
  private readonly logger = new Logger('Escalations');

  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly people: YoungPeopleService,
    private readonly calendars: CalendarService,
    private readonly notifications: NotificationsService,
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(user: AuthUser, q: EscalationQuery): Promise<EscalationPage> {
    const { limit, offset } = pageOf(q);
    const where: string[] = ['true'];
    const params: unknown[] = [];
    const and = (clause: string, ...values: unknown[]) => {
      where.push(clause);
      params.push(...values);
    };
    if (q.status) and('e.status = ?', q.status);
    if (q.stayId)
      and('(e.stay_id = ? or e.stay_id = (select clock_stay_id from stay where id = ?))', q.stayId, q.stayId);
    if (q.youngPersonId) and('e.young_person_id = ?', q.youngPersonId);
    if (user.role === 'pa') and('e.young_person_id in (select id from young_person where pa_user_id = ?)', user.id);
    const [{ n }] = await this.em.execute<{ n: string }[]>(
      `select count(*) as n from escalation e where ${where.join(' and ')}`,
      params,
    );
    const rows = await this.em.execute<EscalationRow[]>(
      `${SELECT} where ${where.join(' and ')} order by e.due_at, e.step_index, e.occurrence, e.id limit ? offset ?`,
      [...params, limit, offset],
    );
    return { items: rows.map(toView), total: Number(n) };
  }

  async get(user: AuthUser, id: string): Promise<EscalationView> {
    const [row] = await this.em.execute<EscalationRow[]>(`${SELECT} where e.id = ?`, [id]);
    if (!row) throw notFound('Escalation', id);
    await this.people.findVisible(this.em, user, row.young_person_id, { missing: () => notFound('Escalation', id) });
    return toView(row);
  }

  /**
   * Acknowledges a fired step with an action plan and a review date. Stops that step's repeats;
   * the ladder keeps climbing while the young person is still there. The PA is told.
   */
  async acknowledge(user: AuthUser, id: string, dto: AcknowledgeDto): Promise<EscalationView> {
    const today = londonDate(this.clock.now());
    if (dto.reviewBy < today) throw invalidField('reviewBy', 'must be today or later');
    await this.uow.run(async (em) => {
      const esc = await em.findOne(Escalation, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!esc) throw notFound('Escalation', id);
      const person = await this.people.findVisible(em, user, esc.youngPersonId, {
        missing: () => notFound('Escalation', id),
      });
      if (!mayAcknowledge(user, esc.role, person.paUserId)) {
        throw forbidden(`Only the ${esc.role.replace(/_/g, ' ')} or someone more senior may acknowledge this step`);
      }
      if (esc.status !== 'open') {
        throw conflict(
          esc.status === 'scheduled' ? 'This step has not fired yet' : `This step is already ${esc.status}`,
          'escalation_state',
          { escalationStatus: esc.status },
        );
      }
      const now = this.clock.now();
      esc.status = 'acknowledged';
      esc.acknowledgedAt = now;
      esc.acknowledgedByUserId = user.id;
      esc.actionPlan = dto.actionPlan;
      esc.reviewBy = dto.reviewBy;
      await em.flush();
      const stopped = await em.execute<{ id: string }[]>(
        `update escalation set status = 'cancelled', closed_at = ? where stay_id = ? and policy_version_id = ? and step_index = ? and status = 'scheduled' returning id`,
        [now, esc.stayId, esc.policyVersionId, esc.stepIndex],
      );
      this.audit.record(em, {
        actorUserId: user.id,
        action: 'escalation.acknowledged',
        entity: 'Escalation',
        entityId: esc.id,
        changes: {
          status: { from: 'open', to: 'acknowledged' },
          actionPlan: dto.actionPlan,
          reviewBy: dto.reviewBy,
          repeatsCancelled: stopped.map((r) => r.id),
        },
      });
      const y = await em.findOneOrFail(YoungPerson, { id: esc.youngPersonId });
      if (y.paUserId !== user.id) {
        await this.notifications.notifyUser(em, {
          dedupeKey: `ack:${esc.id}:${y.paUserId}`,
          userId: y.paUserId,
          kind: 'escalation.acknowledged',
          subject: `Escalation step ${esc.stepIndex + 1} acknowledged: ${y.reference} ${initials(y.firstName, y.lastName)}`,
          body: `Step ${esc.stepIndex + 1} (${esc.role.replace(/_/g, ' ')}) for ${y.reference} ${initials(y.firstName, y.lastName)} was acknowledged by ${user.name} (${user.role.replace(/_/g, ' ')}). Review by ${dto.reviewBy}. Action plan: ${this.link(esc.id)}`,
          link: this.link(esc.id),
          youngPersonId: y.id,
          escalationId: esc.id,
          channels: ['in_app'],
        });
      }
    });
    return this.get(user, id);
  }

  private link(escalationId: string): string {
    return `${this.config.publicBaseUrl}/escalations/${escalationId}`;
  }

  // ---------- closure days ----------

  async closureDays(q: { limit?: number; offset?: number }): Promise<ClosureDayPage> {
    const { limit, offset } = pageOf(q);
    const [rows, total] = await this.em.findAndCount(ClosureDay, {}, { orderBy: { date: 'asc' }, limit, offset });
    return { items: rows.map((d) => ({ date: d.date, reason: d.reason })), total };
  }

  async addClosureDay(user: AuthUser, dto: ClosureDayDto): Promise<ClosureDayView> {
    const view = await this.em.transactional(async (em) => {
      if (await em.count(ClosureDay, { date: dto.date })) throw conflict(`${dto.date} is already a closure day`);
      const d = em.create(ClosureDay, { date: dto.date, reason: dto.reason, createdByUserId: user.id });
      em.persist(d);
      await em.flush();
      this.audit.record(em, {
        actorUserId: user.id,
        action: 'closure_day.added',
        entity: 'ClosureDay',
        entityId: closureDayId(dto.date),
        changes: { date: dto.date, reason: dto.reason },
      });
      return { date: d.date, reason: d.reason };
    });
    this.calendars.invalidate();
    return view;
  }

  async removeClosureDay(user: AuthUser, date: string): Promise<void> {
    await this.em.transactional(async (em) => {
      const d = await em.findOne(ClosureDay, { date });
      if (!d) throw notFound('Closure day', date);
      em.remove(d);
      await em.flush();
      this.audit.record(em, {
        actorUserId: user.id,
        action: 'closure_day.removed',
        entity: 'ClosureDay',
        entityId: closureDayId(date),
        changes: { date, reason: d.reason },
      });
    });
    this.calendars.invalidate();
  }
}
