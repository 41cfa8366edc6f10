import { accommodationLabel } from '../../kernel/accommodation';
import { TIMELINE_KINDS, TimelineActor, TimelineEntry, TimelineNotification } from './timeline.dto';
import type {
  AuditRow,
  EscalationRow,
  HoldRow,
  RequestRow,
  StayRow,
  TimelineRecords,
  UserRow,
} from './timeline.records';

/**
 * A young person's timeline as pure functions of the rows `timeline.queries.ts` reads: each record
 * becomes the entries of what happened to it, and the entries are put in one total order (time,
 * then kind, then step, then the record's id), so the same records always give the same list and
 * paging through it never loses or repeats an entry.
 */

/** An entry and the id of the record it came from (the last tie-break of the order). */
export interface Ranked {
  entry: TimelineEntry;
  tie: string;
}

interface Context {
  records: TimelineRecords;
  actor: (id: string | null | undefined) => TimelineActor | null;
  userName: (id: string) => string | null;
}

const iso = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null);
const human = (s: string) => s.replace(/_/g, ' ');
const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);
const RANK = new Map<string, number>(TIMELINE_KINDS.map((k, i) => [k, i]));

/** Everyone the records name (recorders, requesters, hold makers, acknowledgers, recipients, audit actors). */
export function userIdsOf(r: TimelineRecords): string[] {
  const ids = new Set<string>();
  const note = (id: string | null | undefined) => id && ids.add(id);
  r.stays.forEach((s) => (note(s.recorded_by_user_id), note(s.ended_by_user_id)));
  r.requests.forEach((q) => note(q.requested_by_user_id));
  r.holds.forEach((h) => (note(h.created_by_user_id), note(h.ended_by_user_id)));
  r.escalations.forEach((e) => note(e.acknowledged_by_user_id));
  r.notifications.forEach((n) => note(n.recipient_user_id));
  r.audits.forEach((a) => note(a.actor_user_id));
  return [...ids];
}

/** Time, then kind (the order things happen in within one instant), then step, then record id. */
export function compareRanked(x: Ranked, z: Ranked): number {
  return (
    x.entry.at.localeCompare(z.entry.at) ||
    RANK.get(x.entry.kind)! - RANK.get(z.entry.kind)! ||
    (x.entry.step ?? 0) - (z.entry.step ?? 0) ||
    x.tie.localeCompare(z.tie)
  );
}

/** Every entry of the records, oldest first. `users` names the people the records mention (others are "(unknown user)"). */
export function buildTimeline(records: TimelineRecords, users: UserRow[]): Ranked[] {
  const byId = new Map(users.map((u) => [u.id, u]));
  const ctx: Context = {
    records,
    actor: (id) => {
      if (!id) return null;
      const u = byId.get(id);
      return u ? { userId: u.id, name: u.name, role: u.role } : { userId: id, name: '(unknown user)', role: 'unknown' };
    },
    userName: (id) => byId.get(id)?.name ?? null,
  };
  return [
    ...records.stays.flatMap((s) => stayEntries(ctx, s)),
    ...records.requests.flatMap((r) => requestEntries(ctx, r)),
    ...records.holds.flatMap((h) => holdEntries(ctx, h)),
    ...records.escalations.flatMap((e) => escalationEntries(ctx, e)),
    ...records.audits.filter((a) => a.entity === 'Stay').map((a) => clockEntry(ctx, a)),
  ].sort(compareRanked);
}

/** One page of the ordered entries. */
export function pageOfTimeline(ranked: Ranked[], limit: number, offset: number): TimelineEntry[] {
  return ranked.slice(offset, offset + limit).map((r) => r.entry);
}

function stayEntries(ctx: Context, s: StayRow): Ranked[] {
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
  const out: Ranked[] = [];
  out.push({
    entry: {
      at: iso(s.started_at)!,
      kind: 'stay.started',
      actor: ctx.actor(s.recorded_by_user_id),
      summary: `Stay started: ${code} ${label} (${s.suitable ? 'suitable' : 'unsuitable'}${s.emergency ? ', emergency' : ''})${place ? `, ${place}` : ''}`,
      ...base,
      recordedAt: iso(s.created_at)!,
      ...(s.hold_id ? { holdId: s.hold_id } : {}),
    },
    tie: s.id,
  });
  if (s.ended_at) {
    out.push({
      entry: {
        at: iso(s.ended_at)!,
        kind: 'stay.ended',
        actor: ctx.actor(s.ended_by_user_id),
        summary: `Stay ended (${code} ${label})${s.end_reason ? `: ${s.end_reason}` : ''}`,
        ...base,
        endReason: s.end_reason,
      },
      tie: s.id,
    });
  }
  return out;
}

