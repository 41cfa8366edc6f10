import fc from 'fast-check';
import {
  CAN,
  MANAGER_LADDER,
  MANAGERS,
  ROLES,
  SENIOR_MANAGERS,
  canSee,
  caseloadOf,
  isAtLeast,
  managerRank,
  type Role,
} from './roles';

const role = fc.constantFrom(...ROLES);
const user = fc.record({ id: fc.uuid(), role });

describe('isAtLeast', () => {
  it('is true exactly when both roles are on the management ladder and the actor is on the same rung or higher', () => {
    fc.assert(
      fc.property(role, role, (actor, step) => {
        const a = MANAGER_LADDER.indexOf(actor as never);
        const s = MANAGER_LADDER.indexOf(step as never);
        expect(isAtLeast(actor, step)).toBe(a >= 0 && s >= 0 && a >= s);
      }),
    );
  });

  it('is reflexive on the ladder and never true for anyone off it', () => {
    for (const r of MANAGER_LADDER) expect(isAtLeast(r, r)).toBe(true);
    for (const r of ROLES.filter((x) => !MANAGERS.includes(x))) {
      for (const other of ROLES) {
        expect(isAtLeast(r, other)).toBe(false);
        expect(isAtLeast(other, r)).toBe(false);
      }
    }
  });

  it('is transitive and, between different rungs, holds one way only', () => {
    fc.assert(
      fc.property(role, role, role, (a, b, c) => {
        if (isAtLeast(a, b) && isAtLeast(b, c)) expect(isAtLeast(a, c)).toBe(true);
        if (a !== b && isAtLeast(a, b)) expect(isAtLeast(b, a)).toBe(false);
      }),
    );
  });

  it('puts the director at the top and the team manager at the bottom', () => {
    for (const r of MANAGER_LADDER) {
      expect(isAtLeast('director', r)).toBe(true);
      expect(isAtLeast(r, 'team_manager')).toBe(true);
    }
    expect(managerRank('pa')).toBe(-1);
  });
});

describe('caseloadOf and canSee', () => {
  it('bounds a PA by their own caseload and nobody else', () => {
    fc.assert(
      fc.property(user, (u) => {
        expect(caseloadOf(u)).toBe(u.role === 'pa' ? u.id : null);
      }),
    );
  });

  it('lets a PA see only records allocated to them, and every other role see everything', () => {
    fc.assert(
      fc.property(user, fc.uuid(), (u, otherPa) => {
        fc.pre(otherPa !== u.id);
        expect(canSee(u, { paUserId: u.id })).toBe(true);
        expect(canSee(u, { paUserId: otherPa })).toBe(u.role !== 'pa');
      }),
    );
  });

  it('agrees with caseloadOf: a record is visible when there is no bound or it is within the bound', () => {
    fc.assert(
      fc.property(user, fc.uuid(), (u, paUserId) => {
        const bound = caseloadOf(u);
        expect(canSee(u, { paUserId })).toBe(bound === null || bound === paUserId);
      }),
    );
  });
});

describe('CAN', () => {
  const groups: [string, Role[]][] = Object.entries(CAN);

  it('names only real roles, each once, in every group', () => {
    for (const [name, roles] of groups) {
      expect({ name, unknown: roles.filter((r) => !ROLES.includes(r)) }).toEqual({ name, unknown: [] });
      expect({ name, size: new Set(roles).size }).toEqual({ name, size: roles.length });
      expect({ name, empty: roles.length === 0 }).toEqual({ name, empty: false });
    }
  });

  it('lets an admin do everything', () => {
    for (const [name, roles] of groups) expect({ name, admin: roles.includes('admin') }).toEqual({ name, admin: true });
  });

  it('keeps the ladder and the manager groups consistent', () => {
    expect(MANAGERS).toEqual([...MANAGER_LADDER]);
    for (const r of SENIOR_MANAGERS) {
      expect(MANAGERS).toContain(r);
      expect(isAtLeast(r, 'service_manager')).toBe(true);
    }
    expect(SENIOR_MANAGERS).not.toContain('team_manager');
  });

  it('keeps user management and operator access to admins', () => {
    expect(CAN.manageUsers).toEqual(['admin']);
    expect(CAN.operate).toEqual(['admin']);
  });
});
