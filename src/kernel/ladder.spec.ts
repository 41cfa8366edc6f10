import { currentDefault, DEFAULT_POLICIES } from './default-policies';
import fc from 'fast-check';
import {
  currentStep,
  mayAcknowledge,
  nextOccurrence,
  planInitialSteps,
  policyApplies,
  validateSteps,
  type LadderStep,
  type PlannedStep,
  type StoredAppliesTo,
} from './ladder';
import { WorkingCalendar } from './working-days';

const cal = new WorkingCalendar();
const at = (iso: string): Date => new Date(iso);
const policy = (key: string) => currentDefault(DEFAULT_POLICIES.find((p) => p.key === key)!);
const adult = policy('adult-emergency-accommodation');
const summary = (rows: PlannedStep[]) =>
  rows.map((r) => `${r.stepIndex}.${r.occurrence} ${r.role} ${r.dueAt.toISOString()}`);

describe('default policies', () => {
  it('all pass validation, every version ever shipped, under the default minimum repeat (PT1H)', () => {
    for (const p of DEFAULT_POLICIES) for (const v of p.versions) expect(validateSteps(v.steps)).toEqual([]);
  });

  it('list their versions in order, numbered from 1', () => {
    for (const p of DEFAULT_POLICIES) expect(p.versions.map((v) => v.version)).toEqual(p.versions.map((_, i) => i + 1));
  });

  it('18+ ladder from Friday 16:00: team manager and PA at once, service manager Monday 16:00, head of service Tuesday 16:00', () => {
    expect(summary(planInitialSteps(adult.steps, at('2026-01-09T16:00:00Z'), cal))).toEqual([
      '0.0 team_manager 2026-01-09T16:00:00.000Z',
      '1.0 pa 2026-01-09T16:00:00.000Z',
      '2.0 service_manager 2026-01-12T16:00:00.000Z',
      '3.0 head_of_service 2026-01-13T16:00:00.000Z',
      '4.0 director 2026-01-16T16:00:00.000Z',
      '5.0 head_of_service 2026-01-23T16:00:00.000Z',
    ]);
  });

  it('18+ ladder repeats head of service every 5 working days after the 10th', () => {
    const rows = planInitialSteps(adult.steps, at('2026-01-09T16:00:00Z'), cal);
    const repeat1 = nextOccurrence(adult.steps[5], 5, rows[5], cal)!;
    const repeat2 = nextOccurrence(adult.steps[5], 5, repeat1, cal)!;
    expect(summary([repeat1, repeat2])).toEqual([
      '5.1 head_of_service 2026-01-30T16:00:00.000Z',
      '5.2 head_of_service 2026-02-06T16:00:00.000Z',
    ]);
  });

  it('steps that do not repeat have no next occurrence', () => {
    const rows = planInitialSteps(adult.steps, at('2026-01-09T16:00:00Z'), cal);
    expect(nextOccurrence(adult.steps[4], 4, rows[4], cal)).toBeNull();
  });

  it('18+ ladder over Easter 2026: Thursday 16:00 BST → service manager Tuesday, head of service Wednesday', () => {
    const rows = planInitialSteps(adult.steps, at('2026-04-02T15:00:00Z'), cal);
    expect(rows[2].dueAt).toEqual(at('2026-04-07T15:00:00Z'));
    expect(rows[3].dueAt).toEqual(at('2026-04-08T15:00:00Z'));
  });

  it('6-week B&B clock counts calendar weeks at the same wall-clock time across the clock change', () => {
    const rows = planInitialSteps(policy('parent-bnb-six-weeks').steps, at('2026-03-02T12:00:00Z'), cal);
    expect(summary(rows)).toEqual([
      '0.0 team_manager 2026-03-02T12:00:00.000Z',
      '1.0 head_of_service 2026-04-06T11:00:00.000Z', // 12:00 BST, a week before the limit
      '2.0 director 2026-04-13T11:00:00.000Z',
    ]);
  });

  it('16-17 ladder (version 2) alerts team manager, service manager, head of service, director and the PA on entry', () => {
    const start = at('2026-01-10T22:00:00Z');
    const rows = planInitialSteps(policy('under-18-unsuitable').steps, start, cal);
    expect(rows.map((r) => r.role)).toEqual(['team_manager', 'service_manager', 'head_of_service', 'director', 'pa']);
    expect(rows.every((r) => r.dueAt.getTime() === start.getTime())).toBe(true);
  });

  it('16-17 ladder repeats every manager daily at the same wall-clock time, weekends too; the PA hears once', () => {
    const { steps } = policy('under-18-unsuitable');
    const rows = planInitialSteps(steps, at('2026-01-10T22:00:00Z'), cal); // a Saturday night
    const repeats = rows.map((r) => nextOccurrence(steps[r.stepIndex], r.stepIndex, r, cal));
    expect(repeats.slice(0, 4).map((r) => r!.dueAt.toISOString())).toEqual(Array(4).fill('2026-01-11T22:00:00.000Z'));
    expect(repeats[4]).toBeNull();
  });

  it('16-17 ladder bounds review dates to a working day; the others to five', () => {
    expect(policy('under-18-unsuitable').maxReviewAfter).toBe('P1WD');
    expect(policy('adult-emergency-accommodation').maxReviewAfter).toBe('P5WD');
    expect(policy('parent-bnb-six-weeks').maxReviewAfter).toBe('P5WD');
  });

  it('16-17 ladder version 1 stays as it shipped: everyone once on entry, no service manager', () => {
    const v1 = DEFAULT_POLICIES.find((p) => p.key === 'under-18-unsuitable')!.versions[0];
    expect(v1.steps.map((s) => [s.role, s.repeatEvery])).toEqual([
      ['head_of_service', undefined],
      ['director', undefined],
      ['team_manager', undefined],
      ['pa', undefined],
    ]);
  });
});