function auditOf(ctx: Context, entityId: string, action: string): AuditRow | undefined {
  return ctx.records.audits.find(
    (a) => a.entity === 'PlacementRequest' && a.entity_id === entityId && a.action === action,
  );
}

function requestEntries(ctx: Context, r: RequestRow): Ranked[] {
  const out: Ranked[] = [
    {
      entry: {
        at: iso(r.created_at)!,
        kind: 'request.raised',
        actor: ctx.actor(r.requested_by_user_id),
        summary: `Placement request raised (${r.urgency}, needed by ${r.needed_by})`,
        requestId: r.id,
        urgency: r.urgency,
        neededBy: r.needed_by,
      },
      tie: r.id,
    },
  ];
  if (r.placed_at) out.push({ entry: placedEntry(ctx, r, r.placed_at), tie: r.id });
  if (r.withdrawn_at) {
    const withdrawn = auditOf(ctx, r.id, 'placement_request.withdrawn');
    out.push({
      entry: {
        at: iso(r.withdrawn_at)!,
        kind: 'request.withdrawn',
        actor: ctx.actor(withdrawn?.actor_user_id),
        summary: `Placement request withdrawn${r.withdrawn_reason ? `: ${r.withdrawn_reason}` : ''}`,
        requestId: r.id,
        reason: r.withdrawn_reason,
      },
      tie: r.id,
    });
  }
  return out;
}

/** The request placed: by whoever the audit trail names, else whoever confirmed the hold; the bed the confirmed hold was on. */
function placedEntry(ctx: Context, r: RequestRow, placedAt: Date): TimelineEntry {
  const confirmed = ctx.records.holds.find((h) => h.request_id === r.id && h.status === 'confirmed');
  const placed = auditOf(ctx, r.id, 'placement_request.placed');
  return {
    at: iso(placedAt)!,
    kind: 'request.placed',
    actor: ctx.actor(placed?.actor_user_id ?? confirmed?.ended_by_user_id),
    summary: `Placement request placed${confirmed?.bed_label ? `: ${confirmed.bed_label}${confirmed.provider_name ? `, ${confirmed.provider_name}` : ''}` : ''}`,
    requestId: r.id,
    ...(confirmed ? { holdId: confirmed.id, bedId: confirmed.bed_id, stayId: confirmed.stay_id ?? undefined } : {}),
  };
}

const HOLD_ENDINGS = {
  confirmed: 'Hold confirmed: moved in to',
  released: 'Hold released:',
  expired: 'Hold expired:',
} as const;

function holdEntries(ctx: Context, h: HoldRow): Ranked[] {
  const bed = {
    holdId: h.id,
    requestId: h.request_id,
    bedId: h.bed_id,
    bedLabel: h.bed_label,
    providerName: h.provider_name,
    area: h.area,
  };
  const bedText = [h.bed_label, h.provider_name].filter(Boolean).join(', ') || h.bed_id;
  const out: Ranked[] = [
    {
      entry: {
        at: iso(h.created_at)!,
        kind: 'hold.created',
        actor: ctx.actor(h.created_by_user_id),
        summary: `Bed held: ${bedText}, until ${iso(h.expires_at)}`,
        ...bed,
        expiresAt: iso(h.expires_at)!,
      },
      tie: h.id,
    },
  ];
  if (h.ended_at && Object.hasOwn(HOLD_ENDINGS, h.status)) {
    const status = h.status as keyof typeof HOLD_ENDINGS;
    out.push({
      entry: {
        at: iso(h.ended_at)!,
        kind: `hold.${status}`,
        actor: ctx.actor(h.ended_by_user_id),
        summary: `${HOLD_ENDINGS[status]} ${bedText}`,
        ...bed,
        ...(h.stay_id ? { stayId: h.stay_id } : {}),
      },
      tie: h.id,
    });
  }
  return out;
}

/** Who was told about a step (`kind` picks the step's own notices or the acknowledgement's), in the order they were created. */
function notificationsOf(ctx: Context, escalationId: string, kind: (k: string) => boolean): TimelineNotification[] {
  return ctx.records.notifications
    .filter((n) => n.escalation_id === escalationId && kind(n.kind))
    .map((n) => ({
      channel: n.channel,
      recipientUserId: n.recipient_user_id,
      recipientName: n.recipient_user_id ? ctx.userName(n.recipient_user_id) : null,
      recipientRole: n.recipient_role,
      status: n.status,
      sentAt: iso(n.sent_at),
      attempts: Number(n.attempts),
      readAt: iso(n.read_at),
    }));
}

