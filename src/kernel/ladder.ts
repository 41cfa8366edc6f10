/**
 * The escalation ladder as plain data and functions: validate a policy's steps, plan when each step
 * falls due for a stay, compute the next occurrence of a repeating step, and match a policy to a stay.
 * No framework, no database: the service persists PlannedStep rows and fires them.
 */
import { isAtLeast, MANAGER_LADDER, MANAGERS, type Role } from './roles';
import {
  exceedsLimit,
  isDurationSyntax,
  isPositiveDuration,
  nominalMs,
  parseDuration,
  type Duration,
  type DurationLimit,
} from './duration';
import { withinOfficeHours, type OfficeHours } from './office-hours';
import { dueAfter, WorkingCalendar } from './working-days';

/** A step's life: due later, fired and waiting, acknowledged, or ended with its stay (before / after firing). */
export const ESCALATION_STATUSES = ['scheduled', 'open', 'acknowledged', 'cancelled', 'closed'] as const;
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];

/** One rung: `after` (and `repeatEvery`) are ISO-8601 durations (`PT0S`, `PT4H`, `P3D`) or working days (`P2WD`). */
export interface LadderStep {
  after: string;
  role: string;
  repeatEvery?: string | null;
}
/** One escalation row of a stay: occurrence 0 is the step itself, 1, 2… its repeats. */
export interface PlannedStep {
  stepIndex: number;
  occurrence: number;
  role: string;
  dueAt: Date;
}

/** Which stays a policy governs; every field is optional and an absent one does not restrict. */
export interface PolicyAppliesTo {
  minAge?: number;
  maxAge?: number;
  accommodationCodes?: string[];
  unsuitableOnly?: boolean;
  pregnantOrParent?: boolean;
}
/** The same, as it may come back from JSON storage (null meaning "not set"). */
export type StoredAppliesTo = { [K in keyof PolicyAppliesTo]?: PolicyAppliesTo[K] | null };
/** What a policy is matched against: the stay as it starts. */
export interface StayFacts {
  ageYears: number;
  accommodationCode: string;
  suitable: boolean;
  pregnantOrParent: boolean;
}

/** Who a step may alert: the management ladder plus `pa`, the young person's allocated Personal Adviser. */
export const LADDER_ROLES: readonly string[] = [...MANAGER_LADDER, 'pa'];
export const MAX_STEPS = 50;
/** Steps are checked for order by their due times from this instant (a Monday 09:00 GMT, no holidays near). */
export const ORDER_REFERENCE_START = new Date('2026-01-05T09:00:00Z');

export interface FieldProblem {
  field: string;
  message: string;
}

const DAY_MS = 86_400_000;
/** The latest a step may fall due after the clock starts: a year, or a working year. */
export const STEP_AFTER_LIMIT: DurationLimit = {
  maxFixedMs: 366 * DAY_MS,
  maxWorkingDays: 260,
  text: 'at most a year (P366D) or 260 working days (P260WD)',
};
/** The longest gap between repeats of a step: the same year. */
export const REPEAT_EVERY_LIMIT: DurationLimit = STEP_AFTER_LIMIT;
/** The shortest repeat when the caller does not say (MIN_REPEAT_EVERY's default, PT1H). */
export const DEFAULT_MIN_REPEAT_EVERY_MS = 3_600_000;

export interface StepRules {
  /** The shortest repeat allowed (config `minRepeatEveryMs`); a working-day repeat counts as 24 h a day. */
  minRepeatEveryMs?: number;
}

/**
 * A duration field's problem, or its parsed value. Every check here is constant-time, so a value
 * that passes is bounded by `limit` before anyone does working-day arithmetic with it.
 */
