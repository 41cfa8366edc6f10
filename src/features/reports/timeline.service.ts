import { accommodationLabel } from '../../kernel/accommodation';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { pageOf } from '../../platform/pagination';
import {
  TIMELINE_KINDS,
  TimelineActor,
  TimelineEntry,
  TimelineNotification,
  TimelinePage,
  TimelineQuery,
} from './timeline.dto';
import { YoungPeopleService } from '../young-people/young-people.service';
import { type AuthUser } from '../../kernel/roles';

const iso = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null);
const RANK = new Map<string, number>(TIMELINE_KINDS.map((k, i) => [k, i]));
const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');
const human = (s: string) => s.replace(/_/g, ' ');

interface StayRow {
  id: string;
  accommodation_code: string;
  suitable: boolean;
  emergency: boolean;
  description: string | null;
  started_at: Date;
  ended_at: Date | null;
  end_reason: string | null;
  bed_id: string | null;
  hold_id: string | null;
  recorded_by_user_id: string | null;
  ended_by_user_id: string | null;
  created_at: Date;
  bed_label: string | null;
  provider_name: string | null;
  area: string | null;
}
interface RequestRow {
  id: string;
  requested_by_user_id: string;
  urgency: string;
  needed_by: string;
  status: string;
  created_at: Date;
  placed_at: Date | null;
  withdrawn_at: Date | null;
  withdrawn_reason: string | null;
}
interface HoldRow {
  id: string;
  request_id: string;
  bed_id: string;
  status: string;
  expires_at: Date;
  created_by_user_id: string;
  created_at: Date;
  ended_at: Date | null;
  ended_by_user_id: string | null;
  stay_id: string | null;
  bed_label: string | null;
  provider_name: string | null;
  area: string | null;
}
interface EscalationRow {
  id: string;
  stay_id: string;
  step_index: number;
  occurrence: number;
  role: string;
  due_at: Date;
  fired_at: Date | null;
  status: string;
  acknowledged_at: Date | null;
  acknowledged_by_user_id: string | null;
  action_plan: string | null;
  review_by: string | null;
  name: string;
  version: number;
}
interface NotificationRow {
  escalation_id: string;
  kind: string;
  channel: string;
  recipient_user_id: string | null;
  recipient_role: string | null;
  status: string;
  sent_at: Date | null;
  attempts: number;
  read_at: Date | null;
  created_at: Date;
}
interface AuditRow {
  id: string;
  at: Date;
  actor_user_id: string | null;
  action: string;
  entity: string;
  entity_id: string;
  changes: Record<string, unknown>;
}

/**
 * One young person's evidence trail, oldest first, assembled from the records the service already
 * writes (stay, placement_request, hold, escalation, notification, audit_event): nothing is copied.
 * A PA sees their own caseload only (404 otherwise, as for the record itself).
 */
@Injectable()
export class TimelineService {
  constructor(
    private readonly em: EntityManager,
    private readonly people: YoungPeopleService,
  ) {}

