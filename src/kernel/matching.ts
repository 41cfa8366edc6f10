/**
 * Matching a young person to a bed: which beds may be offered (hard rules), how the rest rank
 * (soft preferences), and why. Plain functions over plain data: no framework, no database.
 *
 * - A bed that breaks any hard rule is excluded, with every broken rule listed (not just the
 *   first), so a housing officer sees all the reasons at once.
 * - Every other bed is a candidate whose score is the sum of its soft-preference reasons; every
 *   soft rule is always listed, with its contribution (which may be 0), so the score can be read
 *   off the reasons.
 * - The move-in date is the request's `neededBy`, or `today` when `neededBy` has already passed
 *   (an overdue request is matched for a move today). Age, age ranges, under/over-18 rules and
 *   `availableFrom` are all judged on that date.
 *
 * Built for ~50,000 beds per call: one linear pass, everything about the person and the request
 * (age, normalised areas, risk flags) worked out once per call, Reason objects shared between beds
 * that break or score a rule the same way, then one sort for each list.
 */
import { ageOn, isValidDate } from './dates';
import { ACCOMMODATION, type AccommodationCode } from './accommodation';
import { type BedStatus } from './inventory';

export interface MatchPerson {
  dateOfBirth: string;
  gender: string;
  uasc: boolean;
  homeArea: string | null;
  areasToAvoid: string[];
  needsServiceLevelRank: number | null;
  stepFreeNeeded: boolean;
  hasPet: boolean;
  risks: string[];
}
/** The matcher's view of a young person's record. */
export function toMatchPerson(y: {
  dateOfBirth: string;
  gender: string;
  uasc: boolean;
  homeArea?: string | null;
  areasToAvoid: string[];
  needsServiceLevelRank?: number | null;
  stepFreeNeeded: boolean;
  hasPet: boolean;
  risks: string[];
}): MatchPerson {
  return {
    dateOfBirth: y.dateOfBirth,
    gender: y.gender,
    uasc: y.uasc,
    homeArea: y.homeArea ?? null,
    areasToAvoid: y.areasToAvoid,
    needsServiceLevelRank: y.needsServiceLevelRank ?? null,
    stepFreeNeeded: y.stepFreeNeeded,
    hasPet: y.hasPet,
    risks: y.risks,
  };
}
export interface MatchRequest {
  urgency: 'emergency' | 'planned';
  neededBy: string /* YYYY-MM-DD */;
  serviceLevelIds: string[] | null;
  preferredAreas: string[];
}
export interface MatchLevel {
  id: string;
  rank: number;
  minAge: number;
  maxAge: number;
  supportHoursMin: number;
  supportHoursMax: number;
  emergency: boolean;
  accommodationCode: AccommodationCode;
  suitable: boolean;
}
export interface MatchProvider {
  id: string;
  area: string;
  ofstedUrn: string | null;
  ofstedCategory: string | null;
}
export interface MatchBed {
  id: string;
  label: string;
  status: BedStatus;
  minAge: number;
  maxAge: number;
  gender: 'any' | 'female' | 'male';
  stepFree: boolean;
  petsAllowed: boolean;
  acceptsFireRisk: boolean;
  acceptsSexualHarmRisk: boolean;
  uascSpecialist: boolean;
  under18Only: boolean;
  over18Only: boolean;
  availableFrom: string | null;
  level: MatchLevel;
  provider: MatchProvider;
}
/** `effect`: 'excluded' for a broken hard rule, or the score contribution of a soft rule. */
export interface Reason {
  rule: string;
  effect: 'excluded' | number;
  detail: string;
}
export interface Candidate {
  bedId: string;
  score: number;
  reasons: Reason[];
}
export interface Excluded {
  bedId: string;
  reasons: Reason[];
}

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

/** Soft rules, in the order their reasons are listed on a candidate. */
export const SOFT_RULES = [
  'level_fit',
  'home_area',
  'preferred_area',
  'uasc_specialism',
  'emergency_provision',
  'suitability',
] as const;
export type SoftRule = (typeof SOFT_RULES)[number];

