import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import type {
  AuditRow,
  EscalationRow,
  HoldRow,
  NotificationRow,
  RequestRow,
  StayRow,
  TimelineRecords,
  UserRow,
} from './timeline.records';

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/**
 * The timeline's reads: one young person's rows from stay, placement_request, hold, escalation,
 * notification and audit_event, and the names of the people they mention. Plain rows; nothing is
 * copied. Runs in the caller's unit of work when there is one.
 */
@Injectable()
export class TimelineQueries {
  constructor(private readonly uow: UnitOfWork) {}

  private get em() {
    return this.uow.em;
  }

  /** Everything the timeline of `youngPersonId` is built from. */
  async records(youngPersonId: string): Promise<TimelineRecords> {
    const [stays, requests, holds, escalations, notifications] = await Promise.all([
      this.stays(youngPersonId),
      this.requests(youngPersonId),
      this.holds(youngPersonId),
      this.firedEscalations(youngPersonId),
      this.escalationNotifications(youngPersonId),
    ]);
    const audits = [
      ...(await this.requestAudits(requests.map((r) => r.id))),
      ...(await this.clockAudits(stays.map((s) => s.id))),
    ];
    return { stays, requests, holds, escalations, notifications, audits };
  }

  stays(youngPersonId: string): Promise<StayRow[]> {
    return this.em.execute<StayRow[]>(
      `select s.id, s.accommodation_code, s.suitable, s.emergency, s.description, s.started_at, s.ended_at, s.end_reason, s.bed_id, s.hold_id,
              s.recorded_by_user_id, s.ended_by_user_id, s.created_at, b.label as bed_label, p.name as provider_name, p.area
         from stay s left join bed b on b.id = s.bed_id left join provider p on p.id = b.provider_id
        where s.young_person_id = ?`,
      [youngPersonId],
    );
  }

  requests(youngPersonId: string): Promise<RequestRow[]> {
    return this.em.execute<RequestRow[]>(
      `select id, requested_by_user_id, urgency, to_char(needed_by, 'YYYY-MM-DD') as needed_by, status, created_at, placed_at, withdrawn_at, withdrawn_reason
         from placement_request where young_person_id = ?`,
      [youngPersonId],
    );
  }

  holds(youngPersonId: string): Promise<HoldRow[]> {
    return this.em.execute<HoldRow[]>(
      `select h.id, h.request_id, h.bed_id, h.status, h.expires_at, h.created_by_user_id, h.created_at, h.ended_at, h.ended_by_user_id, h.stay_id,
              b.label as bed_label, p.name as provider_name, p.area
         from hold h join placement_request r on r.id = h.request_id
         left join bed b on b.id = h.bed_id left join provider p on p.id = b.provider_id
        where r.young_person_id = ?`,
      [youngPersonId],
    );
  }

  /** Steps that fired (a step still pending is not an event). */
  firedEscalations(youngPersonId: string): Promise<EscalationRow[]> {
    return this.em.execute<EscalationRow[]>(
      `select e.id, e.stay_id, e.step_index, e.occurrence, e.role, e.due_at, e.fired_at, e.status, e.acknowledged_at, e.acknowledged_by_user_id,
              e.action_plan, to_char(e.review_by, 'YYYY-MM-DD') as review_by, v.name, v.version
         from escalation e join escalation_policy_version v on v.id = e.policy_version_id
        where e.young_person_id = ? and e.fired_at is not null`,
      [youngPersonId],
    );
  }

  /** Notifications about the young person's steps, in the order they were created. */
  escalationNotifications(youngPersonId: string): Promise<NotificationRow[]> {
    return this.em.execute<NotificationRow[]>(
      `select escalation_id, kind, channel, recipient_user_id, recipient_role, status, sent_at, attempts, read_at, created_at
         from notification where young_person_id = ? and escalation_id is not null
        order by created_at, channel, recipient_role, id`,
      [youngPersonId],
    );
  }

  /** Who placed or withdrew each request (the request row keeps when, not who). */
  async requestAudits(requestIds: string[]): Promise<AuditRow[]> {
    if (!requestIds.length) return [];
    return this.em.execute<AuditRow[]>(
      `select id, at, actor_user_id, action, entity, entity_id, changes from audit_event
        where entity = 'PlacementRequest' and action in ('placement_request.withdrawn', 'placement_request.placed') and entity_id in (${placeholders(requestIds.length)})`,
      requestIds,
    );
  }

  /** When each stay's escalation clock started and stopped. */
  async clockAudits(stayIds: string[]): Promise<AuditRow[]> {
    if (!stayIds.length) return [];
    return this.em.execute<AuditRow[]>(
      `select id, at, actor_user_id, action, entity, entity_id, changes from audit_event
        where entity = 'Stay' and action in ('escalation.clock_started', 'escalation.clock_stopped') and entity_id in (${placeholders(stayIds.length)})`,
      stayIds,
    );
  }

  async users(ids: string[]): Promise<UserRow[]> {
    if (!ids.length) return [];
    return this.em.execute<UserRow[]>(
      `select id, name, role from app_user where id in (${placeholders(ids.length)})`,
      ids,
    );
  }
}
