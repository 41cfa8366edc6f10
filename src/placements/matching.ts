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
import type { AccommodationCode, BedStatus } from '../inventory/inventory.entities';
import { ageOn, isValidDate } from '../young-people/eligibility';

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
export const SOFT_RULES = ['level_fit', 'home_area', 'preferred_area', 'uasc_specialism', 'emergency_provision', 'suitability'] as const;
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

/** SSDA903 codes never suitable for a 16-17 year old. */
const UNDER_18_NEVER = new Map<AccommodationCode, string>([
  ['W', 'bed and breakfast / hotel'],
  ['V', 'emergency hostel / night shelter'],
  ['T', 'foyer'],
]);
/** SSDA903 codes that describe a situation, not a placement anyone can be offered. */
const NOT_PLACEMENTS = new Map<AccommodationCode, string>([
  ['S', 'no fixed abode'],
  ['X', 'custody'],
]);

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
    if (byK1 === undefined) this.byRule.set(rule, (byK1 = new Map()));
    let byK2 = byK1.get(k1);
    if (byK2 === undefined) byK1.set(k1, (byK2 = new Map()));
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
  if (!isValidDate(request.neededBy)) throw new RangeError(`neededBy is not a real date (YYYY-MM-DD): ${JSON.stringify(request.neededBy)}`);
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