describe('validateSteps', () => {
  const fields = (steps: LadderStep[]) =>
    validateSteps(steps)
      .map((p) => p.field)
      .sort();

  it('needs between 1 and 50 steps', () => {
    expect(fields([])).toEqual(['steps']);
    expect(fields(Array.from({ length: 51 }, () => ({ after: 'PT0S', role: 'pa' })))).toEqual(['steps']);
    expect(fields(Array.from({ length: 50 }, () => ({ after: 'PT0S', role: 'pa' })))).toEqual([]);
  });

  it('reports bad fields with their paths', () => {
    const problems = validateSteps([
      { after: 'P2WD', role: 'team_manager' },
      { after: '4 hours', role: 'boss' },
      { after: 'P3WD', role: 'pa', repeatEvery: 'PT0S' },
      { after: 'P4WD', role: 'director', repeatEvery: 'P0WD' },
      { after: 'P5WD', role: 'director', repeatEvery: 'every week' },
      { after: 'P6WD', role: 'head_of_service', repeatEvery: 'P5WD' },
    ]);
    expect(problems.map((p) => p.field).sort()).toEqual([
      'steps.1.after',
      'steps.1.role',
      'steps.2.repeatEvery',
      'steps.3.repeatEvery',
      'steps.4.repeatEvery',
    ]);
    expect(problems.find((p) => p.field === 'steps.2.repeatEvery')!.message).toMatch(/longer than zero/);
  });

  it('refuses a role outside the ladder (admin, housing_officer)', () => {
    expect(
      fields([
        { after: 'PT0S', role: 'admin' },
        { after: 'PT0S', role: 'housing_officer' },
      ]),
    ).toEqual(['steps.0.role', 'steps.1.role']);
  });

  it('needs steps in order of when they fall due, compared from a fixed Monday 09:00', () => {
    expect(
      fields([
        { after: 'P2WD', role: 'team_manager' },
        { after: 'PT4H', role: 'director' },
      ]),
    ).toEqual(['steps.1.after']);
    expect(
      fields([
        { after: 'P1WD', role: 'team_manager' },
        { after: 'P1D', role: 'director' },
      ]),
    ).toEqual([]); // equal from a Monday
    expect(
      fields([
        { after: 'P1WD', role: 'team_manager' },
        { after: 'PT25H', role: 'director' },
      ]),
    ).toEqual([]);
    expect(
      fields([
        { after: 'P2D', role: 'team_manager' },
        { after: 'P1WD', role: 'director' },
      ]),
    ).toEqual(['steps.1.after']);
    expect(
      fields([
        { after: 'P6W', role: 'team_manager' },
        { after: 'P30WD', role: 'director' },
      ]),
    ).toEqual([]);
  });

  it('accepts a null repeatEvery as "does not repeat"', () => {
    expect(fields([{ after: 'PT0S', role: 'pa', repeatEvery: null }])).toEqual([]);
  });
});

