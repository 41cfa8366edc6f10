import fc from 'fast-check';
import { collapseOverdue, isRecordedLate, seniority } from './late-records';

const at = (h: number) => new Date(Date.UTC(2026, 10, 2, 9) + h * 3600_000);
const step = (policyId: string, stepIndex: number, role: string, dueAt: Date) => ({ policyId, stepIndex, role, dueAt });

describe('collapseOverdue', () => {
  it('fires only the most senior overdue step of a policy and passes over the lower ones', () => {
    const rows = [
      step('adult', 0, 'team_manager', at(0)),
      step('adult', 1, 'pa', at(0)),
      step('adult', 2, 'service_manager', at(24)),
      step('adult', 3, 'head_of_service', at(48)),
      step('adult', 4, 'director', at(120)),
    ];
    const { fire, passedOver } = collapseOverdue(rows, at(60));
    expect(fire.map((r) => r.role)).toEqual(['head_of_service']);
    expect(passedOver.map((r) => r.role).sort()).toEqual(['pa', 'service_manager', 'team_manager']);
  });

  it('tells a role at most once across policies', () => {
    const rows = [
      step('adult', 0, 'director', at(1)),
      step('parent', 2, 'director', at(2)),
      step('parent', 0, 'team_manager', at(0)),
    ];
    const { fire, passedOver } = collapseOverdue(rows, at(3));
    expect(fire).toEqual([step('parent', 2, 'director', at(2))]);
    expect(passedOver).toHaveLength(2);
  });

  it('fires nothing when nothing is due yet', () => {
    expect(collapseOverdue([step('adult', 0, 'team_manager', at(5))], at(1))).toEqual({ fire: [], passedOver: [] });
  });

  it('accounts for every overdue step exactly once, and fires at most one per policy and per role', () => {
    const roles = ['pa', 'team_manager', 'service_manager', 'head_of_service', 'director'];
    const arb = fc.array(
      fc.record({
        policyId: fc.constantFrom('a', 'b', 'c'),
        stepIndex: fc.nat(8),
        role: fc.constantFrom(...roles),
        h: fc.integer({ min: -100, max: 100 }),
      }),
      { maxLength: 25 },
    );
    fc.assert(
      fc.property(arb, (raw) => {
        const rows = raw.map((r) => step(r.policyId, r.stepIndex, r.role, at(r.h)));
        const { fire, passedOver } = collapseOverdue(rows, at(0));
        const overdue = rows.filter((r) => r.dueAt.getTime() <= at(0).getTime());
        expect(fire.length + passedOver.length).toBe(overdue.length);
        expect(new Set(fire.map((r) => r.policyId)).size).toBe(fire.length);
        expect(new Set(fire.map((r) => r.role)).size).toBe(fire.length);
        for (const f of fire) {
          for (const o of overdue.filter((r) => r.policyId === f.policyId)) {
            expect(seniority(o.role)).toBeLessThanOrEqual(seniority(f.role));
          }
        }
      }),
    );
  });
});

describe('isRecordedLate', () => {
  it('counts a stay recorded more than 15 minutes after it started as late', () => {
    expect(isRecordedLate(at(0), new Date(at(0).getTime() + 14 * 60_000))).toBe(false);
    expect(isRecordedLate(at(0), new Date(at(0).getTime() + 16 * 60_000))).toBe(true);
  });
});
