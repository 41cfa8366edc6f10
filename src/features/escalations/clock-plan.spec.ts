import fc from 'fast-check';
import { currentDefault, DEFAULT_POLICIES } from '../../kernel/default-policies';
import { planInitialSteps } from '../../kernel/ladder';
import { WorkingCalendar } from '../../kernel/working-days';
import { planClocks, type StayToPlan, type VersionToPlan } from './clock-plan';

const cal = new WorkingCalendar();
const versions: VersionToPlan[] = DEFAULT_POLICIES.map((p) => ({
  id: currentDefault(p).id,
  policyId: p.id,
  version: currentDefault(p).version,
  appliesTo: currentDefault(p).appliesTo,
  steps: currentDefault(p).steps,
}));
const adult = versions.find((v) => v.policyId === DEFAULT_POLICIES[0].id)!;
const parent = versions.find((v) => v.appliesTo.pregnantOrParent)!;

const stay = (over: Partial<StayToPlan> = {}): StayToPlan => ({
  id: crypto.randomUUID(),
  youngPersonId: crypto.randomUUID(),
  startedAt: new Date('2026-11-06T16:00:00Z'),
  ageAtStart: 20,
  accommodationCode: 'W',
  suitable: false,
  pregnantOrParentAtStart: false,
  ...over,
});

const counter = () => {
  let n = 0;
  return () => `id-${++n}`;
};

describe('planClocks', () => {
  it('plans every step of each policy that applies, column by column, with the wake-up rows in the same order', () => {
    const s = stay({ pregnantOrParentAtStart: true });
    const plan = planClocks([s], versions, cal, counter());
    const expected = [adult, parent].flatMap((v) => planInitialSteps(v.steps, s.startedAt, cal).map((p) => ({ v, p })));
    expect(plan.columns.version).toEqual(expected.map((e) => e.v.id));
    expect(plan.columns.policy).toEqual(expected.map((e) => e.v.policyId));
    expect(plan.columns.index).toEqual(expected.map((e) => e.p.stepIndex));
    expect(plan.columns.role).toEqual(expected.map((e) => e.p.role));
    expect(plan.columns.due).toEqual(expected.map((e) => e.p.dueAt.toISOString()));
    expect(plan.columns.stay.every((id) => id === s.id)).toBe(true);
    expect(plan.columns.person.every((id) => id === s.youngPersonId)).toBe(true);
    expect(plan.rows).toEqual(plan.columns.id.map((id, i) => ({ id, dueAt: new Date(plan.columns.due[i]) })));
  });

  it('audits each stay once, naming the policies that applied and how many steps each planned', () => {
    const applies = stay();
    const suitable = stay({ suitable: true, accommodationCode: 'H' });
    const plan = planClocks([applies, suitable], versions, cal, counter());
    expect(plan.audits).toEqual([
      {
        actorUserId: null,
        action: 'escalation.clock_started',
        entity: 'Stay',
        entityId: applies.id,
        changes: {
          clockStartedAt: applies.startedAt.toISOString(),
          policies: [{ policyId: adult.policyId, version: adult.version, steps: adult.steps.length }],
        },
      },
      {
        actorUserId: null,
        action: 'escalation.clock_started',
        entity: 'Stay',
        entityId: suitable.id,
        changes: { clockStartedAt: suitable.startedAt.toISOString(), policies: [] },
      },
    ]);
    expect(plan.columns.stay.every((id) => id === applies.id)).toBe(true);
  });

  it('keeps the columns the same length and gives every step its own id, for any batch of stays', () => {
    const stays = fc.array(
      fc.record({
        ageAtStart: fc.integer({ min: 16, max: 25 }),
        accommodationCode: fc.constantFrom('W', 'V', 'S', 'H', 'P'),
        suitable: fc.boolean(),
        pregnantOrParentAtStart: fc.boolean(),
        startedAt: fc.date({ min: new Date('2026-01-01'), max: new Date('2028-01-01'), noInvalidDate: true }),
      }),
      { maxLength: 20 },
    );
    fc.assert(
      fc.property(stays, (facts) => {
        const plan = planClocks(
          facts.map((f) => stay(f)),
          versions,
          cal,
          counter(),
        );
        const lengths = Object.values(plan.columns).map((c: unknown[]) => c.length);
        expect(new Set(lengths).size).toBeLessThanOrEqual(1);
        expect(new Set(plan.columns.id).size).toBe(plan.columns.id.length);
        expect(plan.rows).toHaveLength(plan.columns.id.length);
        expect(plan.audits).toHaveLength(facts.length);
      }),
      { numRuns: 50 },
    );
  });
});