/** A calendar that counts the working days it is asked to walk, and refuses to walk more than a working year. */
class CountingCalendar extends WorkingCalendar {
  longestWalk = 0;
  override addWorkingDays(start: Date, n: number): Date {
    this.longestWalk = Math.max(this.longestWalk, n);
    if (n > 260) throw new Error(`walked ${n} working days`);
    return super.addWorkingDays(start, n);
  }
}

describe('validateSteps bounds (no policy can flood or stall the service)', () => {
  const one = (step: Partial<LadderStep>, rules = {}) =>
    validateSteps([{ after: 'PT0S', role: 'team_manager', ...step }], cal, rules);
  const fieldsOf = (step: Partial<LadderStep>, rules = {}) => one(step, rules).map((p) => p.field);

  it.each(['P366D', 'P52W', 'PT8784H', 'P260WD', 'P365DT23H59M59S'])('accepts after %s (a year at most)', (after) => {
    expect(fieldsOf({ after })).toEqual([]);
  });

  it.each(['P367D', 'P53W', 'PT8785H', 'P261WD', 'P366DT1S', 'P3000000WD', 'P99999999999999D'])(
    'refuses after %s, naming the limit',
    (after) => {
      const problems = one({ after });
      expect(problems.map((p) => p.field)).toEqual(['steps.0.after']);
      expect(problems[0].message).toMatch(/at most a year .* or 260 working days/);
    },
  );

  it('refuses P3000000WD without walking the calendar (the check is arithmetic, done first)', () => {
    const counting = new CountingCalendar();
    const steps = [
      { after: 'P3000000WD', role: 'team_manager', repeatEvery: 'P3000000WD' },
      { after: 'P3000001WD', role: 'director' },
    ];
    expect(
      validateSteps(steps, counting)
        .map((p) => p.field)
        .sort(),
    ).toEqual(['steps.0.after', 'steps.0.repeatEvery', 'steps.1.after']);
    expect(counting.longestWalk).toBe(0);
  });

  it.each(['PT59M', 'PT0.001S', 'PT1S', 'PT59M59S'])(
    'refuses repeatEvery %s: shorter than MIN_REPEAT_EVERY (PT1H)',
    (r) => {
      const problems = one({ repeatEvery: r });
      expect(problems.map((p) => p.field)).toEqual(['steps.0.repeatEvery']);
      expect(problems[0].message).toMatch(/at least PT1H/);
    },
  );

  it.each(['PT1H', 'PT90M', 'P1D', 'P1WD', 'P1W', 'P366D', 'P260WD'])('accepts repeatEvery %s', (repeatEvery) => {
    expect(fieldsOf({ repeatEvery })).toEqual([]);
  });

  it.each(['P367D', 'P261WD', 'P3000000WD'])('refuses repeatEvery %s: longer than a year', (repeatEvery) => {
    expect(fieldsOf({ repeatEvery })).toEqual(['steps.0.repeatEvery']);
  });

  it('follows the configured minimum: lowered for drills, a working-day repeat counted as a day', () => {
    expect(fieldsOf({ repeatEvery: 'PT1S' }, { minRepeatEveryMs: 1000 })).toEqual([]);
    expect(fieldsOf({ repeatEvery: 'PT0.5S' }, { minRepeatEveryMs: 1000 })).toEqual(['steps.0.repeatEvery']);
    expect(one({ repeatEvery: 'PT0.5S' }, { minRepeatEveryMs: 1000 })[0].message).toMatch(/at least PT1S/);
    expect(fieldsOf({ repeatEvery: 'P1WD' }, { minRepeatEveryMs: 86_400_000 })).toEqual([]);
    expect(fieldsOf({ repeatEvery: 'PT23H' }, { minRepeatEveryMs: 86_400_000 })).toEqual(['steps.0.repeatEvery']);
  });

  const durationLike = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc
      .tuple(
        fc.constantFrom('P', 'PT', 'P1W', 'P1DT', ''),
        fc.oneof(fc.nat(), fc.bigInt({ min: 0n, max: 10n ** 40n }).map(String), fc.stringMatching(/^[0-9.]{0,45}$/)),
        fc.constantFrom('WD', 'D', 'W', 'H', 'M', 'S', 'Y', '', 'WDT1H'),
      )
      .map(([a, n, u]) => `${a}${n}${u}`),
  );

  it('finishes quickly and never throws for any after or repeatEvery, walking at most a working year', () => {
    const counting = new CountingCalendar();
    fc.assert(
      fc.property(durationLike, durationLike, (after, repeatEvery) => {
        const t = performance.now();
        const problems = validateSteps([{ after, role: 'director', repeatEvery }], counting);
        expect(performance.now() - t).toBeLessThan(250);
        expect(Array.isArray(problems)).toBe(true);
      }),
      { numRuns: 500 },
    );
    expect(counting.longestWalk).toBeLessThanOrEqual(260);
  });

  it('refuses every working-day count above 260 and every fixed length above 366 days, however large', () => {
    const huge = fc.bigInt({ min: 1n, max: 10n ** 30n });
    fc.assert(
      fc.property(huge, (n) => {
        expect(fieldsOf({ after: `P${260n + n}WD` })).toEqual(['steps.0.after']);
        expect(fieldsOf({ after: `P${366n + n}D` })).toEqual(['steps.0.after']);
        expect(fieldsOf({ after: `PT${8784n + n}H` })).toEqual(['steps.0.after']);
        expect(fieldsOf({ repeatEvery: `P${260n + n}WD` })).toEqual(['steps.0.repeatEvery']);
      }),
    );
  });
});

