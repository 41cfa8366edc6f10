/**
 * The hard rules of matching: which beds may never be offered or held for this young person and
 * request, and why (every broken rule, not just the first). Runs for every bed on every match
 * (~50,000 beds a call): straight-line checks, and Reasons shared between beds.
 */
import { ACCOMMODATION } from './accommodation';
import type { MatchBed, MatchPerson, MatchRequest, Reason } from './matching-model';
import { areaKey, prepareForRules, type Prepared4Rules } from './matching-prepare';

/**
 * Hard rules, in the order their reasons are listed. A bed breaking any of them is never offered
 * or held.
 * - `age_range_bed`, `age_range_level`: age on the move-in date within the bed's / level's range.
 * - `ofsted_registration`: under 18 and the provider has no Ofsted URN.
 * - `unsuitable_for_under_18`: under 18 and the level is W (B&B / hotel), V (emergency hostel,
 *   night shelter) or T (foyer).
 * - `never_placeable`: the level is S (no fixed abode) or X (custody): these are not placements.
 * - `under_18_only`, `over_18_only`: the bed's flags.
 * - `gender`: a female / male bed takes only a young person of that gender; an 'any' bed takes
 *   everyone. A young person whose gender is non_binary or other is offered 'any' beds only: the
 *   matcher does not guess where a single-sex bed would suit, and the exclusion shows the officer
 *   why, so they can discuss it with the young person and the provider.
 * - `fire_risk`, `sexual_harm_risk`: the risk is flagged and the bed does not accept it.
 * - `step_free`, `pets`: needed / has one, and the bed does not offer it.
 * - `availability`: status must be 'available' and `availableFrom` (if set) on or before move-in.
 * - `area_to_avoid`: the provider's area is one of the young person's areas to avoid
 *   (trimmed, case-insensitive).
 * - `service_level_not_requested`: the request names service levels and this bed's is not one.
 */
export const HARD_RULES = [
  'age_range_bed',
  'age_range_level',
  'ofsted_registration',
  'unsuitable_for_under_18',
  'never_placeable',
  'under_18_only',
  'over_18_only',
  'gender',
  'fire_risk',
  'sexual_harm_risk',
  'step_free',
  'pets',
  'availability',
  'area_to_avoid',
  'service_level_not_requested',
] as const;
export type HardRule = (typeof HARD_RULES)[number];

const lateFrom = (p: Prepared4Rules, bed: MatchBed) =>
  bed.availableFrom !== null && bed.availableFrom > p.moveIn ? bed.availableFrom : null;
const bit = (rule: HardRule) => 1 << HARD_RULES.indexOf(rule);

/**
 * The hard rules as one bit each (bit i = HARD_RULES[i] broken): straight-line checks with no
 * allocation, because this runs for every bed on every match.
 */
function brokenMask(p: Prepared4Rules, b: MatchBed): number {
  const { age, under18 } = p;
  const level = b.level;
  const code = level.accommodationCode;
  let m = 0;
  if (age < b.minAge || age > b.maxAge) m |= BIT.age_range_bed;
  if (age < level.minAge || age > level.maxAge) m |= BIT.age_range_level;
  if (under18 && !(b.provider.ofstedUrn && b.provider.ofstedUrn.trim())) m |= BIT.ofsted_registration;
  if (under18 && ACCOMMODATION[code].neverSuitableUnder18) m |= BIT.unsuitable_for_under_18;
  if (ACCOMMODATION[code].notAPlacement) m |= BIT.never_placeable;
  if (b.under18Only && !under18) m |= BIT.under_18_only;
  if (b.over18Only && under18) m |= BIT.over_18_only;
  if (b.gender !== 'any' && b.gender !== p.gender) m |= BIT.gender;
  if (p.fire && !b.acceptsFireRisk) m |= BIT.fire_risk;
  if (p.sexualHarm && !b.acceptsSexualHarmRisk) m |= BIT.sexual_harm_risk;
  if (p.stepFree && !b.stepFree) m |= BIT.step_free;
  if (p.pet && !b.petsAllowed) m |= BIT.pets;
  if (b.status !== 'available' || (b.availableFrom !== null && b.availableFrom > p.moveIn)) m |= BIT.availability;
  if (p.avoid.size > 0 && p.avoid.has(areaKey(p, b.provider.area))) m |= BIT.area_to_avoid;
  if (p.levels !== null && !p.levels.has(level.id)) m |= BIT.service_level_not_requested;
  return m;
}

const BIT = Object.fromEntries(HARD_RULES.map((r) => [r, bit(r)])) as Record<HardRule, number>;

