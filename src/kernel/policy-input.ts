/**
 * What an escalation policy may say, checked before anything is written: who it applies to (an
 * object with known keys only), its ladder (see `validateSteps`) and how far ahead an
 * acknowledgement may set its review date. Plain functions, no framework; every check is bounded,
 * so no input can keep the event loop busy.
 */
import { ACCOMMODATION_CODES } from './accommodation';
import type { DurationLimit } from './duration';
import {
  checkDuration,
  validateSteps,
  type FieldProblem,
  type LadderStep,
  type PolicyAppliesTo,
  type StepRules,
} from './ladder';
import type { WorkingCalendar } from './working-days';

/** The keys `appliesTo` may have; anything else is refused, never stored. */
export const APPLIES_TO_KEYS = [
  'minAge',
  'maxAge',
  'accommodationCodes',
  'unsuitableOnly',
  'pregnantOrParent',
] as const;
/** The ages a policy may name (care leavers are supported from 16 to 25). */
export const POLICY_MIN_AGE = 16;
export const POLICY_MAX_AGE = 25;
export const MAX_ACCOMMODATION_CODES = 16;

/** How far ahead a review date may be when a policy does not say (the 16-17 ladder says P1WD). */
export const DEFAULT_MAX_REVIEW_AFTER = 'P5WD';
/** The most a policy may allow between an acknowledgement and its review: four weeks. */
export const MAX_REVIEW_AFTER_LIMIT: DurationLimit = {
  maxFixedMs: 28 * 86_400_000,
  maxWorkingDays: 20,
  text: 'at most four weeks (P4W) or 20 working days (P20WD)',
};

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function checkAge(value: unknown, field: string): FieldProblem | null {
  if (value === null) return { field, message: 'must not be null (leave it out for any age)' };
  if (!Number.isInteger(value) || (value as number) < POLICY_MIN_AGE || (value as number) > POLICY_MAX_AGE)
    return { field, message: `must be a whole number from ${POLICY_MIN_AGE} to ${POLICY_MAX_AGE}` };
  return null;
}

function checkFlag(value: unknown, field: string): FieldProblem | null {
  if (value === null) return { field, message: 'must not be null (leave it out for either)' };
  return typeof value === 'boolean' ? null : { field, message: 'must be true or false' };
}

function checkCodes(value: unknown, field: string): FieldProblem | null {
  if (value === null) return { field, message: 'must not be null (leave it out for any accommodation)' };
  if (!Array.isArray(value) || value.length > MAX_ACCOMMODATION_CODES)
    return { field, message: `must be a list of at most ${MAX_ACCOMMODATION_CODES} SSDA903 accommodation codes` };
  const known: readonly unknown[] = ACCOMMODATION_CODES;
  if (!value.every((c) => known.includes(c)))
    return { field, message: `must list only SSDA903 accommodation codes (${ACCOMMODATION_CODES.join(', ')})` };
  if (new Set(value).size !== value.length) return { field, message: 'must not list a code twice' };
  return null;
}

/**
 * Which stays a policy governs, as sent: an object (not a list, not null) with only the known keys;
 * ages whole numbers from 16 to 25, `minAge` not above `maxAge`; known accommodation codes, each
 * once; true/false flags. A null is never "not set": leave the key out.
 */
export function validateAppliesTo(value: unknown, field = 'appliesTo'): FieldProblem[] {
  if (!isPlainObject(value))
    return [{ field, message: `must be an object with only ${APPLIES_TO_KEYS.join(', ')} (each optional)` }];
  const problems: FieldProblem[] = [];
  const known: readonly string[] = APPLIES_TO_KEYS;
  for (const key of Object.keys(value))
    if (!known.includes(key)) problems.push({ field: `${field}.${key}`, message: 'is not a known field' });
  const checks: [string, (v: unknown, f: string) => FieldProblem | null][] = [
    ['minAge', checkAge],
    ['maxAge', checkAge],
    ['accommodationCodes', checkCodes],
    ['unsuitableOnly', checkFlag],
    ['pregnantOrParent', checkFlag],
  ];
  for (const [key, check] of checks) {
    if (!(key in value) || value[key] === undefined) continue;
    const problem = check(value[key], `${field}.${key}`);
    if (problem) problems.push(problem);
  }
  const { minAge, maxAge } = value;
  if (problems.length === 0 && typeof minAge === 'number' && typeof maxAge === 'number' && minAge > maxAge)
    problems.push({ field: `${field}.maxAge`, message: 'maxAge must not be below minAge' });
  return problems;
}

/** `maxReviewAfter`: a duration longer than zero and at most four weeks or 20 working days. */
export function validateMaxReviewAfter(value: unknown, field = 'maxReviewAfter'): FieldProblem[] {
  const d = checkDuration(value, field, { limit: MAX_REVIEW_AFTER_LIMIT, positive: true, example: 'P1W, P3D' });
  return 'field' in d ? [d] : [];
}

/** A policy's content as a PATCH or POST leaves it. */
export interface PolicyContent {
  name: string;
  active: boolean;
  appliesTo: PolicyAppliesTo;
  steps: LadderStep[];
  maxReviewAfter: string;
}

/**
 * Everything wrong with a policy's content, each naming its field; empty when it may be written.
 * Only the fields given are checked: a PATCH checks what it sends, so a policy written under older
 * rules can still be renamed or retired.
 */
export function validatePolicyContent(
  content: { appliesTo?: unknown; steps?: LadderStep[]; maxReviewAfter?: unknown; active?: unknown },
  cal: WorkingCalendar,
  rules: StepRules = {},
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (content.appliesTo !== undefined) problems.push(...validateAppliesTo(content.appliesTo));
  if (content.active !== undefined && typeof content.active !== 'boolean')
    problems.push({ field: 'active', message: 'must be true or false' });
  if (content.steps !== undefined) problems.push(...validateSteps(content.steps, cal, rules));
  if (content.maxReviewAfter !== undefined) problems.push(...validateMaxReviewAfter(content.maxReviewAfter));
  return problems;
}

/** JSON with object keys sorted and unset (null) members left out, so equal values compare equal whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isPlainObject(value))
    return `{${Object.keys(value)
      .filter((k) => value[k] !== undefined && value[k] !== null)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  return JSON.stringify(value ?? null);
}

/** A step as it is compared: an absent repeat and a null one are the same. */
const comparableSteps = (steps: LadderStep[]) =>
  steps.map((s) => ({ after: s.after, role: s.role, repeatEvery: s.repeatEvery ?? null }));

/** True when two versions of a policy say the same thing (a PATCH that changes nothing writes nothing). */
export function samePolicyContent(a: PolicyContent, b: PolicyContent): boolean {
  return (
    a.name === b.name &&
    a.active === b.active &&
    a.maxReviewAfter === b.maxReviewAfter &&
    canonical(a.appliesTo) === canonical(b.appliesTo) &&
    canonical(comparableSteps(a.steps)) === canonical(comparableSteps(b.steps))
  );
}