/**
 * Soft-preference weights (whole numbers, so scores are exact integers).
 * - level_fit: `levelExact` when the level's rank equals the assessed rank (`needsServiceLevelRank`),
 *   minus `levelStepMoreSupport` per rank step towards more support (a lower rank; rank 1 = most
 *   support) and `levelStepLessSupport` per step towards less support: under-supporting someone is
 *   worse than over-supporting them. May go negative. No assessed rank: 0. Levels are ordered by
 *   their support-hours bands, so this is also the support-hours fit (a separate term would count
 *   it twice).
 * - home_area: `homeArea` when the provider is in the young person's home area (local connection).
 * - preferred_area: `preferredArea` when the provider is in one of the request's preferred areas.
 * - uasc_specialism: `uascSpecialistForUasc` for a UASC specialist bed and a UASC young person;
 *   `uascSpecialistForOthers` (a small minus, to keep scarce specialist beds free) for anyone else.
 * - emergency_provision: `emergencyForEmergency` for emergency provision on an emergency request;
 *   `emergencyForPlanned` for emergency provision on a planned move (meant for a few days only).
 * - suitability: `unsuitableLevel` when the level's default suitability is "unsuitable" (a stay
 *   there starts the escalation clock).
 */
export const WEIGHTS = Object.freeze({
  levelExact: 40,
  levelStepMoreSupport: 10,
  levelStepLessSupport: 20,
  homeArea: 15,
  preferredArea: 20,
  uascSpecialistForUasc: 25,
  uascSpecialistForOthers: -5,
  emergencyForEmergency: 10,
  emergencyForPlanned: -10,
  unsuitableLevel: -30,
});

// ---------------------------------------------------------------------------------------------
// Everything about the person and the request, worked out once per call.

interface Prepared {
  uasc: boolean;
  homeArea: string | null; // normalised
  homeAreaText: string | null;
  preferred: Set<string>; // normalised
  preferredText: string;
  needsRank: number | null;
  emergency: boolean;
  /** normalised area for each raw provider area seen: a few distinct values over many beds */
  areaKeys: Map<string, string>;
  pool: ReasonPool;
}

interface Prepared4Rules extends Prepared {
  moveIn: string;
  age: number;
  under18: boolean;
  agedOn: string; // "Aged 17 on 2026-12-01"
  gender: string; // normalised
  fire: boolean;
  sexualHarm: boolean;
  stepFree: boolean;
  pet: boolean;
  avoid: Set<string>; // normalised
  levels: Set<string> | null;
}

const norm = (s: string): string => s.trim().toLowerCase();

/**
 * Shared, frozen Reasons. Over thousands of beds the reasons repeat (same status, same level, same
 * area), so beds share one Reason object per distinct case instead of each allocating its own:
 * at 50,000 beds most of the cost is otherwise garbage collection. `k1`/`k2` must be exactly the
 * values the effect and detail are made from (the person and request are fixed for a pool's life).
 */
class ReasonPool {
  private readonly byRule = new Map<string, Map<unknown, Map<unknown, Reason>>>();
  get(rule: string, k1: unknown, k2: unknown, effect: Reason['effect'], detail: () => string): Reason {
    let byK1 = this.byRule.get(rule);
    if (byK1 === undefined) this.byRule.set(rule, (byK1 = new Map<unknown, Map<unknown, Reason>>()));
    let byK2 = byK1.get(k1);
    if (byK2 === undefined) byK1.set(k1, (byK2 = new Map<unknown, Reason>()));
    let reason = byK2.get(k2);
    if (reason === undefined) byK2.set(k2, (reason = Object.freeze<Reason>({ rule, effect, detail: detail() })));
    return reason;
  }
}

function prepare(person: MatchPerson, request: MatchRequest): Prepared {
  const homeAreaText = person.homeArea && person.homeArea.trim() ? person.homeArea.trim() : null;
  const preferred = request.preferredAreas.map((a) => a.trim()).filter((a) => a !== '');
  return {
    uasc: person.uasc,
    homeArea: homeAreaText === null ? null : norm(homeAreaText),
    homeAreaText,
    preferred: new Set(preferred.map(norm)),
    preferredText: preferred.join(', '),
    needsRank: person.needsServiceLevelRank,
    emergency: request.urgency === 'emergency',
    areaKeys: new Map(),
    pool: new ReasonPool(),
  };
}