/**
 * How each broken rule is explained: the bed values its reason is made from (`k1`, `k2`: beds that
 * agree on them share one Reason object) and the human detail. In HARD_RULES order.
 */
const EXPLAIN: Readonly<
  Record<
    HardRule,
    {
      k1?: (p: Prepared4Rules, b: MatchBed) => unknown;
      k2?: (p: Prepared4Rules, b: MatchBed) => unknown;
      detail: (p: Prepared4Rules, b: MatchBed) => string;
    }
  >
> = {
  age_range_bed: {
    k1: (_, b) => b.minAge,
    k2: (_, b) => b.maxAge,
    detail: (p, b) => `${p.agedOn}; this bed takes ${b.minAge}–${b.maxAge}`,
  },
  age_range_level: {
    k1: (_, b) => b.level.minAge,
    k2: (_, b) => b.level.maxAge,
    detail: (p, b) => `${p.agedOn}; this service level takes ${b.level.minAge}–${b.level.maxAge}`,
  },
  ofsted_registration: {
    detail: (p) => `${p.agedOn}; under-18s need an Ofsted-registered provider and this provider has no Ofsted URN`,
  },
  unsuitable_for_under_18: {
    k1: (_, b) => b.level.accommodationCode,
    detail: (p, b) =>
      `${p.agedOn}; ${b.level.accommodationCode} (${ACCOMMODATION[b.level.accommodationCode].short}) is never suitable for under-18s`,
  },
  never_placeable: {
    k1: (_, b) => b.level.accommodationCode,
    detail: (_, b) =>
      `Service level coded ${b.level.accommodationCode} (${ACCOMMODATION[b.level.accommodationCode].short}) is not a placement`,
  },
  under_18_only: { detail: (p) => `${p.agedOn}; this bed is for under-18s only` },
  over_18_only: { detail: (p) => `${p.agedOn}; this bed is for over-18s only` },
  gender: {
    k1: (_, b) => b.gender,
    detail: (p, b) =>
      p.gender === 'female' || p.gender === 'male'
        ? `This bed is ${b.gender}-only; the young person is ${p.gender}`
        : `This bed is ${b.gender}-only; a young person whose gender is ${p.gender} is offered 'any'-gender beds only`,
  },
  fire_risk: { detail: () => 'Fire-setting risk flagged; this bed does not accept fire-setting risk' },
  sexual_harm_risk: { detail: () => 'Sexual-harm risk flagged; this bed does not accept sexual-harm risk' },
  step_free: { detail: () => 'Needs step-free access; this bed is not step-free' },
  pets: { detail: () => 'Has a pet; this bed does not allow pets' },
  availability: {
    k1: (_, b) => b.status,
    k2: lateFrom,
    detail: (p, b) => {
      const from = lateFrom(p, b);
      const notAvailable = `Bed is ${b.status.replace('_', ' ')}, not available`;
      const late = `available from ${from}, after the move-in date ${p.moveIn}`;
      if (from === null) return notAvailable;
      return b.status === 'available' ? `Only ${late}` : `${notAvailable}; ${late}`;
    },
  },
  area_to_avoid: {
    k1: (_, b) => b.provider.area,
    detail: (_, b) => `Provider is in ${b.provider.area}, one of the young person's areas to avoid`,
  },
  service_level_not_requested: {
    k1: (_, b) => b.level.id,
    detail: (_, b) => `Service level ${b.level.id} is not among the requested service levels`,
  },
};

/** The broken hard rules, in HARD_RULES order; null when there are none (no array allocated). */
export function violations(p: Prepared4Rules, bed: MatchBed): Reason[] | null {
  const m = brokenMask(p, bed);
  if (m === 0) return null;
  const out: Reason[] = [];
  for (let i = 0; i < HARD_RULES.length; i++) {
    if (!(m & (1 << i))) continue;
    const rule = HARD_RULES[i];
    const e = EXPLAIN[rule];
    out.push(
      p.pool.get(rule, e.k1 ? e.k1(p, bed) : null, e.k2 ? e.k2(p, bed) : null, 'excluded', () => e.detail(p, bed)),
    );
  }
  return out;
}

/** The broken hard rules as a bit mask (bit i = HARD_RULES[i]); 0 when none is broken. */
export const brokenRules = (p: Prepared4Rules, bed: MatchBed): number => brokenMask(p, bed);

/** Every hard rule this bed breaks for this young person and request; empty = may be offered / held. */
export function hardRuleViolations(person: MatchPerson, request: MatchRequest, bed: MatchBed, today: string): Reason[] {
  return violations(prepareForRules(person, request, today), bed) ?? [];
}
