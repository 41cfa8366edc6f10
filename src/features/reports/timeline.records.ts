/** The rows a timeline is built from, as `timeline.queries.ts` reads them (snake_case, as PostgreSQL answers). */

export interface StayRow {
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
export interface RequestRow {
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
export interface HoldRow {
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
export interface EscalationRow {
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
export interface NotificationRow {
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
/** The audit trail supplies what the rows do not keep: who placed or withdrew a request, when each clock started and stopped. */
export interface AuditRow {
  id: string;
  at: Date;
  actor_user_id: string | null;
  action: string;
  entity: string;
  entity_id: string;
  changes: Record<string, unknown>;
}
export interface UserRow {
  id: string;
  name: string;
  role: string;
}

/** What a timeline is built from: the young person's own records (notifications in the order they were created). */
export interface TimelineRecords {
  stays: StayRow[];
  requests: RequestRow[];
  holds: HoldRow[];
  escalations: EscalationRow[];
  notifications: NotificationRow[];
  audits: AuditRow[];
}