function prepareForRules(person: MatchPerson, request: MatchRequest, today: string): Prepared4Rules {
  if (!isValidDate(request.neededBy))
    throw new RangeError(`neededBy is not a real date (YYYY-MM-DD): ${JSON.stringify(request.neededBy)}`);
  if (!isValidDate(today)) throw new RangeError(`today is not a real date (YYYY-MM-DD): ${JSON.stringify(today)}`);
  const moveIn = request.neededBy < today ? today : request.neededBy;
  const age = ageOn(person.dateOfBirth, moveIn);
  const risks = new Set(person.risks);
  return {
    ...prepare(person, request),
    moveIn,
    age,
    under18: age < 18,
    agedOn: `Aged ${age} on ${moveIn}`,
    gender: norm(person.gender),
    fire: risks.has('fire_setting'),
    sexualHarm: risks.has('sexual_harm'),
    stepFree: person.stepFreeNeeded,
    pet: person.hasPet,
    avoid: new Set(person.areasToAvoid.map(norm).filter((a) => a !== '')),
    levels: request.serviceLevelIds ? new Set(request.serviceLevelIds) : null,
  };
}

function areaKey(p: Prepared, area: string): string {
  let key = p.areaKeys.get(area);
  if (key === undefined) {
    key = norm(area);
    p.areaKeys.set(area, key);
  }
  return key;
}

// ---------------------------------------------------------------------------------------------
// Hard rules

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
function violations(p: Prepared4Rules, bed: MatchBed): Reason[] | null {
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

/** Counts the broken hard rules into `counts` without building reasons; false when none is broken. */
function countViolations(p: Prepared4Rules, bed: MatchBed, counts: Record<string, number>): boolean {
  const m = brokenMask(p, bed);
  if (m === 0) return false;
  for (let i = 0; i < HARD_RULES.length; i++)
    if (m & (1 << i)) counts[HARD_RULES[i]] = (counts[HARD_RULES[i]] ?? 0) + 1;
  return true;
}

/** Every hard rule this bed breaks for this young person and request; empty = may be offered / held. */
export function hardRuleViolations(person: MatchPerson, request: MatchRequest, bed: MatchBed, today: string): Reason[] {
  return violations(prepareForRules(person, request, today), bed) ?? [];
}

// ---------------------------------------------------------------------------------------------
// Soft preferences

function score(p: Prepared, bed: MatchBed): { score: number; reasons: Reason[] } {
  const w = WEIGHTS;
  const { rank, emergency, suitable, accommodationCode: code } = bed.level;
  const area = bed.provider.area;
  const key = areaKey(p, area);
  const needs = p.needsRank;
  /** The shared reason for `rule`, made from exactly the bed values k1 and k2. */
  const reason = (rule: SoftRule, k1: unknown, k2: unknown, effect: number, detail: () => string) =>
    p.pool.get(rule, k1, k2, effect, detail);

  let levelFit: Reason;
  if (needs === null) {
    levelFit = reason('level_fit', null, null, 0, () => 'No assessed support level; neutral');
  } else {
    const steps = Math.abs(rank - needs);
    const more = rank < needs;
    levelFit = reason(
      'level_fit',
      rank,
      null,
      w.levelExact - steps * (more ? w.levelStepMoreSupport : w.levelStepLessSupport),
      () =>
        steps === 0
          ? `Level rank ${rank} matches the assessed rank`
          : `Level rank ${rank} is ${steps} step${steps === 1 ? '' : 's'} ${more ? 'more' : 'less'} support than the assessed rank ${needs}`,
    );
  }

  const homeArea =
    p.homeArea === null
      ? reason('home_area', null, null, 0, () => 'No home area recorded')
      : key === p.homeArea
        ? reason('home_area', area, null, w.homeArea, () => `Provider in ${area}, the home area (local connection)`)
        : reason('home_area', area, null, 0, () => `Provider in ${area}; home area is ${p.homeAreaText}`);

  const preferredArea =
    p.preferred.size === 0
      ? reason('preferred_area', null, null, 0, () => 'No preferred areas')
      : p.preferred.has(key)
        ? reason('preferred_area', area, null, w.preferredArea, () => `Provider in ${area}, a preferred area`)
        : reason('preferred_area', area, null, 0, () => `Provider in ${area}; preferred: ${p.preferredText}`);

  const uasc = !bed.uascSpecialist
    ? reason('uasc_specialism', false, null, 0, () =>
        p.uasc ? 'Not a UASC specialist bed' : 'Not a UASC specialist bed; not UASC',
      )
    : p.uasc
      ? reason(
          'uasc_specialism',
          true,
          null,
          w.uascSpecialistForUasc,
          () => 'UASC specialist bed for a UASC young person',
        )
      : reason(
          'uasc_specialism',
          true,
          null,
          w.uascSpecialistForOthers,
          () => 'UASC specialist bed, kept for UASC young people where possible',
        );

  const emergencyProvision = !emergency
    ? reason('emergency_provision', false, null, 0, () =>
        p.emergency ? 'Not emergency provision (emergency request)' : 'Not emergency provision (planned move)',
      )
    : p.emergency
      ? reason(
          'emergency_provision',
          true,
          null,
          w.emergencyForEmergency,
          () => 'Emergency provision for an emergency request',
        )
      : reason(
          'emergency_provision',
          true,
          null,
          w.emergencyForPlanned,
          () => 'Emergency provision, for a planned move',
        );

  const suitability = suitable
    ? reason('suitability', code, true, 0, () => `Suitable accommodation (903 code ${code})`)
    : reason(
        'suitability',
        code,
        false,
        w.unsuitableLevel,
        () => `Unsuitable accommodation (903 code ${code}): a stay here escalates`,
      );

  const reasons = [levelFit, homeArea, preferredArea, uasc, emergencyProvision, suitability];
  let total = 0;
  for (const r of reasons) total += r.effect as number;
  return { score: Math.round(total), reasons };
}

/** The soft-preference score of a bed and the reasons that make it up (hard rules not checked). */
export function scoreBed(
  person: MatchPerson,
  request: MatchRequest,
  bed: MatchBed,
): { score: number; reasons: Reason[] } {
  return score(prepare(person, request), bed);
}

// ---------------------------------------------------------------------------------------------
// The whole match

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Last-resort tie-break, reached only for two entries with the same bed id (ids are primary keys). */
const cmpReasons = (a: Reason[], b: Reason[]): number => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = cmp(a[i].rule, b[i].rule) || cmp(a[i].detail, b[i].detail);
    if (c) return c;
  }
  return a.length - b.length;
};