function escalationEntries(ctx: Context, e: EscalationRow): Ranked[] {
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
  const told = notificationsOf(ctx, e.id, (k) => k === 'escalation');
  const delivered = told.filter((n) => n.status === 'sent').length;
  const out: Ranked[] = [
    {
      entry: {
        at: iso(e.fired_at)!,
        kind: 'escalation.fired',
        actor: null,
        summary: `Escalation step ${step}${e.occurrence ? ` (repeat ${e.occurrence})` : ''} fired to ${human(e.role)} (${e.name}); ${told.length} ${plural(told.length, 'notification', 'notifications')}, ${delivered} delivered`,
        ...base,
        notifications: told,
      },
      tie: e.id,
    },
  ];
  if (e.acknowledged_at) {
    const by = ctx.actor(e.acknowledged_by_user_id);
    out.push({
      entry: {
        at: iso(e.acknowledged_at)!,
        kind: 'escalation.acknowledged',
        actor: by,
        summary: `Escalation step ${step} acknowledged by ${by ? `${by.name} (${human(by.role)})` : 'unknown'}; review by ${e.review_by}`,
        ...base,
        actionPlan: e.action_plan,
        reviewBy: e.review_by,
        notifications: notificationsOf(ctx, e.id, (k) => k !== 'escalation'),
      },
      tie: e.id,
    });
  }
  return out;
}

/** An escalation clock starting or stopping, from the stay's audit event (its own instants when it records them). */
function clockEntry(ctx: Context, a: AuditRow): Ranked {
  const changes = a.changes ?? {};
  const common = { actor: ctx.actor(a.actor_user_id), stayId: a.entity_id };
  if (a.action === 'escalation.clock_started') {
    const policies = Array.isArray(changes.policies) ? (changes.policies as unknown[]) : [];
    const at = typeof changes.clockStartedAt === 'string' ? changes.clockStartedAt : iso(a.at)!;
    const entry: TimelineEntry = {
      at: iso(at)!,
      kind: 'escalation.clock_started',
      ...common,
      policies,
      summary: `Escalation clock started: ${policies.length} ${plural(policies.length, 'policy', 'policies')} in force`,
    };
    return { entry, tie: a.id };
  }
  const at = typeof changes.endedAt === 'string' ? changes.endedAt : iso(a.at)!;
  const cancelled = Number(changes.cancelled ?? 0);
  const closed = Number(changes.closed ?? 0);
  const entry: TimelineEntry = {
    at: iso(at)!,
    kind: 'escalation.clock_stopped',
    ...common,
    cancelled,
    closed,
    summary: `Escalation clock stopped: ${closed} fired ${plural(closed, 'step', 'steps')} closed, ${cancelled} pending ${plural(cancelled, 'step', 'steps')} cancelled`,
  };
  return { entry, tie: a.id };
}

/** Where the young person is now: their open stay, as the timeline page's summary shows it. */
export interface CurrentStay {
  stayId: string;
  accommodationCode: string;
  /** The SSDA903 letter plus suitability digit. */
  ssda903: string;
  suitable: boolean;
  emergency: boolean;
  description: string | null;
  bedLabel: string | null;
  providerName: string | null;
  area: string | null;
  startedAt: string;
}

/** The open stay among a young person's stays (the latest started, should there be more than one); null when none is open. */
export function currentStayOf(stays: StayRow[]): CurrentStay | null {
  const open = stays
    .filter((s) => !s.ended_at)
    .sort((a, b) => new Date(b.started_at).getTime() - new Date(a.started_at).getTime() || b.id.localeCompare(a.id));
  const s = open[0];
  if (!s) return null;
  return {
    stayId: s.id,
    accommodationCode: s.accommodation_code,
    ssda903: `${s.accommodation_code}${s.suitable ? 1 : 2}`,
    suitable: s.suitable,
    emergency: s.emergency,
    description: s.description,
    bedLabel: s.bed_label,
    providerName: s.provider_name,
    area: s.area,
    startedAt: iso(s.started_at)!,
  };
}

/** Who the timeline is about, for the timeline page: the record, their PA's name and where they are now. */
export interface TimelineSubject {
  id: string;
  reference: string;
  firstName: string;
  lastName: string;
  age: number;
  legalStatus: string;
  uasc: boolean;
  homeArea: string | null;
  paName: string | null;
  current: CurrentStay | null;
}

/** The timeline page's read: who, and one page of the entries (oldest first) with the total. */
export interface TimelineView {
  youngPerson: TimelineSubject;
  items: TimelineEntry[];
  total: number;
}