describe('currentStep', () => {
  it('is the latest row already due, or null before the first', () => {
    const rows = planInitialSteps(adult.steps, at('2026-01-09T16:00:00Z'), cal);
    expect(currentStep(rows, at('2026-01-09T15:59:00Z'))).toBeNull();
    expect(currentStep(rows, at('2026-01-09T16:00:00Z'))!.role).toBe('pa');
    expect(currentStep(rows, at('2026-01-13T17:00:00Z'))!.role).toBe('head_of_service');
    expect(currentStep(rows, at('2026-02-01T00:00:00Z'))!.stepIndex).toBe(5);
  });
});

describe('policyApplies', () => {
  const stay = { ageYears: 18, accommodationCode: 'W', suitable: false, pregnantOrParent: false };

  it.each<[string, StoredAppliesTo, Partial<typeof stay>, boolean]>([
    ['an empty appliesTo matches any stay', {}, { suitable: true, accommodationCode: 'U' }, true],
    ['minAge is inclusive', { minAge: 18 }, { ageYears: 18 }, true],
    ['below minAge does not match', { minAge: 18 }, { ageYears: 17 }, false],
    ['maxAge is inclusive', { maxAge: 17 }, { ageYears: 17 }, true],
    ['above maxAge does not match', { maxAge: 17 }, { ageYears: 18 }, false],
    ['unsuitableOnly matches an unsuitable stay', { unsuitableOnly: true }, { suitable: false }, true],
    ['unsuitableOnly skips a suitable stay', { unsuitableOnly: true }, { suitable: true }, false],
    ['unsuitableOnly false does not restrict', { unsuitableOnly: false }, { suitable: true }, true],
    ['a listed code matches', { accommodationCodes: ['V', 'W'] }, { accommodationCode: 'W' }, true],
    ['an unlisted code does not match', { accommodationCodes: ['V', 'W'] }, { accommodationCode: 'D' }, false],
    ['an empty code list does not restrict', { accommodationCodes: [] }, { accommodationCode: 'D' }, true],
    ['pregnantOrParent matches a parent', { pregnantOrParent: true }, { pregnantOrParent: true }, true],
    ['pregnantOrParent skips others', { pregnantOrParent: true }, { pregnantOrParent: false }, false],
    [
      'nulls from storage mean "not set"',
      { minAge: null, maxAge: null, accommodationCodes: null, unsuitableOnly: null },
      { ageYears: 40 },
      true,
    ],
    [
      'every condition must hold',
      { minAge: 18, accommodationCodes: ['W'], unsuitableOnly: true },
      { accommodationCode: 'W', suitable: true },
      false,
    ],
  ])('%s', (_name, appliesTo, overrides, expected) => {
    expect(policyApplies(appliesTo, { ...stay, ...overrides })).toBe(expected);
  });

  it.each<[string, Partial<typeof stay>, string[]]>([
    ['17 in B&B', { ageYears: 17, accommodationCode: 'W' }, ['under-18-unsuitable']],
    ['18 in B&B', { ageYears: 18, accommodationCode: 'W' }, ['adult-emergency-accommodation']],
    [
      '18 parent in B&B',
      { accommodationCode: 'W', pregnantOrParent: true },
      ['adult-emergency-accommodation', 'parent-bnb-six-weeks'],
    ],
    [
      '18 parent in B&B marked suitable',
      { accommodationCode: 'W', pregnantOrParent: true, suitable: true },
      ['parent-bnb-six-weeks'],
    ],
    ['18 in an emergency hostel', { accommodationCode: 'V' }, ['adult-emergency-accommodation']],
    ['18 homeless', { accommodationCode: 'S' }, ['adult-emergency-accommodation']],
    ['18 in custody', { accommodationCode: 'X' }, []],
    ['21 in own tenancy', { ageYears: 21, accommodationCode: 'U', suitable: true }, []],
  ])('default policies for %s', (_name, overrides, keys) => {
    expect(
      DEFAULT_POLICIES.filter((p) => policyApplies(currentDefault(p).appliesTo, { ...stay, ...overrides })).map(
        (p) => p.key,
      ),
    ).toEqual(keys);
  });
});