export function checkDuration(
  text: unknown,
  field: string,
  rules: { limit: DurationLimit; positive?: boolean; minMs?: number; example: string },
): FieldProblem | Duration {
  const d = typeof text === 'string' ? parseDuration(text) : null;
  if (!d && isDurationSyntax(text)) return { field, message: `must be ${rules.limit.text}` }; // too large to read
  if (!d)
    return { field, message: `must be an ISO-8601 duration such as ${rules.example} or working days such as P2WD` };
  if (rules.positive && !isPositiveDuration(d)) return { field, message: 'must be longer than zero' };
  if (exceedsLimit(d, rules.limit)) return { field, message: `must be ${rules.limit.text}` };
  if (rules.minMs !== undefined && nominalMs(d) < rules.minMs)
    return { field, message: `must be at least ${describeMs(rules.minMs)} (MIN_REPEAT_EVERY)` };
  return d;
}

const isProblem = (v: FieldProblem | Duration): v is FieldProblem => 'field' in v;

/** A length in milliseconds as an ISO-8601 time duration (PT1H, PT90S, PT0.5S). */
function describeMs(ms: number): string {
  if (ms % 3_600_000 === 0) return `PT${ms / 3_600_000}H`;
  if (ms % 60_000 === 0) return `PT${ms / 60_000}M`;
  return `PT${ms / 1000}S`;
}

/**
 * A ladder's problems, each naming its field (`steps.2.repeatEvery`): 1 to MAX_STEPS steps; each a
 * ladder role; `after` at most a year or 260 working days; `repeatEvery` (optional) longer than zero,
 * at least `minRepeatEveryMs` and at most a year; steps in the order they fall due. Bounded work for
 * any input: lengths are checked before any step is compared by its due time.
 */
export function validateSteps(
  steps: LadderStep[],
  cal: WorkingCalendar = new WorkingCalendar(),
  rules: StepRules = {},
): FieldProblem[] {
  if (!Array.isArray(steps)) return [{ field: 'steps', message: 'must be a list of steps' }];
  if (steps.length === 0) return [{ field: 'steps', message: 'must have at least one step' }];
  if (steps.length > MAX_STEPS) return [{ field: 'steps', message: `must have at most ${MAX_STEPS} steps` }];

  const problems: FieldProblem[] = [];
  let previous: { index: number; dueAt: number } | null = null;
  steps.forEach((step, i) => {
    const at = `steps.${i}`;
    if (typeof step !== 'object' || step === null || Array.isArray(step)) {
      problems.push({ field: at, message: 'must be an object {after, role, repeatEvery?}' });
      return;
    }
    if (typeof step.role !== 'string' || !LADDER_ROLES.includes(step.role)) {
      problems.push({ field: `${at}.role`, message: `must be one of ${LADDER_ROLES.join(', ')}` });
    }
    if (step.repeatEvery !== undefined && step.repeatEvery !== null) {
      const repeat = checkDuration(step.repeatEvery, `${at}.repeatEvery`, {
        limit: REPEAT_EVERY_LIMIT,
        positive: true,
        minMs: rules.minRepeatEveryMs ?? DEFAULT_MIN_REPEAT_EVERY_MS,
        example: 'PT4H, P1D',
      });
      if (isProblem(repeat)) problems.push(repeat);
    }
    const after = checkDuration(step.after, `${at}.after`, { limit: STEP_AFTER_LIMIT, example: 'PT0S, PT4H, P3D' });
    if (isProblem(after)) {
      problems.push(after);
      return;
    }
    const dueAt = dueAfter(ORDER_REFERENCE_START, after, cal).getTime();
    if (previous && dueAt < previous.dueAt) {
      problems.push({
        field: `${at}.after`,
        message: `must not come before steps.${previous.index}.after (steps are in order of when they fall due)`,
      });
    }
    previous = { index: i, dueAt };
  });
  return problems;
}

function mustParse(text: string, field: string): Duration {
  const d = parseDuration(text);
  if (!d) throw new RangeError(`${field} is not a duration: ${JSON.stringify(text)}`);
  return d;
}

/**
 * When a step is due `d` after `from`: a step counted in working days falls due within office
 * hours (the next opening if it would land outside them); hours and days keep their exact time.
 */
export function stepDueAfter(from: Date, d: Duration, cal: WorkingCalendar, hours?: OfficeHours): Date {
  const due = dueAfter(from, d, cal);
  return d.kind === 'working_days' && hours ? withinOfficeHours(due, cal, hours) : due;
}