  async timeline(user: AuthUser, id: string, q: TimelineQuery): Promise<TimelinePage> {
    const em = this.em.fork();
    const y = await this.people.findVisible(em, user, id);
    const { limit, offset } = pageOf(q);

    const [stays, requests, holds, escalations, notifications] = await Promise.all([
      em.execute<StayRow[]>(
        `select s.id, s.accommodation_code, s.suitable, s.emergency, s.description, s.started_at, s.ended_at, s.end_reason, s.bed_id, s.hold_id,
                s.recorded_by_user_id, s.ended_by_user_id, s.created_at, b.label as bed_label, p.name as provider_name, p.area
           from stay s left join bed b on b.id = s.bed_id left join provider p on p.id = b.provider_id
          where s.young_person_id = ?`,
        [y.id],
      ),
      em.execute<RequestRow[]>(
        `select id, requested_by_user_id, urgency, to_char(needed_by, 'YYYY-MM-DD') as needed_by, status, created_at, placed_at, withdrawn_at, withdrawn_reason
           from placement_request where young_person_id = ?`,
        [y.id],
      ),
      em.execute<HoldRow[]>(
        `select h.id, h.request_id, h.bed_id, h.status, h.expires_at, h.created_by_user_id, h.created_at, h.ended_at, h.ended_by_user_id, h.stay_id,
                b.label as bed_label, p.name as provider_name, p.area
           from hold h join placement_request r on r.id = h.request_id
           left join bed b on b.id = h.bed_id left join provider p on p.id = b.provider_id
          where r.young_person_id = ?`,
        [y.id],
      ),
      em.execute<EscalationRow[]>(
        `select e.id, e.stay_id, e.step_index, e.occurrence, e.role, e.due_at, e.fired_at, e.status, e.acknowledged_at, e.acknowledged_by_user_id,
                e.action_plan, to_char(e.review_by, 'YYYY-MM-DD') as review_by, v.name, v.version
           from escalation e join escalation_policy_version v on v.id = e.policy_version_id
          where e.young_person_id = ? and e.fired_at is not null`,
        [y.id],
      ),
      em.execute<NotificationRow[]>(
        `select escalation_id, kind, channel, recipient_user_id, recipient_role, status, sent_at, attempts, read_at, created_at
           from notification where young_person_id = ? and escalation_id is not null
          order by created_at, channel, recipient_role, id`,
        [y.id],
      ),
    ]);

    // The audit trail supplies what the rows themselves do not keep: who withdrew a request, and when each clock started and stopped.
    const audits: AuditRow[] = [];
    const requestIds = requests.map((r) => r.id);
    const stayIds = stays.map((s) => s.id);
    if (requestIds.length) {
      audits.push(
        ...(await em.execute<AuditRow[]>(
          `select id, at, actor_user_id, action, entity, entity_id, changes from audit_event
          where entity = 'PlacementRequest' and action in ('placement_request.withdrawn', 'placement_request.placed') and entity_id in (${placeholders(requestIds.length)})`,
          requestIds,
        )),
      );
    }
    if (stayIds.length) {
      audits.push(
        ...(await em.execute<AuditRow[]>(
          `select id, at, actor_user_id, action, entity, entity_id, changes from audit_event
          where entity = 'Stay' and action in ('escalation.clock_started', 'escalation.clock_stopped') and entity_id in (${placeholders(stayIds.length)})`,
          stayIds,
        )),
      );
    }

    const userIds = new Set<string>();
    const note = (id: string | null | undefined) => id && userIds.add(id);
    stays.forEach((s) => (note(s.recorded_by_user_id), note(s.ended_by_user_id)));
    requests.forEach((r) => note(r.requested_by_user_id));
    holds.forEach((h) => (note(h.created_by_user_id), note(h.ended_by_user_id)));
    escalations.forEach((e) => note(e.acknowledged_by_user_id));
    notifications.forEach((n) => note(n.recipient_user_id));
    audits.forEach((a) => note(a.actor_user_id));
    const users = new Map<string, TimelineActor>();
    if (userIds.size) {
      const ids = [...userIds];
      for (const u of await em.execute<{ id: string; name: string; role: string }[]>(
        `select id, name, role from app_user where id in (${placeholders(ids.length)})`,
        ids,
      )) {
        users.set(u.id, { userId: u.id, name: u.name, role: u.role });
      }
    }
    const actor = (id: string | null | undefined): TimelineActor | null =>
      id ? (users.get(id) ?? { userId: id, name: '(unknown user)', role: 'unknown' }) : null;

    const entries: (TimelineEntry & { _tie: string })[] = [];
    const push = (e: TimelineEntry, tie: string) => entries.push({ ...e, _tie: tie });

    for (const s of stays) {
      const code = `${s.accommodation_code}${s.suitable ? 1 : 2}`;
      const label = accommodationLabel(s.accommodation_code);
      const place = [s.bed_label && s.provider_name ? `${s.bed_label}, ${s.provider_name}` : null, s.description]
        .filter(Boolean)
        .join(' — ');
      const base = {
        stayId: s.id,
        accommodationCode: s.accommodation_code,
        suitable: s.suitable,
        emergency: s.emergency,
        ssda903: code,
        description: s.description,
        bedId: s.bed_id,
        bedLabel: s.bed_label,
        providerName: s.provider_name,
        area: s.area,
      };
      push(
        {
          at: iso(s.started_at)!,
          kind: 'stay.started',
          actor: actor(s.recorded_by_user_id),
          summary: `Stay started: ${code} ${label} (${s.suitable ? 'suitable' : 'unsuitable'}${s.emergency ? ', emergency' : ''})${place ? `, ${place}` : ''}`,
          ...base,
          recordedAt: iso(s.created_at)!,
          ...(s.hold_id ? { holdId: s.hold_id } : {}),
        },
        s.id,
      );
      if (s.ended_at) {
        push(
          {
            at: iso(s.ended_at)!,
            kind: 'stay.ended',
            actor: actor(s.ended_by_user_id),
            summary: `Stay ended (${code} ${label})${s.end_reason ? `: ${s.end_reason}` : ''}`,
            ...base,
            endReason: s.end_reason,
          },
          s.id,
        );
      }
    }

    const auditOf = (entity: string, entityId: string, action: string) =>
      audits.find((a) => a.entity === entity && a.entity_id === entityId && a.action === action);
    for (const r of requests) {
      push(
        {
          at: iso(r.created_at)!,
          kind: 'request.raised',
          actor: actor(r.requested_by_user_id),
          summary: `Placement request raised (${r.urgency}, needed by ${r.needed_by})`,
          requestId: r.id,
          urgency: r.urgency,
          neededBy: r.needed_by,
        },
        r.id,
      );
      if (r.placed_at) {
        const confirmed = holds.find((h) => h.request_id === r.id && h.status === 'confirmed');
        const placed = auditOf('PlacementRequest', r.id, 'placement_request.placed');
        push(
          {
            at: iso(r.placed_at)!,
            kind: 'request.placed',
            actor: actor(placed?.actor_user_id ?? confirmed?.ended_by_user_id),
            summary: `Placement request placed${confirmed?.bed_label ? `: ${confirmed.bed_label}${confirmed.provider_name ? `, ${confirmed.provider_name}` : ''}` : ''}`,
            requestId: r.id,
            ...(confirmed
              ? { holdId: confirmed.id, bedId: confirmed.bed_id, stayId: confirmed.stay_id ?? undefined }
              : {}),
          },
          r.id,
        );
      }
      if (r.withdrawn_at) {
        const withdrawn = auditOf('PlacementRequest', r.id, 'placement_request.withdrawn');
        push(
          {
            at: iso(r.withdrawn_at)!,
            kind: 'request.withdrawn',
            actor: actor(withdrawn?.actor_user_id),
            summary: `Placement request withdrawn${r.withdrawn_reason ? `: ${r.withdrawn_reason}` : ''}`,
            requestId: r.id,
            reason: r.withdrawn_reason,
          },
          r.id,
        );
      }
    }

    for (const h of holds) {
      const bed = {
        holdId: h.id,
        requestId: h.request_id,
        bedId: h.bed_id,
        bedLabel: h.bed_label,
        providerName: h.provider_name,
        area: h.area,
      };
      const bedText = [h.bed_label, h.provider_name].filter(Boolean).join(', ') || h.bed_id;
      push(
        {
          at: iso(h.created_at)!,
          kind: 'hold.created',
          actor: actor(h.created_by_user_id),
          summary: `Bed held: ${bedText}, until ${iso(h.expires_at)}`,
          ...bed,
          expiresAt: iso(h.expires_at)!,
        },
        h.id,
      );
      if (h.ended_at && (h.status === 'confirmed' || h.status === 'released' || h.status === 'expired')) {
        const kind = `hold.${h.status}` as const;
        const verb =
          h.status === 'confirmed'
            ? 'Hold confirmed: moved in to'
            : h.status === 'released'
              ? 'Hold released:'
              : 'Hold expired:';
        push(
          {
            at: iso(h.ended_at)!,
            kind,
            actor: actor(h.ended_by_user_id),
            summary: `${verb} ${bedText}`,
            ...bed,
            ...(h.stay_id ? { stayId: h.stay_id } : {}),
          },
          h.id,
        );
      }
    }

    const notesOf = (escalationId: string, kind: (k: string) => boolean): TimelineNotification[] =>
      notifications
        .filter((n) => n.escalation_id === escalationId && kind(n.kind))
        .map((n) => ({
          channel: n.channel,
          recipientUserId: n.recipient_user_id,
          recipientName: n.recipient_user_id ? (users.get(n.recipient_user_id)?.name ?? null) : null,
          recipientRole: n.recipient_role,
          status: n.status,
          sentAt: iso(n.sent_at),
          attempts: Number(n.attempts),
          readAt: iso(n.read_at),
        }));
    for (const e of escalations) {
      const step = e.step_index + 1;
      const base = {
        escalationId: e.id,
        stayId: e.stay_id,
        step,
        occurrence: e.occurrence,
        role: e.role,
        policyName: e.name,
        policyVersion: Number(e.version),
        dueAt: iso(e.due_at)!,
      };
      const told = notesOf(e.id, (k) => k === 'escalation');
      const delivered = told.filter((n) => n.status === 'sent').length;
      push(
        {
          at: iso(e.fired_at)!,
          kind: 'escalation.fired',
          actor: null,
          summary: `Escalation step ${step}${e.occurrence ? ` (repeat ${e.occurrence})` : ''} fired to ${human(e.role)} (${e.name}); ${told.length} notification${told.length === 1 ? '' : 's'}, ${delivered} delivered`,
          ...base,
          notifications: told,
        },
        e.id,
      );
      if (e.acknowledged_at) {
        const by = actor(e.acknowledged_by_user_id);
        push(
          {
            at: iso(e.acknowledged_at)!,
            kind: 'escalation.acknowledged',
            actor: by,
            summary: `Escalation step ${step} acknowledged by ${by ? `${by.name} (${human(by.role)})` : 'unknown'}; review by ${e.review_by}`,
            ...base,
            actionPlan: e.action_plan,
            reviewBy: e.review_by,
            notifications: notesOf(e.id, (k) => k !== 'escalation'),
          },
          e.id,
        );
      }
    }

    for (const a of audits.filter((x) => x.entity === 'Stay')) {
      const changes = a.changes ?? {};
      if (a.action === 'escalation.clock_started') {
        const policies = Array.isArray(changes.policies) ? (changes.policies as unknown[]) : [];
        const at = typeof changes.clockStartedAt === 'string' ? changes.clockStartedAt : iso(a.at)!;
        push(
          {
            at: iso(at)!,
            kind: 'escalation.clock_started',
            actor: actor(a.actor_user_id),
            stayId: a.entity_id,
            policies,
            summary: `Escalation clock started: ${policies.length} polic${policies.length === 1 ? 'y' : 'ies'} in force`,
          },
          a.id,
        );
      } else {
        const at = typeof changes.endedAt === 'string' ? changes.endedAt : iso(a.at)!;
        const cancelled = Number(changes.cancelled ?? 0);
        const closed = Number(changes.closed ?? 0);
        push(
          {
            at: iso(at)!,
            kind: 'escalation.clock_stopped',
            actor: actor(a.actor_user_id),
            stayId: a.entity_id,
            cancelled,
            closed,
            summary: `Escalation clock stopped: ${closed} fired step${closed === 1 ? '' : 's'} closed, ${cancelled} pending step${cancelled === 1 ? '' : 's'} cancelled`,
          },
          a.id,
        );
      }
    }

    entries.sort(
      (x, z) =>
        x.at.localeCompare(z.at) ||
        RANK.get(x.kind)! - RANK.get(z.kind)! ||
        (x.step ?? 0) - (z.step ?? 0) ||
        x._tie.localeCompare(z._tie),
    );
    const items = entries.slice(offset, offset + limit).map(({ _tie, ...rest }) => rest);
    return { youngPerson: { id: y.id, reference: y.reference }, items, total: entries.length };
  }
}