describe('mayAcknowledge', () => {
  const ladder = ['team_manager', 'service_manager', 'head_of_service', 'director'] as const;
  const others = ['admin', 'housing_officer', 'pa'] as const;
  const pa = 'pa-1';

  it('lets a rung of the ladder acknowledge its own steps and those below it, never those above', () => {
    fc.assert(
      fc.property(fc.nat(ladder.length - 1), fc.nat(ladder.length - 1), (actor, step) => {
        expect(mayAcknowledge({ id: 'u', role: ladder[actor] }, ladder[step], pa)).toBe(actor >= step);
      }),
    );
  });

  it('never lets an administrator, housing officer or PA acknowledge a manager’s step', () => {
    for (const role of others)
      for (const step of ladder) expect(mayAcknowledge({ id: pa, role }, step, pa)).toBe(false);
  });

  it('lets the allocated PA or any manager acknowledge a step addressed to the PA, and nobody else', () => {
    expect(mayAcknowledge({ id: pa, role: 'pa' }, 'pa', pa)).toBe(true);
    expect(mayAcknowledge({ id: 'pa-2', role: 'pa' }, 'pa', pa)).toBe(false);
    for (const role of ladder) expect(mayAcknowledge({ id: 'm', role }, 'pa', pa)).toBe(true);
    expect(mayAcknowledge({ id: 'a', role: 'admin' }, 'pa', pa)).toBe(false);
    expect(mayAcknowledge({ id: 'h', role: 'housing_officer' }, 'pa', pa)).toBe(false);
  });
});
