import fc from 'fast-check';
import {
  anyOpenUnrouted,
  currentStepOf,
  hasFired,
  isAcknowledged,
  latestAcknowledgementOf,
  nextStepOf,
  roleRank,
  type ClockStep,
} from './live-list-steps';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

function step(over: Partial<ClockStep> = {}): ClockStep {
  return {
    id: crypto.randomUUID(),
    step: 1,
    occurrence: 0,
    role: 'team_manager',
    status: 'open',
    policyName: 'Policy',
    dueAt: at(0),
    firedAt: at(0),
    unrouted: false,
    closedReason: null,
    acknowledgedAt: null,
    acknowledgedByUserId: null,
    acknowledgedByName: null,
    actionPlan: null,
    reviewBy: null,
    acknowledgementLapsedAt: null,
    ...over,
  };
}

const acked = (by: string, minutes: number): Partial<ClockStep> => ({
  status: 'acknowledged',
  acknowledgedAt: at(minutes),
  acknowledgedByUserId: by,
  acknowledgedByName: `Name of ${by}`,
  actionPlan: 'Find a supported room',
  reviewBy: '2026-03-04',
});

describe('the current step of a clock', () => {
  it("never counts the PA's copy when a manager's step has fired, even one fired earlier", () => {
    const tm = step({ step: 1, role: 'team_manager', firedAt: at(0) });
    const pa = step({ step: 2, role: 'pa', firedAt: at(5) });
    expect(currentStepOf([tm, pa])).toBe(tm);
  });

  it("is the PA's copy when nothing else has fired", () => {
    const pa = step({ step: 2, role: 'pa' });
    const later = step({ step: 3, role: 'director', status: 'scheduled', firedAt: null, dueAt: at(60) });
    expect(currentStepOf([pa, later])).toBe(pa);
    expect(currentStepOf([later])).toBeNull();
  });

  it("is the director's step when a 17-year-old's steps all fire at once", () => {
    const steps = ['head_of_service', 'director', 'team_manager', 'pa'].map((role, i) => step({ step: i + 1, role }));
    expect(currentStepOf(steps)!.role).toBe('director');
  });

  it("stays the director's step after a later head-of-service repeat, and takes the latest of one rank", () => {
    const director = step({ step: 5, role: 'director', firedAt: at(100) });
    const hos = step({ step: 4, role: 'head_of_service', firedAt: at(50) });
    const repeat = step({ step: 6, occurrence: 1, role: 'head_of_service', firedAt: at(200) });
    expect(currentStepOf([hos, repeat, director])).toBe(director);
    expect(currentStepOf([hos, repeat])).toBe(repeat);
  });

  it('ignores steps that never fired: cancelled, or passed over because the stay was recorded late', () => {
    const tm = step({ role: 'team_manager' });
    const passedOver = step({ role: 'director', status: 'closed', closedReason: 'recorded_late' });
    const cancelled = step({ role: 'head_of_service', status: 'cancelled' });
    expect(currentStepOf([tm, passedOver, cancelled])).toBe(tm);
    expect([passedOver, cancelled].some(hasFired)).toBe(false);
  });
});

describe('whether the clock is acknowledged', () => {
  const hos = () => step({ step: 1, role: 'head_of_service' });
  const director = () => step({ step: 2, role: 'director' });

  it("is true once the director acknowledges the director's step", () => {
    expect(isAcknowledged([hos(), director()])).toBe(false);
    expect(isAcknowledged([hos(), step({ ...director(), ...acked('dir', 5) })])).toBe(true);
  });

  it('is false while the most senior fired step is open, whoever acknowledged the lower ones', () => {
    expect(isAcknowledged([step({ ...hos(), ...acked('dir', 5) }), director()])).toBe(false);
    expect(isAcknowledged([step({ role: 'team_manager', ...acked('tm', 1) }), step({ role: 'pa' })])).toBe(true);
  });

  it('is false when the acknowledgement lapsed and the step is open again, and true once acknowledged afresh', () => {
    const lapsed = step({ ...director(), ...acked('dir', 5), status: 'open', acknowledgementLapsedAt: at(3000) });
    expect(isAcknowledged([hos(), lapsed])).toBe(false);
    expect(isAcknowledged([hos(), { ...lapsed, status: 'acknowledged', acknowledgedAt: at(3100) }])).toBe(true);
  });

  it('is false when nothing has fired', () => {
    expect(isAcknowledged([])).toBe(false);
    expect(isAcknowledged([step({ status: 'scheduled', firedAt: null })])).toBe(false);
  });
});