/** The broken hard rules, in HARD_RULES order; null when there are none (no array allocated). */
function violations(p: Prepared4Rules, bed: MatchBed): Reason[] | null {
  const { age, under18, agedOn, moveIn } = p;
  const level = bed.level;
  const code = level.accommodationCode;
  let out: Reason[] | null = null;
  /** Adds the shared reason for `rule`, made from exactly the bed values k1 and k2. */
  const add = (rule: HardRule, k1: unknown, k2: unknown, detail: () => string) => {
    (out ??= []).push(p.pool.get(rule, k1, k2, 'excluded', detail));
  };

  if (age < bed.minAge || age > bed.maxAge) {
    add('age_range_bed', bed.minAge, bed.maxAge, () => `${agedOn}; this bed takes ${bed.minAge}–${bed.maxAge}`);
  }
  if (age < level.minAge || age > level.maxAge) {
    add('age_range_level', level.minAge, level.maxAge, () => `${agedOn}; this service level takes ${level.minAge}–${level.maxAge}`);
  }
  if (under18 && !(bed.provider.ofstedUrn && bed.provider.ofstedUrn.trim())) {
    add('ofsted_registration', null, null, () => `${agedOn}; under-18s need an Ofsted-registered provider and this provider has no Ofsted URN`);
  }
  if (under18 && UNDER_18_NEVER.has(code)) {
    add('unsuitable_for_under_18', code, null, () => `${agedOn}; ${code} (${UNDER_18_NEVER.get(code)}) is never suitable for under-18s`);
  }
  if (NOT_PLACEMENTS.has(code)) {
    add('never_placeable', code, null, () => `Service level coded ${code} (${NOT_PLACEMENTS.get(code)}) is not a placement`);
  }
  if (bed.under18Only && !under18) add('under_18_only', null, null, () => `${agedOn}; this bed is for under-18s only`);
  if (bed.over18Only && under18) add('over_18_only', null, null, () => `${agedOn}; this bed is for over-18s only`);
  if (bed.gender !== 'any' && bed.gender !== p.gender) {
    add('gender', bed.gender, null, () =>
      p.gender === 'female' || p.gender === 'male'
        ? `This bed is ${bed.gender}-only; the young person is ${p.gender}`
        : `This bed is ${bed.gender}-only; a young person whose gender is ${p.gender} is offered 'any'-gender beds only`,
    );
  }
  if (p.fire && !bed.acceptsFireRisk) add('fire_risk', null, null, () => 'Fire-setting risk flagged; this bed does not accept fire-setting risk');
  if (p.sexualHarm && !bed.acceptsSexualHarmRisk) {
    add('sexual_harm_risk', null, null, () => 'Sexual-harm risk flagged; this bed does not accept sexual-harm risk');
  }
  if (p.stepFree && !bed.stepFree) add('step_free', null, null, () => 'Needs step-free access; this bed is not step-free');
  if (p.pet && !bed.petsAllowed) add('pets', null, null, () => 'Has a pet; this bed does not allow pets');
  const from = bed.availableFrom !== null && bed.availableFrom > moveIn ? bed.availableFrom : null;
  if (bed.status !== 'available' || from !== null) {
    add('availability', bed.status, from, () => {
      const notAvailable = `Bed is ${bed.status.replace('_', ' ')}, not available`;
      const late = `available from ${from}, after the move-in date ${moveIn}`;
      if (from === null) return notAvailable;
      return bed.status === 'available' ? `Only ${late}` : `${notAvailable}; ${late}`;
    });
  }
  if (p.avoid.size > 0 && p.avoid.has(areaKey(p, bed.provider.area))) {
    add('area_to_avoid', bed.provider.area, null, () => `Provider is in ${bed.provider.area}, one of the young person's areas to avoid`);
  }
  if (p.levels !== null && !p.levels.has(level.id)) {
    add('service_level_not_requested', level.id, null, () => `Service level ${level.id} is not among the requested service levels`);
  }
  return out;
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
  const reason = (rule: SoftRule, k1: unknown, k2: unknown, effect: number, detail: () => string) => p.pool.get(rule, k1, k2, effect, detail);

  let levelFit: Reason;
  if (needs === null) {
    levelFit = reason('level_fit', null, null, 0, () => 'No assessed support level; neutral');
  } else {
    const steps = Math.abs(rank - needs);
    const more = rank < needs;
    levelFit = reason('level_fit', rank, null, w.levelExact - steps * (more ? w.levelStepMoreSupport : w.levelStepLessSupport), () =>
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
    ? reason('uasc_specialism', false, null, 0, () => (p.uasc ? 'Not a UASC specialist bed' : 'Not a UASC specialist bed; not UASC'))
    : p.uasc
      ? reason('uasc_specialism', true, null, w.uascSpecialistForUasc, () => 'UASC specialist bed for a UASC young person')
      : reason('uasc_specialism', true, null, w.uascSpecialistForOthers, () => 'UASC specialist bed, kept for UASC young people where possible');

  const emergencyProvision = !emergency
    ? reason('emergency_provision', false, null, 0, () => (p.emergency ? 'Not emergency provision (emergency request)' : 'Not emergency provision (planned move)'))
    : p.emergency
      ? reason('emergency_provision', true, null, w.emergencyForEmergency, () => 'Emergency provision for an emergency request')
      : reason('emergency_provision', true, null, w.emergencyForPlanned, () => 'Emergency provision, for a planned move');

  const suitability = suitable
    ? reason('suitability', code, true, 0, () => `Suitable accommodation (903 code ${code})`)
    : reason('suitability', code, false, w.unsuitableLevel, () => `Unsuitable accommodation (903 code ${code}): a stay here escalates`);

  const reasons = [levelFit, homeArea, preferredArea, uasc, emergencyProvision, suitability];
  let total = 0;
  for (const r of reasons) total += r.effect as number;
  return { score: Math.round(total), reasons };
}

/** The soft-preference score of a bed and the reasons that make it up (hard rules not checked). */
export function scoreBed(person: MatchPerson, request: MatchRequest, bed: MatchBed): { score: number; reasons: Reason[] } {
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

  const n = candidates.length;
  const dist = new Float64Array(n);
  const rank = new Float64Array(n);
  const area: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const b = candidateBeds[i];
    rank[i] = b.level.rank;
    dist[i] = p.needsRank === null ? 0 : Math.abs(b.level.rank - p.needsRank);
    area[i] = areaKey(p, b.provider.area);
  }
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort(
    (i, j) =>
      candidates[j].score - candidates[i].score ||
      dist[i] - dist[j] ||
      rank[i] - rank[j] ||
      cmp(area[i], area[j]) ||
      cmp(candidateBeds[i].label, candidateBeds[j].label) ||
      cmp(candidates[i].bedId, candidates[j].bedId) ||
      cmpReasons(candidates[i].reasons, candidates[j].reasons),
  );
  excluded.sort((a, b) => cmp(a.bedId, b.bedId) || cmpReasons(a.reasons, b.reasons));

  return { candidates: order.map((i) => candidates[i]), excluded };
}