/**
 * Splits beds into candidates (best first) and excluded (with every broken hard rule).
 *
 * Candidate order, a total order that does not depend on the input order:
 *   1. score, highest first;
 *   2. closeness of the level's rank to the assessed rank (0 when none assessed), closest first;
 *   3. level rank, lowest (most support) first;
 *   4. provider area, trimmed and lower-cased, A→Z (code-unit order, not locale-dependent);
 *   5. bed label, A→Z;  6. bed id, A→Z.
 * Excluded beds are sorted by bed id. (Should two input beds share an id, their reasons break the
 * tie, so even then the output does not depend on the input order.)
 *
 * Reason objects are shared between beds and frozen; arrays and the returned objects are not.
 * Throws RangeError when the date of birth, `neededBy` or `today` is not a real YYYY-MM-DD date.
 */
export function matchBeds(
  person: MatchPerson,
  request: MatchRequest,
  beds: MatchBed[],
  today: string,
): { candidates: Candidate[]; excluded: Excluded[] } {
  const p = prepareForRules(person, request, today);
  const candidates: Candidate[] = [];
  const candidateBeds: MatchBed[] = [];
  const excluded: Excluded[] = [];

  for (const bed of beds) {
    const broken = violations(p, bed);
    if (broken) {
      excluded.push({ bedId: bed.id, reasons: broken });
    } else {
      const s = score(p, bed);
      candidates.push({ bedId: bed.id, score: s.score, reasons: s.reasons });
      candidateBeds.push(bed);
    }
  }

  const order = rankCandidates(p, candidates, candidateBeds);
  excluded.sort((a, b) => cmp(a.bedId, b.bedId) || cmpReasons(a.reasons, b.reasons));

  return { candidates: order.map((i) => candidates[i]), excluded };
}

/**
 * The candidate order (see matchBeds) as indices into `candidates`. The numeric keys (score,
 * closeness, rank, area) are folded into one number per candidate so most comparisons are a
 * subtraction; only exact ties fall through to label, id and reasons.
 */