/** One row per step (occurrence 0), due `after` the start of the stay. Steps must have passed validateSteps. */
export function planInitialSteps(
  steps: LadderStep[],
  startedAt: Date,
  cal: WorkingCalendar,
  hours?: OfficeHours,
): PlannedStep[] {
  return steps.map((step, stepIndex) => ({
    stepIndex,
    occurrence: 0,
    role: step.role,
    dueAt: stepDueAfter(startedAt, mustParse(step.after, `steps.${stepIndex}.after`), cal, hours),
  }));
}

/**
 * The row after `previous` for a repeating step, or null when it does not repeat. It falls due
 * `repeatEvery` after the previous row, or after `notBefore` when that is later: missed repeats
 * (a stay recorded late, a service that was down) are never replayed, the next is planned from now.
 */
export function nextOccurrence(
  step: LadderStep,
  stepIndex: number,
  previous: PlannedStep,
  cal: WorkingCalendar,
  opts: { notBefore?: Date; hours?: OfficeHours } = {},
): PlannedStep | null {
  if (step.repeatEvery === undefined || step.repeatEvery === null) return null;
  const every = mustParse(step.repeatEvery, `steps.${stepIndex}.repeatEvery`);
  if (!isPositiveDuration(every)) throw new RangeError(`steps.${stepIndex}.repeatEvery must be longer than zero`);
  return {
    stepIndex,
    occurrence: previous.occurrence + 1,
    role: step.role,
    dueAt: stepDueAfter(
      opts.notBefore && opts.notBefore.getTime() > previous.dueAt.getTime() ? opts.notBefore : previous.dueAt,
      every,
      cal,
      opts.hours,
    ),
  };
}

/** The rung a stay has reached at `now`: the latest-due row with dueAt <= now (ties: the later step), or null before the first. */
export function currentStep(rows: readonly PlannedStep[], now: Date): PlannedStep | null {
  let best: PlannedStep | null = null;
  for (const row of rows) {
    if (row.dueAt.getTime() > now.getTime()) continue;
    if (
      !best ||
      row.dueAt.getTime() > best.dueAt.getTime() ||
      (row.dueAt.getTime() === best.dueAt.getTime() && row.stepIndex >= best.stepIndex)
    ) {
      best = row;
    }
  }
  return best;
}

/**
 * Does a policy govern a stay that starts with these facts? Every condition that is set must hold:
 * minAge <= age <= maxAge (inclusive); unsuitableOnly → the stay is unsuitable; pregnantOrParent → the
 * young person is pregnant or a parent; accommodationCodes → the stay's code is listed. An empty
 * `accommodationCodes` list is treated as "not set" (any code), like an absent one.
 */
export function policyApplies(appliesTo: StoredAppliesTo, stay: StayFacts): boolean {
  const { minAge, maxAge, accommodationCodes, unsuitableOnly, pregnantOrParent } = appliesTo;
  if (minAge !== undefined && minAge !== null && stay.ageYears < minAge) return false;
  if (maxAge !== undefined && maxAge !== null && stay.ageYears > maxAge) return false;
  if (unsuitableOnly && stay.suitable) return false;
  if (pregnantOrParent && !stay.pregnantOrParent) return false;
  if (accommodationCodes && accommodationCodes.length > 0) {
    const code = stay.accommodationCode.trim().toUpperCase();
    if (!accommodationCodes.some((c) => c.trim().toUpperCase() === code)) return false;
  }
  return true;
}

/**
 * Who may acknowledge a fired step: whoever holds its role or a more senior rung of the management
 * ladder; a step addressed to the PA, the allocated PA or any manager.
 */
export function mayAcknowledge(actor: { id: string; role: Role }, stepRole: string, paUserId: string): boolean {
  if (stepRole === 'pa') return actor.id === paUserId || MANAGERS.includes(actor.role);
  return isAtLeast(actor.role, stepRole as Role);
}
