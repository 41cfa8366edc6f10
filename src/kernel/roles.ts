export const ROLES = [
  'admin',
  'housing_officer',
  'pa',
  'team_manager',
  'service_manager',
  'head_of_service',
  'director',
] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in user as every service sees it (re-read from the database on every request). */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  area: string | null;
}

/** The management ladder, lowest first. A role may act on a step addressed to its own rung or lower. */
export const MANAGER_LADDER = ['team_manager', 'service_manager', 'head_of_service', 'director'] as const;
export type ManagerRole = (typeof MANAGER_LADDER)[number];

/** "Senior managers": the three roles above team manager. */
export const SENIOR_MANAGERS: Role[] = ['service_manager', 'head_of_service', 'director'];
export const MANAGERS: Role[] = [...MANAGER_LADDER];

export function managerRank(role: Role): number {
  return (MANAGER_LADDER as readonly string[]).indexOf(role);
}

/** True when `actor` holds `stepRole` or a more senior rung of the ladder. */
export function isAtLeast(actor: Role, stepRole: Role): boolean {
  const a = managerRank(actor);
  const s = managerRank(stepRole);
  if (a < 0) return false;
  if (s < 0) return false;
  return a >= s;
}

/**
 * Caseload scoping: a PA sees and acts on only the young people allocated to them (anyone else's
 * is "not found", so a PA is not told who exists); every other role sees everyone. Returns the PA
 * whose caseload bounds what `user` sees, or null for no bound.
 */
export function caseloadOf(user: Pick<AuthUser, 'id' | 'role'>): string | null {
  return user.role === 'pa' ? user.id : null;
}

/** Whether `user` may see a record about a young person allocated to `paUserId`. */
export function canSee(user: Pick<AuthUser, 'id' | 'role'>, record: { paUserId: string }): boolean {
  const pa = caseloadOf(user);
  return pa === null || record.paUserId === pa;
}

/** Who may do what, in one place. Controllers name these groups in @Roles(). */
export const CAN = {
  manageUsers: ['admin'] as Role[],
  /** The managed list of areas: everyone reads it (forms offer it), an admin adds to it. */
  readAreas: [...ROLES] as Role[],
  manageAreas: ['admin'] as Role[],
  readInventory: [...ROLES] as Role[],
  writeInventory: ['admin', 'housing_officer'] as Role[],
  readAudit: ['admin', ...SENIOR_MANAGERS] as Role[],
  /** Everyone reads young people; a PA only their own caseload (enforced in the service). */
  readYoungPeople: [...ROLES] as Role[],
  writeYoungPeople: ['admin', 'pa', 'housing_officer', 'team_manager'] as Role[],
  /** Keeping-in-touch contacts follow the young person's record: everyone reads them, whoever may edit the record records them (a PA: their caseload). */
  readContacts: [...ROLES] as Role[],
  recordContacts: ['admin', 'pa', 'housing_officer', 'team_manager'] as Role[],
  readRequests: [...ROLES] as Role[],
  raiseRequests: ['admin', 'pa', 'housing_officer', 'team_manager'] as Role[],
  /**
   * The queue of open placement requests, most urgent first (GET /placement-requests/queue): housing
   * officers and senior managers, and an admin (who does everything, and is told of emergencies
   * when there is no active housing officer).
   */
  readRequestQueue: ['admin', 'housing_officer', ...SENIOR_MANAGERS] as Role[],
  withdrawRequests: ['admin', 'pa', 'housing_officer', 'team_manager'] as Role[],
  /** Holding, confirming, releasing beds: the placements team. */
  allocateBeds: ['admin', 'housing_officer'] as Role[],
  /** Seeing a request's matches: the placements team, and a PA read-only for their own caseload (404 for anyone else's). */
  readMatches: ['admin', 'housing_officer', 'pa'] as Role[],
  readStays: [...ROLES] as Role[],
  /** Putting someone straight into a managed bed (POST /stays with a bed): the placements team; everyone else goes through a hold. */
  occupyManagedBeds: ['admin', 'housing_officer'] as Role[],
  /** Recording where someone is tonight (a hotel included) and ending a stay. */
  recordStays: ['admin', 'pa', 'housing_officer', ...MANAGERS] as Role[],
  /** Escalation policies and closure days: an admin defines them, managers read them. */
  readPolicies: ['admin', ...MANAGERS] as Role[],
  managePolicies: ['admin'] as Role[],
  /** Escalation steps: everyone reads (a PA their caseload); acknowledging is checked per step. */
  readEscalations: [...ROLES] as Role[],
  /** Where escalations would go by area and role, and the gaps (GET /escalation-coverage). */
  readCoverage: ['admin', ...SENIOR_MANAGERS] as Role[],
  /** The live list of everyone in unsuitable or emergency accommodation (a PA sees their caseload). */
  readOversight: ['admin', 'housing_officer', 'pa', ...MANAGERS] as Role[],
  /** The notification delivery log (who was told what, when, through which channel). */
  readNotificationDeliveries: ['admin', ...SENIOR_MANAGERS] as Role[],
  /** Per-role Teams/Slack webhooks. */
  manageNotificationWebhooks: ['admin'] as Role[],
  /** One young person's evidence timeline (stays, requests, holds, escalations, who was told, who acknowledged); a PA their caseload. */
  readTimeline: ['admin', 'housing_officer', 'pa', ...MANAGERS] as Role[],
  /** The SSDA903 care-leaver extract (CSV) and its exceptions: the performance team's senior sign-off roles. */
  readSsda903: ['admin', ...SENIOR_MANAGERS] as Role[],
  /** Occupancy and sufficiency over a date range (bed nights, requests, unsuitable nights). */
  readOccupancy: ['admin', 'housing_officer', ...MANAGERS] as Role[],
  /** Prometheus metrics (an admin's token, or the static METRICS_TOKEN) and the Bull Board queue dashboard. */
  operate: ['admin'] as Role[],
};

/** Each role as people say it (pages, messages). */
export const ROLE_NAMES: Record<Role, string> = {
  admin: 'Administrator',
  housing_officer: 'Housing officer',
  pa: 'Personal adviser',
  team_manager: 'Team manager',
  service_manager: 'Service manager',
  head_of_service: 'Head of service',
  director: 'Director',
};