function rankCandidates(
  p: Prepared,
  candidates: Candidate[],
  candidateBeds: MatchBed[],
  need = candidates.length,
): number[] {
  const n = candidates.length;
  const areas = new Map<string, number>();
  for (const b of candidateBeds) areas.set(areaKey(p, b.provider.area), 0);
  [...areas.keys()].sort(cmp).forEach((a, i) => areas.set(a, i));
  const key = new Float64Array(n);
  let packed = areas.size < 16384;
  for (let i = 0; i < n && packed; i++) {
    const b = candidateBeds[i];
    const dist = p.needsRank === null ? 0 : Math.abs(b.level.rank - p.needsRank);
    const neg = 100_000 - candidates[i].score;
    if (
      neg < 0 ||
      neg >= 200_000 ||
      dist > 127 ||
      b.level.rank < 0 ||
      b.level.rank > 127 ||
      !Number.isInteger(candidates[i].score)
    )
      packed = false;
    else key[i] = ((neg * 128 + dist) * 128 + b.level.rank) * 16384 + areas.get(areaKey(p, b.provider.area))!;
  }
  let order = Array.from({ length: n }, (_, i) => i);
  if (packed && need < n) {
    // Only the first `need` are wanted: find the need-th smallest key with a native numeric sort,
    // keep every candidate at or under it (ties included) and sort just those.
    const threshold = need === 0 ? -Infinity : Float64Array.from(key).sort()[need - 1];
    order = order.filter((i) => key[i] <= threshold);
  }
  const tail = (i: number, j: number) =>
    cmp(candidateBeds[i].label, candidateBeds[j].label) ||
    cmp(candidates[i].bedId, candidates[j].bedId) ||
    cmpReasons(candidates[i].reasons, candidates[j].reasons);
  if (packed) {
    order.sort((i, j) => key[i] - key[j] || tail(i, j));
  } else {
    const dist = (b: MatchBed) => (p.needsRank === null ? 0 : Math.abs(b.level.rank - p.needsRank));
    order.sort(
      (i, j) =>
        candidates[j].score - candidates[i].score ||
        dist(candidateBeds[i]) - dist(candidateBeds[j]) ||
        candidateBeds[i].level.rank - candidateBeds[j].level.rank ||
        cmp(areaKey(p, candidateBeds[i].provider.area), areaKey(p, candidateBeds[j].provider.area)) ||
        tail(i, j),
    );
  }
  return order;
}

export interface MatchPageOptions {
  offset: number;
  limit: number;
  excludedOffset: number;
  excludedLimit: number;
}

export interface MatchPage {
  candidates: Candidate[];
  excluded: Excluded[];
  candidatesTotal: number;
  excludedTotal: number;
  /** How many beds each hard rule excluded (a bed breaking two rules counts under both). */
  excludedByRule: Record<string, number>;
}

/**
 * One page of matchBeds: the same rules, scores and order, without building an entry for every
 * excluded bed (at 50,000 beds most are excluded, and most of matchBeds' cost is those entries).
 * Equal to slicing matchBeds' lists; a property test holds it to that.
 */
export function matchPage(
  person: MatchPerson,
  request: MatchRequest,
  beds: MatchBed[],
  today: string,
  page: MatchPageOptions,
): MatchPage {
  const p = prepareForRules(person, request, today);
  const candidates: Candidate[] = [];
  const candidateBeds: MatchBed[] = [];
  const excludedIdx: number[] = [];
  const excludedByRule: Record<string, number> = {};
  for (let i = 0; i < beds.length; i++) {
    const bed = beds[i];
    if (countViolations(p, bed, excludedByRule)) {
      excludedIdx.push(i);
    } else {
      const s = score(p, bed);
      candidates.push({ bedId: bed.id, score: s.score, reasons: s.reasons });
      candidateBeds.push(bed);
    }
  }
  const order = rankCandidates(p, candidates, candidateBeds, page.offset + page.limit);
  let inIdOrder = true; // the usual case: the inventory comes sorted by id, and a sorted array needs no sort
  for (let k = 1; k < excludedIdx.length && inIdOrder; k++)
    inIdOrder = beds[excludedIdx[k - 1]].id < beds[excludedIdx[k]].id;
  if (!inIdOrder)
    excludedIdx.sort(
      (a, b) => cmp(beds[a].id, beds[b].id) || cmpReasons(violations(p, beds[a])!, violations(p, beds[b])!),
    );
  return {
    candidates: order.slice(page.offset, page.offset + page.limit).map((i) => candidates[i]),
    excluded: excludedIdx
      .slice(page.excludedOffset, page.excludedOffset + page.excludedLimit)
      .map((i) => ({ bedId: beds[i].id, reasons: violations(p, beds[i])! })),
    candidatesTotal: candidates.length,
    excludedTotal: excludedIdx.length,
    excludedByRule,
  };
}
