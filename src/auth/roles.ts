export const ROLES = ['admin', 'housing_officer', 'pa', 'team_manager', 'service_manager', 'head_of_service', 'director'] as const;
export type Role = (typeof ROLES)[number];

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

/** Who may do what, in one place. Controllers name these groups in @Roles(). */
export const CAN = {
  manageUsers: ['admin'] as Role[],
  readInventory: [...ROLES] as Role[],
  writeInventory: ['admin', 'housing_officer'] as Role[],
  readAudit: ['admin', ...SENIOR_MANAGERS] as Role[],
};
