/**
 * Who an escalation step reaches (api.md, "Who is alerted (escalation routing)"; domain.md, "Who
 * is told, in practice"). Plain data in, recipients out; the service loads the org chart and
 * stores what this answers on the step.
 *
 * A step addressed to a role reaches the first of, in order:
 *  1. `line_manager`: the holder of that role in the allocated PA's line-management chain
 *     (`managerId`, followed upwards; an inactive person in the chain is passed through, never told);
 *  2. `area`: active holders of the role whose area is the young person's home area;
 *  3. `council_wide`: active holders of the role with no area;
 *  4. `senior_fallback`: the next more senior role (team manager < service manager < head of
 *     service < director), by the same three rules.
 * Nobody at all: the step is `unrouted` (and an administrator is told).
 *
 * The allocated PA is told of every step as the PA (`allocated_pa`), which never counts as the
 * role's delivery. A step addressed to the PA reaches the PA if active; else the PA's manager;
 * else a team manager by the rules above.
 */
import { MANAGER_LADDER, type ManagerRole, type Role } from './roles';

export const VIA = ['line_manager', 'area', 'council_wide', 'senior_fallback', 'allocated_pa'] as const;
export type Via = (typeof VIA)[number];

export interface OrgPerson {
  id: string;
  role: Role;
  /** null: the whole council. Compared trimmed and case-insensitively. */
  area: string | null;
  managerId: string | null;
  active: boolean;
}

export interface Recipient {
  userId: string;
  role: Role;
  via: Via;
}

export interface Route {
  recipients: Recipient[];
  /** Nobody holding the step's role, or a more senior one, could be found. */
  unrouted: boolean;
}

export interface StepToRoute {
  /** The role the step is addressed to: a rung of the management ladder, or `pa`. */
  role: Role;
  paUserId: string | null;
  homeArea: string | null;
}

const norm = (area: string | null | undefined) => (area ?? '').trim().toLowerCase();

/** An org chart indexed for routing many steps. */
export class OrgChart {
  private readonly byId = new Map<string, OrgPerson>();
  private readonly byRole = new Map<Role, OrgPerson[]>();

  constructor(people: readonly OrgPerson[]) {
    for (const p of people) {
      this.byId.set(p.id, p);
      const list = this.byRole.get(p.role) ?? [];
      list.push(p);
      this.byRole.set(p.role, list);
    }
    for (const list of this.byRole.values()) list.sort((a, b) => a.id.localeCompare(b.id));
  }

  person(id: string | null | undefined): OrgPerson | undefined {
    return id ? this.byId.get(id) : undefined;
  }

  /** The people above `startId`, nearest first (cycles in bad data are cut, never followed forever). */
  chainAbove(startId: string | null): OrgPerson[] {
    const out: OrgPerson[] = [];
    const seen = new Set<string>(startId ? [startId] : []);
    let next = this.person(startId)?.managerId ?? null;
    while (next && !seen.has(next)) {
      seen.add(next);
      const p = this.byId.get(next);
      if (!p) break;
      out.push(p);
      next = p.managerId;
    }
    return out;
  }

  activeHolders(role: Role, area: (p: OrgPerson) => boolean): OrgPerson[] {
    return (this.byRole.get(role) ?? []).filter((p) => p.active && area(p));
  }
}

/** The holders of `role` for a young person, by rules 1-3; empty when none. */
function holdersOf(chart: OrgChart, role: Role, step: StepToRoute): { people: OrgPerson[]; via: Via } | null {
  const chain = chart.chainAbove(step.paUserId).find((p) => p.role === role && p.active);
  if (chain) return { people: [chain], via: 'line_manager' };
  const home = norm(step.homeArea);
  if (home) {
    const local = chart.activeHolders(role, (p) => p.area !== null && norm(p.area) === home);
    if (local.length) return { people: local, via: 'area' };
  }
  const wide = chart.activeHolders(role, (p) => !norm(p.area));
  if (wide.length) return { people: wide, via: 'council_wide' };
  return null;
}

/** The role's holders, or the next more senior role's (rule 4), or nobody. */
function managerRoute(chart: OrgChart, role: ManagerRole, step: StepToRoute): Recipient[] {
  const from = MANAGER_LADDER.indexOf(role);
  for (let rank = from; rank < MANAGER_LADDER.length; rank++) {
    const found = holdersOf(chart, MANAGER_LADDER[rank], step);
    if (found) {
      const via: Via = rank === from ? found.via : 'senior_fallback';
      return found.people.map((p) => ({ userId: p.id, role: p.role, via }));
    }
  }
  return [];
}

/** Every recipient of one step, and whether it reached anyone responsible. */
export function routeStep(chart: OrgChart, step: StepToRoute): Route {
  const pa = chart.person(step.paUserId);
  const paActive = pa?.active === true && pa.role === 'pa';
  let responsible: Recipient[];
  if (step.role === 'pa') {
    if (paActive) return { recipients: [{ userId: pa.id, role: 'pa', via: 'allocated_pa' }], unrouted: false };
    const manager = chart.person(pa?.managerId);
    responsible =
      manager?.active === true
        ? [{ userId: manager.id, role: manager.role, via: 'line_manager' }]
        : managerRoute(chart, 'team_manager', step);
  } else if ((MANAGER_LADDER as readonly string[]).includes(step.role)) {
    responsible = managerRoute(chart, step.role as ManagerRole, step);
  } else {
    responsible = [];
  }
  const recipients = [...responsible];
  if (paActive && !recipients.some((r) => r.userId === pa.id)) {
    recipients.push({ userId: pa.id, role: 'pa', via: 'allocated_pa' });
  }
  return { recipients, unrouted: responsible.length === 0 };
}

export interface CoverageCell {
  area: string | null;
  role: ManagerRole;
  recipients: Recipient[];
  /** The step would fall back to a more senior role, or reach nobody. */
  gap: boolean;
  unrouted: boolean;
}

/**
 * For every area and every rung of the ladder: who a step for a young person from that area would
 * reach when their PA's line-management chain has nobody in that role (the area and council-wide
 * rules, then the senior fallback). A cell is a gap when it would fall back or reach nobody.
 */
export function coverage(chart: OrgChart, areas: readonly string[]): CoverageCell[] {
  const cells: CoverageCell[] = [];
  for (const area of [...areas, null]) {
    for (const role of MANAGER_LADDER) {
      const recipients = managerRoute(chart, role, { role, paUserId: null, homeArea: area });
      const unrouted = recipients.length === 0;
      cells.push({ area, role, recipients, unrouted, gap: unrouted || recipients[0].via === 'senior_fallback' });
    }
  }
  return cells;
}