describe('the next step, the latest acknowledgement and unrouted steps', () => {
  it("is the earliest scheduled manager's step; the PA's copy only when no manager's step is to come", () => {
    const pa = step({ role: 'pa', status: 'scheduled', firedAt: null, dueAt: at(10) });
    const sm = step({ role: 'service_manager', status: 'scheduled', firedAt: null, dueAt: at(60) });
    const tm = step({ role: 'team_manager', status: 'scheduled', firedAt: null, dueAt: at(60) });
    const hos = step({ role: 'head_of_service', status: 'scheduled', firedAt: null, dueAt: at(120) });
    expect(nextStepOf([pa, hos, tm, sm])).toEqual({ role: 'service_manager', dueAt: at(60).toISOString() });
    expect(nextStepOf([pa])).toEqual({ role: 'pa', dueAt: at(10).toISOString() });
    expect(nextStepOf([step()])).toBeNull();
  });

  it('shows the most recent acknowledgement, saying whether it lapsed', () => {
    const old = step({ role: 'team_manager', ...acked('tm', 5) });
    const recent = step({
      role: 'director',
      ...acked('dir', 50),
      status: 'open',
      acknowledgementLapsedAt: at(5000),
    });
    expect(latestAcknowledgementOf([old, recent])).toEqual({
      escalationId: recent.id,
      byUserId: 'dir',
      byName: 'Name of dir',
      at: at(50).toISOString(),
      actionPlan: 'Find a supported room',
      reviewBy: '2026-03-04',
      lapsed: true,
    });
    expect(latestAcknowledgementOf([old])!.lapsed).toBe(false);
    expect(latestAcknowledgementOf([{ ...recent, status: 'acknowledged' }])!.lapsed).toBe(false);
    expect(latestAcknowledgementOf([step()])).toBeNull();
    const hos = step({ role: 'head_of_service', ...acked('hos', 5) });
    const director = step({ role: 'director', ...acked('dir', 5) });
    expect(latestAcknowledgementOf([director, hos])!.byUserId).toBe('dir');
    expect(latestAcknowledgementOf([hos, director])!.byUserId).toBe('dir');
  });

  it('says unrouted while a step that reached nobody is open, not once acknowledged', () => {
    expect(anyOpenUnrouted([step(), step({ role: 'director', unrouted: true })])).toBe(true);
    expect(anyOpenUnrouted([step({ role: 'director', unrouted: true, ...acked('dir', 5) })])).toBe(false);
    expect(anyOpenUnrouted([step()])).toBe(false);
  });
});

const ROLES = ['pa', 'team_manager', 'service_manager', 'head_of_service', 'director'];
const arbStep = fc
  .record({
    id: fc.uuid(),
    step: fc.integer({ min: 1, max: 6 }),
    occurrence: fc.integer({ min: 0, max: 3 }),
    role: fc.constantFrom(...ROLES),
    status: fc.constantFrom('scheduled', 'open', 'acknowledged', 'cancelled', 'closed'),
    minutes: fc.integer({ min: 0, max: 20 }),
    lapsed: fc.boolean(),
    unrouted: fc.boolean(),
  })
  .map((g) =>
    step({
      id: g.id,
      step: g.step,
      occurrence: g.occurrence,
      role: g.role,
      status: g.status,
      dueAt: at(g.minutes),
      firedAt: g.status === 'scheduled' || g.status === 'cancelled' ? null : at(g.minutes),
      unrouted: g.unrouted,
      ...(g.status === 'acknowledged' || (g.status === 'open' && g.lapsed)
        ? { acknowledgedAt: at(g.minutes + 1), acknowledgedByUserId: 'u', status: g.status }
        : {}),
      acknowledgementLapsedAt: g.lapsed ? at(g.minutes + 2) : null,
    }),
  );
const arbClock = fc.uniqueArray(arbStep, { selector: (s) => s.id, maxLength: 12 });

describe('the clock rules, for any clock', () => {
  it('never says acknowledged while the current (most senior fired) step is open', () => {
    fc.assert(
      fc.property(arbClock, (steps) => {
        const current = currentStepOf(steps);
        if (current?.status === 'open') expect(isAcknowledged(steps)).toBe(false);
        if (current === null) expect(isAcknowledged(steps)).toBe(false);
      }),
    );
  });

  it('takes the most senior fired step, and the PA only when no manager has been alerted', () => {
    fc.assert(
      fc.property(arbClock, (steps) => {
        const fired = steps.filter(hasFired);
        const current = currentStepOf(steps);
        if (!fired.length) return expect(current).toBeNull();
        expect(roleRank(current!.role)).toBe(Math.max(...fired.map((s) => roleRank(s.role))));
        if (fired.some((s) => s.role !== 'pa')) expect(current!.role).not.toBe('pa');
      }),
    );
  });

  it('answers the same whatever order the steps arrive in', () => {
    fc.assert(
      fc.property(
        arbClock.chain((steps) =>
          fc.tuple(fc.constant(steps), fc.shuffledSubarray(steps, { minLength: steps.length })),
        ),
        ([steps, shuffled]) => {
          expect(currentStepOf(shuffled)).toBe(currentStepOf(steps));
          expect(isAcknowledged(shuffled)).toBe(isAcknowledged(steps));
          expect(nextStepOf(shuffled)).toEqual(nextStepOf(steps));
          expect(latestAcknowledgementOf(shuffled)).toEqual(latestAcknowledgementOf(steps));
        },
      ),
    );
  });
});
